import { describe, expect, it } from "vitest";
import type { CurrentUser, RoleGrant } from "../../worker/auth/current-user.ts";
import {
  assertCanEditWithText,
  assertCanReadAudit,
  assertThreadDecision,
  canAcceptSuggestion,
  canFileSubmissionFor,
  canReadSubmission,
  canPreviewReport,
  canCommentOn,
  canEditDocument,
  canMarkBlocking,
  canReadDocument,
  canRejectSuggestion,
  canReopenThread,
  canResolveThread,
  listScope,
  publishedTablesReader,
  threadRights,
  type DocumentScope,
  type ThreadDecision,
  type ThreadScope,
} from "../../worker/policy/policy.ts";
import type { WorkflowState } from "#shared/workflow-states.ts";

const user = (...grants: Omit<RoleGrant, "id">[]): CurrentUser => ({
  id: "u",
  email: "u@x",
  name: "U",
  grants: grants.map((g, i) => ({ id: String(i), ...g })),
});
const g = (role: RoleGrant["role"], scope: "global" | `region:${string}` | `country:${string}`, officeCode: string | null = null): Omit<RoleGrant, "id"> => {
  const [scopeType, value] = scope.split(":") as [RoleGrant["scopeType"], string | undefined];
  return { role, scopeType, regionCode: scopeType === "region" ? value! : null, countryId: scopeType === "country" ? value! : null, officeCode };
};
const narrative = (countryId: string, regionCode: string, state: WorkflowState = "drafting"): DocumentScope => ({
  id: `2025-${countryId}`,
  kind: "country_narrative",
  countryId,
  regionCode,
  state,
});
const section: DocumentScope = { id: "2025-section-methodology", kind: "report_section", countryId: null, regionCode: null, state: "drafting" };

describe("canReadDocument", () => {
  const cases: [string, CurrentUser, DocumentScope, boolean][] = [
    ["Africa drafter reads an Africa narrative", user(g("drafter", "region:AF")), narrative("angola", "AF"), true],
    ["Africa drafter cannot read a Europe narrative", user(g("drafter", "region:AF")), narrative("france", "EUR"), false],
    ["Africa drafter cannot read a report section", user(g("drafter", "region:AF")), section, false],
    ["embassy drafter reads their country", user(g("drafter", "country:bahrain")), narrative("bahrain", "NEA"), true],
    ["embassy drafter cannot read a neighbour", user(g("drafter", "country:bahrain")), narrative("qatar", "NEA"), false],
    ["global clearer reads everything", user(g("clearer", "global", "L")), section, true],
    ["a user with no grants reads nothing", user(), narrative("angola", "AF"), false],
  ];
  it.each(cases)("%s", (_n, u, doc, expected) => expect(canReadDocument(u, doc)).toBe(expected));
});

describe("canEditDocument", () => {
  const cases: [string, CurrentUser, WorkflowState, boolean][] = [
    ["drafter edits while drafting", user(g("drafter", "region:AF")), "drafting", true],
    ["drafter edits when returned", user(g("drafter", "region:AF")), "returned", true],
    ["drafter edits in review", user(g("drafter", "region:AF")), "in_review", true],
    ["reviewer edits in review", user(g("reviewer", "region:AF")), "in_review", true],
    ["reviewer does not edit while drafting", user(g("reviewer", "region:AF")), "drafting", false],
    ["nobody edits in clearance", user(g("drafter", "region:AF"), g("reviewer", "region:AF")), "in_clearance", false],
    ["leadership does not type into the text", user(g("leadership", "global")), "drafting", false],
    ["drafter of another region does not edit", user(g("drafter", "region:EUR")), "drafting", false],
  ];
  it.each(cases)("%s", (_n, u, state, expected) => expect(canEditDocument(u, narrative("angola", "AF", state))).toBe(expected));
});

