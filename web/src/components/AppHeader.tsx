/** The USWDS banner and header: app name on the left, the signed-in user, their roles and "Sign out" on the right. */
import { Button, Header, Title } from "@trussworks/react-uswds";
import { Link } from "wouter";
import type { Me } from "../api.ts";
import { describeGrant, distinctRoles, roleLabel } from "../format.ts";
import { InboxLink } from "./InboxLink.tsx";
import { OfficialBanner } from "./OfficialBanner.tsx";

interface Props {
  user?: Me | null;
  onSignOut?: () => void;
  signingOut?: boolean;
}

export function AppHeader({ user, onSignOut, signingOut = false }: Props) {
  const roles = user ? distinctRoles(user.grants) : [];
  return (
    <>
      <a className="usa-skipnav" href="#main-content">
        Skip to main content
      </a>
      <OfficialBanner />
      <Header basic className="tip-header">
        <div className="tip-header__bar">
          <div className="tip-header__brand">
            <Title>
              <Link href="/" className="tip-header__home" title="TIP Clearance home">
                TIP Clearance
              </Link>
            </Title>
            <p className="tip-header__tagline">Trafficking in Persons Report · drafting and clearance</p>
          </div>
          {user ? (
            <div className="tip-header__user" data-testid="current-user">
              <nav aria-label="Your work">
                <Link href="/dashboard" className="usa-link text-bold text-no-wrap margin-right-2" data-testid="dashboard-link">
                  Dashboard
                </Link>
                <InboxLink />
                <Link href="/map" className="usa-link text-bold text-no-wrap margin-left-2" data-testid="map-link">
                  Map
                </Link>
                <Link href="/tiers" className="usa-link text-bold text-no-wrap margin-left-2" data-testid="tier-placements-link">
                  Tier placements
                </Link>
                <Link href="/comments" className="usa-link text-bold text-no-wrap margin-left-2" data-testid="comments-link">
                  Comments
                </Link>
                <Link href="/sources" className="usa-link text-bold text-no-wrap margin-left-2" data-testid="sources-header-link">
                  Sources
                </Link>
                {roles.includes("leadership") || roles.includes("admin") ? (
                  <Link href="/report" className="usa-link text-bold text-no-wrap margin-left-2" data-testid="report-link">
                    Report
                  </Link>
                ) : null}
                {/* The API is the access control; the header only leaves out what it would refuse. */}
                {user.grants.some((g) => (g.role === "leadership" || g.role === "admin") && g.scopeType === "global") ? (
                  <Link href="/audit" className="usa-link text-bold text-no-wrap margin-left-2" data-testid="audit-link">
                    Audit trail
                  </Link>
                ) : null}
                {roles.includes("admin") ? (
                  <Link href="/admin/users" className="usa-link text-bold text-no-wrap margin-left-2" data-testid="people-link">
                    People
                  </Link>
                ) : null}
              </nav>
              <div className="tip-header__who">
                <span className="tip-header__name" data-testid="current-user-name">
                  {user.name}
                </span>
                <span className="tip-header__roles" data-testid="current-user-roles" title={user.grants.map(describeGrant).join("\n")}>
                  {roles.length > 0 ? roles.map(roleLabel).join(", ") : "No role assigned"}
                </span>
              </div>
              <Button type="button" outline className="margin-right-0" onClick={onSignOut} disabled={signingOut}>
                {signingOut ? "Signing out…" : "Sign out"}
              </Button>
            </div>
          ) : null}
        </div>
      </Header>
    </>
  );
}
