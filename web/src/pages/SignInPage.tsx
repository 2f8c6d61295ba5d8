/** Sign-in: the demo user picker (AUTH_MODE=dev) or, when the deployment has none, a pointer to Cloudflare Access. */
import { Alert, AlertHeading, AlertText, Button, GridContainer } from "@trussworks/react-uswds";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, api, type DemoUser } from "../api.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { describeGrant } from "../format.ts";
import { ROLES, type Role } from "#shared/roles.ts";
import { usePageTitle } from "../page-title.ts";
import { queries } from "../query.ts";

interface Props {
  onSignedIn: () => void;
  /** Set when /api/me answered 403 (an identity that is not a user of this tool). */
  refusal?: ApiError | null;
}

const GROUP_LABELS: Record<Role, string> = {
  drafter: "Drafting officers",
  reviewer: "Reviewers",
  clearer: "Clearing offices",
  leadership: "Leadership",
  admin: "Administrators",
};

type Group = { key: Role | "none"; label: string; users: DemoUser[] };

/** Each user appears once, under the first of their roles in the canonical order. */
function groupByRole(users: DemoUser[]): Group[] {
  const groups: Group[] = [
    ...ROLES.map((role) => ({ key: role, label: GROUP_LABELS[role], users: [] as DemoUser[] })),
    { key: "none" as const, label: "No role assigned", users: [] },
  ];
  for (const user of users) {
    const primary = ROLES.find((role) => user.grants.some((g) => g.role === role)) ?? "none";
    groups.find((g) => g.key === primary)!.users.push(user);
  }
  return groups.filter((g) => g.users.length > 0);
}

export function SignInPage({ onSignedIn, refusal }: Props) {
  usePageTitle("Sign in");
  const users = useQuery(queries.demoUsers());
  const [pending, setPending] = useState<string | null>(null);
  const [loginError, setLoginError] = useState<unknown>(null);

  const signIn = async (email: string) => {
    setPending(email);
    setLoginError(null);
    try {
      await api.devLogin(email);
      onSignedIn();
    } catch (error) {
      setLoginError(error);
      setPending(null);
    }
  };

  const accessOnly = users.isError && users.error instanceof ApiError && users.error.status === 404;

  return (
    <GridContainer className="usa-section padding-top-4">
      <h1 className="margin-top-0">Sign in to TIP Clearance</h1>
      {refusal ? (
        <Alert type="warning" data-testid="not-a-user" className="margin-y-3">
          <AlertHeading level="h2">You do not have access</AlertHeading>
          <AlertText>{refusal.message}</AlertText>
        </Alert>
      ) : null}
      {accessOnly ? (
        <Alert type="info" data-testid="access-sign-in" className="margin-y-3">
          <AlertHeading level="h2">Sign in with your agency account</AlertHeading>
          <AlertText>
            This deployment signs you in through Cloudflare Access. Reload the page to sign in again, or contact the report administrator if access keeps
            failing.
          </AlertText>
        </Alert>
      ) : null}
      {users.isError && !accessOnly ? <ErrorAlert error={users.error} heading="Could not load the demo users" /> : null}
      {loginError ? <ErrorAlert error={loginError} heading="Sign-in failed" /> : null}
      {users.isPending ? <p className="text-base-dark">Loading users…</p> : null}
      {users.isSuccess ? (
        <>
          <p className="usa-intro">This is a demonstration deployment. Choose a person to sign in as; what you can see and do follows their roles.</p>
          {users.data.length === 0 ? <p>No active users. Run the seed script to load the demo users.</p> : null}
          {groupByRole(users.data).map((group) => (
            <section key={group.key} aria-labelledby={`role-${group.key}`} className="margin-top-4" data-testid={`role-group-${group.key}`}>
              <h2 id={`role-${group.key}`} className="margin-bottom-1">
                {group.label}
              </h2>
              <ul className="tip-user-list">
                {group.users.map((user) => (
                  <li key={user.email} data-testid="demo-user">
                    <div>
                      <div className="text-bold">{user.name}</div>
                      <div className="font-body-2xs text-base-dark">{user.email}</div>
                      <div className="font-body-2xs">{user.grants.length > 0 ? user.grants.map(describeGrant).join("; ") : "No role assigned"}</div>
                    </div>
                    <Button type="button" onClick={() => void signIn(user.email)} disabled={pending !== null}>
                      {pending === user.email ? "Signing in…" : "Sign in"}
                      <span className="usa-sr-only"> as {user.name}</span>
                    </Button>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      ) : null}
    </GridContainer>
  );
}