describe("assertCanEditWithText (the figures that go with the text)", () => {
  const refusal = (u: CurrentUser, state: WorkflowState) => {
    try {
      assertCanEditWithText(u, narrative("angola", "AF", state), "its figures");
      return "allowed";
    } catch (error) {
      const e = error as { status: number; code: string };
      return `${e.status} ${e.code}`;
    }
  };
  const cases: [string, CurrentUser, WorkflowState, string][] = [
    ["drafter while drafting: allowed", user(g("drafter", "region:AF")), "drafting", "allowed"],
    ["reviewer in review: allowed", user(g("reviewer", "region:AF")), "in_review", "allowed"],
    ["clearer: 403, the role never edits", user(g("clearer", "region:AF", "AF")), "drafting", "403 forbidden"],
    ["leadership: 403, the role never edits", user(g("leadership", "global")), "in_review", "403 forbidden"],
    ["reviewer while drafting: 409, not at this stage", user(g("reviewer", "region:AF")), "drafting", "409 wrong_state"],
    ["drafter in clearance: 409, locked", user(g("drafter", "region:AF")), "in_clearance", "409 text_locked"],
    ["drafter once cleared: 409, locked", user(g("drafter", "region:AF")), "cleared", "409 text_locked"],
  ];
  it.each(cases)("%s", (_n, u, state, expected) => expect(refusal(u, state)).toBe(expected));
});

describe("listScope", () => {
  it("is everything for any global grant, else the union of regions and countries", () => {
    expect(listScope(user(g("drafter", "region:AF"), g("clearer", "global", "DRL")))).toEqual({ all: true });
    expect(listScope(user(g("drafter", "region:AF"), g("drafter", "country:bahrain")))).toEqual({ all: false, regionCodes: ["AF"], countryIds: ["bahrain"] });
    expect(listScope(user(g("drafter", "region:AF"), g("leadership", "global")), ["drafter"])).toEqual({ all: false, regionCodes: ["AF"], countryIds: [] });
  });
});

describe("assertCanReadAudit", () => {
  const whole = { filtered: false } as const;
  const about = (doc: DocumentScope) => ({ filtered: true, doc }) as const;
  const cases: [string, CurrentUser, Parameters<typeof assertCanReadAudit>[1], "allowed" | 403 | 404][] = [
    ["admin reads the whole trail", user(g("admin", "global")), whole, "allowed"],
    ["leadership reads the whole trail", user(g("leadership", "global")), whole, "allowed"],
    ["a global clearer may not read the whole trail", user(g("clearer", "global", "DRL")), whole, 403],
    ["a drafter may not read the whole trail", user(g("drafter", "region:AF")), whole, 403],
    ["a drafter reads the trail of a document they can read", user(g("drafter", "region:AF")), about(narrative("angola", "AF")), "allowed"],
    ["a drafter may not read the trail of a document they cannot see", user(g("drafter", "region:AF")), about(narrative("france", "EUR")), 404],
    ["a drafter asking about a missing document", user(g("drafter", "region:AF")), { filtered: true, doc: null }, 404],
  ];
  it.each(cases)("%s", (_n, u, document, expected) => {
    let outcome: "allowed" | number = "allowed";
    try {
      assertCanReadAudit(u, document);
    } catch (error) {
      outcome = (error as { status: number }).status;
    }
    expect(outcome).toBe(expected);
  });
});

