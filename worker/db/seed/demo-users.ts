/** Demo people for local use only (never loaded with --remote). One or more of every role, by region. */
import { REGIONS } from "#shared/regions.ts";
import type { ClearingOfficeCode, Role, ScopeType } from "#shared/roles.ts";

export interface DemoGrant {
  role: Role;
  scopeType: ScopeType;
  regionCode?: string;
  countryId?: string;
  officeCode?: ClearingOfficeCode;
}

export interface DemoUser {
  id: string;
  email: string;
  name: string;
  grants: DemoGrant[];
}

const DOMAIN = "tip.example.gov";

const regionalStaff: DemoUser[] = REGIONS.flatMap((region) => {
  const r = region.code.toLowerCase();
  const people: DemoUser[] = [
    {
      id: `demo-drafter-${r}`,
      email: `drafter.${r}@${DOMAIN}`,
      name: `${region.code} Drafting Officer`,
      grants: [{ role: "drafter", scopeType: "region", regionCode: region.code }],
    },
    {
      id: `demo-reviewer-${r}`,
      email: `reviewer.${r}@${DOMAIN}`,
      name: `${region.code} Reviewer`,
      grants: [{ role: "reviewer", scopeType: "region", regionCode: region.code }],
    },
    {
      id: `demo-bureau-${r}`,
      email: `bureau.${r}@${DOMAIN}`,
      name: `${region.code} Bureau Clearer`,
      grants: [{ role: "clearer", scopeType: "region", regionCode: region.code, officeCode: region.code }],
    },
  ];
  return people;
});

export const DEMO_USERS: DemoUser[] = [
  { id: "demo-admin", email: `admin@${DOMAIN}`, name: "Avery Admin", grants: [{ role: "admin", scopeType: "global" }] },
  { id: "demo-ambassador", email: `ambassador@${DOMAIN}`, name: "Morgan Ambassador", grants: [{ role: "leadership", scopeType: "global" }] },
  { id: "demo-drl", email: `clearer.drl@${DOMAIN}`, name: "Dana DRL Clearer", grants: [{ role: "clearer", scopeType: "global", officeCode: "DRL" }] },
  { id: "demo-legal", email: `clearer.legal@${DOMAIN}`, name: "Lee Legal Adviser", grants: [{ role: "clearer", scopeType: "global", officeCode: "L" }] },
  // The TIP Office writes and edits the report's own chapters (report sections need a global grant).
  { id: "demo-tip-writer", email: `tip.writer@${DOMAIN}`, name: "Jordan TIP Report Writer", grants: [{ role: "drafter", scopeType: "global" }] },
  { id: "demo-tip-editor", email: `tip.editor@${DOMAIN}`, name: "Riley TIP Senior Editor", grants: [{ role: "reviewer", scopeType: "global" }] },
  ...regionalStaff,
  // Embassy reporting officers who co-draft one narrative alongside the regional officer.
  {
    id: "demo-embassy-kabul-1",
    email: `kabul.one@${DOMAIN}`,
    name: "Kabul Reporting Officer",
    grants: [{ role: "drafter", scopeType: "country", countryId: "afghanistan" }],
  },
  {
    id: "demo-embassy-kabul-2",
    email: `kabul.two@${DOMAIN}`,
    name: "Kabul Political Officer",
    grants: [{ role: "drafter", scopeType: "country", countryId: "afghanistan" }],
  },
  {
    id: "demo-embassy-dhaka",
    email: `dhaka@${DOMAIN}`,
    name: "Dhaka Reporting Officer",
    grants: [{ role: "drafter", scopeType: "country", countryId: "bangladesh" }],
  },
  {
    id: "demo-embassy-manama",
    email: `manama@${DOMAIN}`,
    name: "Manama Reporting Officer",
    grants: [{ role: "drafter", scopeType: "country", countryId: "bahrain" }],
  },
];
