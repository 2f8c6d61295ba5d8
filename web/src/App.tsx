/** Decides what to show: sign-in (401/403), or the signed-in shell and its pages. */
import { Button, GridContainer } from "@trussworks/react-uswds";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useLocation } from "wouter";
import { ApiError, api } from "./api.ts";
import { AppHeader } from "./components/AppHeader.tsx";
import { ErrorAlert } from "./components/ErrorAlert.tsx";
import { SignInPage } from "./pages/SignInPage.tsx";
import { queries, queryKeys } from "./query.ts";
import { SignedInRoutes } from "./routes.tsx";
import { clearDeviceForSignOut } from "./workspace/sign-out.ts";

/** 401: nobody is signed in; 403: an identity that is not (or no longer) an active user, shown on the sign-in page. */
function signedOutRefusal(error: unknown): { refusal: ApiError | null } | null {
  if (error instanceof ApiError && error.status === 401) return { refusal: null };
  if (error instanceof ApiError && error.status === 403) return { refusal: error };
  return null;
}

export function App() {
  const client = useQueryClient();
  const [, navigate] = useLocation();
  const session = useQuery(queries.me());
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState<unknown>(null);
  const signedOut = session.isError ? signedOutRefusal(session.error) : null;
  const me = session.isError ? undefined : session.data;

  const signOut = async () => {
    setSigningOut(true);
    setSignOutError(null);
    // This person's open documents close and their local copies go before the session does.
    if (me && !(await clearDeviceForSignOut(me.id))) {
      setSigningOut(false);
      return;
    }
    try {
      await api.logout();
    } catch (error) {
      setSigningOut(false);
      setSignOutError(error);
      return;
    }
    const after = await session.refetch();
    if (after.isSuccess) {
      // Still signed in: the identity comes from Cloudflare Access, which has its own sign-out.
      window.location.assign("/cdn-cgi/access/logout");
      return;
    }
    // Nothing the last person could see may show for the next one.
    client.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me()[0] });
    setSigningOut(false);
    navigate("/", { replace: true });
  };

  return (
    <>
      <AppHeader user={me ?? null} onSignOut={() => void signOut()} signingOut={signingOut} />
      <main id="main-content" className="tip-main" tabIndex={-1}>
        {signOutError ? (
          <GridContainer>
            <ErrorAlert error={signOutError} heading="Sign-out failed" />
          </GridContainer>
        ) : null}
        {session.isPending ? (
          <GridContainer>
            <p className="margin-top-4 text-base-dark">Loading…</p>
          </GridContainer>
        ) : null}
        {session.isError && !signedOut ? (
          <GridContainer>
            <ErrorAlert error={session.error} heading="TIP Clearance could not start">
              <Button type="button" outline className="margin-top-1" onClick={() => void session.refetch()}>
                Try again
              </Button>
            </ErrorAlert>
          </GridContainer>
        ) : null}
        {signedOut ? <SignInPage refusal={signedOut.refusal} onSignedIn={() => void session.refetch()} /> : null}
        {me ? <SignedInRoutes me={me} /> : null}
      </main>
    </>
  );
}
