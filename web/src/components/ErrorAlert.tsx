/** Shows any failure as a USWDS error alert: the server's message, plus the request id support can look up. */
import { Alert, AlertHeading, AlertText } from "@trussworks/react-uswds";
import type { ReactNode } from "react";
import { ApiError } from "../api.ts";

export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong. Please try again.";
}

interface Props {
  error: unknown;
  heading?: string;
  /** Replaces the error's own message (e.g. a friendlier wording for 404). */
  message?: string;
  children?: ReactNode;
}

export function ErrorAlert({ error, heading = "Something went wrong", message, children }: Props) {
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <Alert type="error" data-testid="error-alert" role="alert" className="margin-y-3">
      <AlertHeading level="h2">{heading}</AlertHeading>
      <AlertText>{message ?? errorMessage(error)}</AlertText>
      {requestId ? <AlertText className="font-body-3xs text-base-dark">Request id: {requestId}</AlertText> : null}
      {children}
    </Alert>
  );
}