describe("comment threads", () => {
  const drafter = user(g("drafter", "region:AF"));
  const reviewer = user(g("reviewer", "region:AF"));
  const clearer = user(g("clearer", "global", "L"));
  const leader = user(g("leadership", "global"));
  const outsider = user(g("drafter", "region:EUR"));
  const thread = (kind: ThreadScope["kind"], state: ThreadScope["state"] = "open", authorId = "someone-else"): ThreadScope => ({ kind, state, authorId });

  describe("canCommentOn: anyone who reads the document, read-only roles included", () => {
    const cases: [string, CurrentUser, WorkflowState, boolean][] = [
      ["drafter while drafting", drafter, "drafting", true],
      ["clearer in clearance (reads, never edits)", clearer, "in_clearance", true],
      ["leadership once cleared", leader, "cleared", true],
      ["reviewer while drafting (may not edit then)", reviewer, "drafting", true],
      ["a drafter of another region: no (cannot read it)", outsider, "drafting", false],
    ];
    it.each(cases)("%s", (_n, u, state, expected) => expect(canCommentOn(u, narrative("angola", "AF", state))).toBe(expected));
  });

  describe("canMarkBlocking: clearers and leadership", () => {
    const cases: [string, CurrentUser, boolean][] = [
      ["clearer", clearer, true],
      ["leadership", leader, true],
      ["drafter", drafter, false],
      ["reviewer", reviewer, false],
    ];
    it.each(cases)("%s", (_n, u, expected) => expect(canMarkBlocking(u, narrative("angola", "AF", "in_clearance"))).toBe(expected));
  });

  describe("resolving and reopening: the document's drafters and reviewers, and the thread's author", () => {
    const cases: [string, CurrentUser, ThreadScope, "resolve" | "reopen", boolean][] = [
      ["drafter resolves a clearer's comment", drafter, thread("comment"), "resolve", true],
      ["reviewer resolves a reopened comment", reviewer, thread("comment", "reopened"), "resolve", true],
      ["the clearer who wrote it resolves it", clearer, thread("comment", "open", "u"), "resolve", true],
      ["another clearer may not resolve it", clearer, thread("comment"), "resolve", false],
      ["leadership may not resolve another's comment", leader, thread("comment"), "resolve", false],
      ["a resolved comment is not resolved again", drafter, thread("comment", "resolved"), "resolve", false],
      ["a suggestion is accepted or rejected, not resolved", drafter, thread("suggestion"), "resolve", false],
      ["drafter reopens a resolved comment", drafter, thread("comment", "resolved"), "reopen", true],
      ["the author reopens it", clearer, thread("comment", "resolved", "u"), "reopen", true],
      ["an open comment is not reopened", drafter, thread("comment"), "reopen", false],
      ["a drafter of another region: no", outsider, thread("comment"), "resolve", false],
    ];
    it.each(cases)("%s", (_n, u, t, what, expected) =>
      expect((what === "resolve" ? canResolveThread : canReopenThread)(u, narrative("angola", "AF", "in_clearance"), t)).toBe(expected),
    );
  });

  describe("accepting a suggestion: whoever may edit the text now", () => {
    const cases: [string, CurrentUser, WorkflowState, ThreadScope, boolean][] = [
      ["drafter while drafting", drafter, "drafting", thread("suggestion"), true],
      ["reviewer in review", reviewer, "in_review", thread("suggestion"), true],
      ["reviewer while drafting (may not type then)", reviewer, "drafting", thread("suggestion"), false],
      ["drafter in clearance (text locked)", drafter, "in_clearance", thread("suggestion"), false],
      ["the clearer who suggested it (never edits)", clearer, "drafting", thread("suggestion", "open", "u"), false],
      ["an outdated suggestion", drafter, "drafting", thread("suggestion", "outdated"), false],
      ["a comment has nothing to accept", drafter, "drafting", thread("comment"), false],
    ];
    it.each(cases)("%s", (_n, u, state, t, expected) => expect(canAcceptSuggestion(u, narrative("angola", "AF", state), t)).toBe(expected));
  });

  describe("rejecting a suggestion: drafters and reviewers; the author withdraws", () => {
    const cases: [string, CurrentUser, ThreadScope, boolean][] = [
      ["drafter", drafter, thread("suggestion"), true],
      ["reviewer, even while drafting", reviewer, thread("suggestion"), true],
      ["the clearer who suggested it (withdraws)", clearer, thread("suggestion", "open", "u"), true],
      ["another clearer", clearer, thread("suggestion"), false],
      ["an accepted suggestion", drafter, thread("suggestion", "accepted"), false],
    ];
    it.each(cases)("%s", (_n, u, t, expected) => expect(canRejectSuggestion(u, narrative("angola", "AF", "drafting"), t)).toBe(expected));
  });

  describe("assertThreadDecision refuses with the status the route answers", () => {
    const outcome = (u: CurrentUser, state: WorkflowState, t: ThreadScope, decision: ThreadDecision) => {
      try {
        assertThreadDecision(u, narrative("angola", "AF", state), t, decision);
        return "allowed";
      } catch (error) {
        const e = error as { status: number; code: string };
        return `${e.status} ${e.code}`;
      }
    };
    const cases: [string, CurrentUser, WorkflowState, ThreadScope, ThreadDecision, string][] = [
      ["drafter accepts while drafting", drafter, "drafting", thread("suggestion"), "accept", "allowed"],
      ["drafter accepts in clearance: 409, locked", drafter, "in_clearance", thread("suggestion"), "accept", "409 text_locked"],
      ["clearer accepts: 403, the role never edits", clearer, "drafting", thread("suggestion"), "accept", "403 forbidden"],
      ["accepting a comment: 409", drafter, "drafting", thread("comment"), "accept", "409 wrong_thread_kind"],
      ["resolving a resolved comment: 409", drafter, "drafting", thread("comment", "resolved"), "resolve", "409 thread_state"],
      ["another clearer resolves: 403", clearer, "drafting", thread("comment"), "resolve", "403 forbidden"],
      ["rejecting an outdated suggestion: 409", drafter, "drafting", thread("suggestion", "outdated"), "reject", "409 thread_state"],
    ];
    it.each(cases)("%s", (_n, u, state, t, decision, expected) => expect(outcome(u, state, t, decision)).toBe(expected));
  });

  it("youMay answers the same questions", () => {
    expect(threadRights(clearer, narrative("angola", "AF", "in_clearance"), thread("suggestion", "open", "u"))).toEqual({
      reply: true,
      resolve: false,
      reopen: false,
      accept: false,
      reject: true,
    });
    expect(threadRights(drafter, narrative("angola", "AF", "drafting"), thread("suggestion"))).toEqual({
      reply: true,
      resolve: false,
      reopen: false,
      accept: true,
      reject: true,
    });
    expect(threadRights(drafter, narrative("angola", "AF", "cleared"), thread("comment", "resolved"))).toEqual({
      reply: true,
      resolve: false,
      reopen: true,
      accept: false,
      reject: false,
    });
  });
});

