/** Decides what to show: sign-in (401/403), or the signed-in shell and its pages. */
import { Alert, AlertText, Button, GridContainer } from "@trussworks/react-uswds";
import { useCallback, useEffect, useState } from "react";
import { ApiError, api, type Cycle, type Me } from "./api.ts";
import { AppHeader } from "./components/AppHeader.tsx";
import { ErrorAlert } from "./components/ErrorAlert.tsx";
import { DocumentListPage } from "./pages/DocumentListPage.tsx";
import { DocumentPage } from "./pages/DocumentPage.tsx";
import { InboxPage } from "./pages/InboxPage.tsx";
import { LawEnforcementPage } from "./pages/LawEnforcementPage.tsx";
import { SignInPage } from "./pages/SignInPage.tsx";
import { TierHistoryImportPage } from "./pages/TierHistoryImportPage.tsx";
import { TierPlacementsPage } from "./pages/TierPlacementsPage.tsx";
import { Link, navigate, useLocation } from "./router.tsx";
import { useApi, usePageTitle } from "./useApi.ts";
import { clearDeviceForSignOut } from "./workspace/sign-out.ts";

type Session =
  | { status: "loading" }
  | { status: "signedOut"; refusal: ApiError | null }
  | { status: "error"; error: unknown }
  | { status: "signedIn"; me: Me };

async function loadSession(): Promise<Session> {
  try {
    return { status: "signedIn", me: await api.me() };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { status: "signedOut", refusal: null };
    if (error instanceof ApiError && error.status === 403) return { status: "signedOut", refusal: error };
    return { status: "error", error };
  }
}

export function App() {
  const [session, setSession] = useState<Session>({ status: "loading" });
  const [signingOut, setSigningOut] = useState(false);
  const refresh = useCallback(() => void loadSession().then(setSession), []);
  useEffect(refresh, [refresh]);

  const [signOutError, setSignOutError] = useState<unknown>(null);

  const signOut = async () => {
    setSigningOut(true);
    setSignOutError(null);
    if (session.status === "signedIn" && !(await clearDeviceForSignOut(session.me.id))) {
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
    const next = await loadSession();
    if (next.status === "signedIn") {
      // Still signed in: the identity comes from Cloudflare Access, which has its own sign-out.
      window.location.assign("/cdn-cgi/access/logout");
      return;
    }
    setSigningOut(false);
    navigate("/", { replace: true });
    setSession(next);
  };

  return (
    <>
      <AppHeader user={session.status === "signedIn" ? session.me : null} onSignOut={() => void signOut()} signingOut={signingOut} />
      <main id="main-content" className="tip-main" tabIndex={-1}>
        {signOutError ? (
          <GridContainer>
            <ErrorAlert error={signOutError} heading="Sign-out failed" />
          </GridContainer>
        ) : null}
        {session.status === "loading" ? (
          <GridContainer>
            <p className="margin-top-4 text-base">Loading…</p>
          </GridContainer>
        ) : null}
        {session.status === "error" ? (
          <GridContainer>
            <ErrorAlert error={session.error} heading="TIP Clearance could not start">
              <Button type="button" outline className="margin-top-1" onClick={refresh}>
                Try again
              </Button>
            </ErrorAlert>
          </GridContainer>
        ) : null}
        {session.status === "signedOut" ? <SignInPage refusal={session.refusal} onSignedIn={refresh} /> : null}
        {session.status === "signedIn" ? <SignedIn me={session.me} /> : null}
      </main>
    </>
  );
}

/** Routes for a signed-in user. The current cycle is loaded once and shared by the pages that need it. */
function SignedIn({ me }: { me: Me }) {
  const { pathname } = useLocation();
  const cycles = useApi((signal) => api.cycles(signal), []);
  const documentMatch = /^\/documents\/([^/]+)\/?$/.exec(pathname);
  const tiersMatch = /^\/cycles\/(\d{4})\/tiers\/?$/.exec(pathname);

  if (documentMatch) return <DocumentPage id={decodeURIComponent(documentMatch[1]!)} me={me} />;
  if (pathname === "/inbox" || pathname === "/inbox/") return <InboxPage />;
  const lawEnforcementMatch = /^\/cycles\/(\d{4})\/law-enforcement\/?$/.exec(pathname);
  if (lawEnforcementMatch) return <LawEnforcementPage year={Number(lawEnforcementMatch[1])} />;
  if (tiersMatch) return <TierPlacementsPage year={Number(tiersMatch[1])} me={me} />;
  if (pathname === "/admin/tier-history" || pathname === "/admin/tier-history/") return <TierHistoryImportPage />;
  const tiersHome = pathname === "/tiers" || pathname === "/tiers/";
  if (pathname !== "/" && !tiersHome) return <NotFound />;
  if (cycles.status === "loading") {
    return (
      <GridContainer>
        <p className="margin-top-4 text-base">Loading the report cycle…</p>
      </GridContainer>
    );
  }
  if (cycles.status === "error") {
    return (
      <GridContainer>
        <ErrorAlert error={cycles.error} heading="Could not load the report cycle">
          <Button type="button" outline className="margin-top-1" onClick={cycles.reload}>
            Try again
          </Button>
        </ErrorAlert>
      </GridContainer>
    );
  }
  const current: Cycle | undefined = cycles.data[0];
  if (!current) {
    return (
      <GridContainer>
        <Alert type="info" className="margin-top-4" data-testid="no-cycle">
          <AlertText>No report cycle has been set up yet. An administrator needs to create one before documents appear here.</AlertText>
        </Alert>
      </GridContainer>
    );
  }
  // The tier tables open on the last published report: the year before the current cycle.
  if (tiersHome) return <Redirect to={`/cycles/${current.year - 1}/tiers`} />;
  return <DocumentListPage cycle={current} />;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function NotFound() {
  usePageTitle("Page not found");
  return (
    <GridContainer>
      <h1 className="margin-top-4">Page not found</h1>
      <p>
        There is no page at this address. <Link href="/">Go to the document list</Link>.
      </p>
    </GridContainer>
  );
}