describe("the compiled report", () => {
  const cases: [string, CurrentUser, boolean][] = [
    ["global leadership previews", user(g("leadership", "global")), true],
    ["a global admin previews", user(g("admin", "global")), true],
    ["a global clearer does not: the preview holds every draft", user(g("clearer", "global", "L")), false],
    ["a regional reviewer does not", user(g("reviewer", "region:AF")), false],
    ["a drafter does not", user(g("drafter", "country:bahrain")), false],
  ];
  it.each(cases)("canPreviewReport: %s", (_n, u, expected) => expect(canPreviewReport(u)).toBe(expected));

  it("the published edition's tables are computed for a reader of every narrative, whoever asks", () => {
    const reader = publishedTablesReader(user(g("drafter", "country:bahrain")));
    expect(canReadDocument(reader, narrative("france", "EUR", "published"))).toBe(true);
    expect(canReadDocument(reader, section)).toBe(true);
    expect(reader.id).toBe("u");
  });
});

describe("submissions (docs/sources.md)", () => {
  const NG = { countryId: "nigeria", regionCode: "AF" };
  const GH = { countryId: "ghana", regionCode: "AF" };
  const BH = { countryId: "bahrain", regionCode: "NEA" };
  const read: [string, CurrentUser, (typeof NG)[], boolean][] = [
    ["Africa drafter reads one concerning Nigeria", user(g("drafter", "region:AF")), [NG], true],
    ["Europe drafter does not", user(g("drafter", "region:EUR")), [NG], false],
    ["Bahrain's embassy reads one concerning Nigeria and Bahrain", user(g("drafter", "country:bahrain")), [NG, BH], true],
    ["Bahrain's embassy does not read one concerning Nigeria only", user(g("drafter", "country:bahrain")), [NG], false],
    ["a global clearer reads every one", user(g("clearer", "global", "DRL")), [NG], true],
    ["a regional bureau clearer reads its region's", user(g("clearer", "region:AF", "AF")), [GH], true],
  ];
  it.each(read)("read: %s → %s", (_what, who, concerns, expected) => {
    expect(canReadSubmission(who, concerns)).toBe(expected);
  });

  const file: [string, CurrentUser, (typeof NG)[], boolean][] = [
    ["an admin files for any countries", user(g("admin", "global")), [NG, BH], true],
    ["an Africa drafter files for Nigeria and Ghana", user(g("drafter", "region:AF")), [NG, GH], true],
    ["an Africa reviewer files for Nigeria", user(g("reviewer", "region:AF")), [NG], true],
    ["an Africa drafter does not file for Nigeria and Bahrain", user(g("drafter", "region:AF")), [NG, BH], false],
    ["with the Near East grant too, they do", user(g("drafter", "region:AF"), g("reviewer", "region:NEA")), [NG, BH], true],
    ["an embassy officer does not file, even for their country", user(g("drafter", "country:bahrain")), [BH], false],
    ["a bureau clearer does not file", user(g("clearer", "region:AF", "AF")), [NG], false],
    ["leadership does not file", user(g("leadership", "global")), [NG], false],
    ["a global drafter (the TIP Office) files for any country", user(g("drafter", "global")), [NG, BH], true],
    ["nobody files for no country", user(g("drafter", "region:AF")), [], false],
  ];
  it.each(file)("file: %s → %s", (_what, who, concerns, expected) => {
    expect(canFileSubmissionFor(who, concerns)).toBe(expected);
  });
});
