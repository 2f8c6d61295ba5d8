import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "#shared/roles.ts";
import { WORKFLOW_STATE_CODES } from "#shared/workflow-states.ts";
import {
  ACTION_RULES,
  availableActions,
  canEditInState,
  checkAction,
  nextState,
  sideRights,
  tableAllows,
  WORKFLOW_ACTIONS,
  type ActionContext,
} from "#shared/workflow.ts";

const ctx = (over: Partial<Omit<ActionContext, "roles">> & { roles: Role[] }): ActionContext => ({
  state: "drafting",
  kind: "country_narrative",
  hasApprovedTier: true,
  callerOffices: [],
  pendingOffices: [],
  ...over,
  roles: new Set(over.roles),
});

describe("the transition table", () => {
  // (action, role, from) -> to: every allowed move, written out so a change to the table is a visible change here.
  const allowed: [string, Role, string, string][] = [
    ["submit", "drafter", "drafting", "in_review"],
    ["submit", "drafter", "returned", "in_review"],
    ["return", "reviewer", "in_review", "returned"],
    ["approve", "reviewer", "in_review", "in_clearance"],
    ["recall", "reviewer", "in_clearance", "in_review"],
    ["clear", "clearer", "in_clearance", "in_clearance"],
    ["send_back", "clearer", "in_clearance", "in_review"],
    ["proceed_without", "leadership", "in_clearance", "in_clearance"],
    ["final_clear", "leadership", "final_review", "cleared"],
    ["reopen", "leadership", "final_review", "in_review"],
    ["reopen", "leadership", "cleared", "in_review"],
  ];

  it.each(allowed)("%s by %s from %s leads to %s", (action, role, from, to) => {
    expect(tableAllows(role, from as never, action as never)).toBe(true);
    expect(ACTION_RULES[action as never as keyof typeof ACTION_RULES].to).toBe(to);
  });

  it("allows nothing else for any (role, state, action)", () => {
    const extra: string[] = [];
    for (const role of ROLES)
      for (const state of WORKFLOW_STATE_CODES)
        for (const action of WORKFLOW_ACTIONS)
          if (tableAllows(role, state, action) && !allowed.some(([a, r, f]) => a === action && r === role && f === state))
            extra.push(`${action}/${role}/${state}`);
    expect(extra).toEqual([]);
  });

  it("publish is never offered on a single document, not even to an admin", () => {
    const check = checkAction(ctx({ roles: ["admin"], state: "cleared" }), { action: "publish" });
    expect(check).toMatchObject({ ok: false, refusal: { status: 403, code: "action_not_offered" } });
  });
});

describe("checkAction: what each action requires", () => {
  it.each([
    ["return", "reviewer", "in_review"],
    ["recall", "reviewer", "in_clearance"],
    ["reopen", "leadership", "cleared"],
  ] as const)("%s needs a comment", (action, role, state) => {
    expect(checkAction(ctx({ roles: [role], state }), { action, comment: "  " })).toMatchObject({
      ok: false,
      refusal: { status: 400, code: "comment_required" },
    });
    expect(checkAction(ctx({ roles: [role], state }), { action, comment: "Because." }).ok).toBe(true);
  });

  it("proceed_without needs a comment and names a pending office", () => {
    const c = ctx({ roles: ["leadership"], state: "in_clearance", pendingOffices: ["L", "DRL"] });
    expect(checkAction(c, { action: "proceed_without", office: "L" })).toMatchObject({ ok: false, refusal: { code: "comment_required" } });
    expect(checkAction(c, { action: "proceed_without", comment: "Deadline" })).toMatchObject({ ok: false, refusal: { status: 400, code: "office_required" } });
    expect(checkAction(c, { action: "proceed_without", comment: "Deadline", office: "NEA" })).toMatchObject({
      ok: false,
      refusal: { status: 409, code: "office_not_pending" },
    });
    expect(checkAction(c, { action: "proceed_without", comment: "Deadline", office: "L" })).toMatchObject({ ok: true, office: "L" });
  });

  it("approve of a country narrative needs an approved tier; a report section does not", () => {
    expect(checkAction(ctx({ roles: ["reviewer"], state: "in_review", hasApprovedTier: false }), { action: "approve" })).toMatchObject({
      ok: false,
      refusal: { status: 409, code: "approved_tier_required" },
    });
    expect(checkAction(ctx({ roles: ["reviewer"], state: "in_review", hasApprovedTier: false, kind: "report_section" }), { action: "approve" }).ok).toBe(true);
  });

  it("a clearer sends back only for their own pending office, and says what must change", () => {
    const c = ctx({ roles: ["clearer"], state: "in_clearance", callerOffices: ["L"], pendingOffices: ["DRL", "L"] });
    expect(checkAction(c, { action: "send_back" })).toMatchObject({ ok: false, refusal: { code: "comment_required" } });
    expect(checkAction(c, { action: "send_back", comment: "Cite the statute." })).toMatchObject({ ok: true, office: "L" });
    expect(checkAction(c, { action: "send_back", comment: "x", office: "DRL" })).toMatchObject({ ok: false, refusal: { code: "not_your_office" } });
  });

  it("a clearer clears for their own pending office only", () => {
    const c = ctx({ roles: ["clearer"], state: "in_clearance", callerOffices: ["DRL"], pendingOffices: ["DRL", "L"] });
    expect(checkAction(c, { action: "clear" })).toMatchObject({ ok: true, office: "DRL" });
    expect(checkAction(c, { action: "clear", office: "L" })).toMatchObject({ ok: false, refusal: { status: 403, code: "not_your_office" } });
    expect(checkAction({ ...c, pendingOffices: ["L"] }, { action: "clear" })).toMatchObject({
      ok: false,
      refusal: { status: 409, code: "office_not_pending" },
    });
  });

  it("role is judged before state: a drafter approving is 403 in any state, a reviewer approving in drafting is 409", () => {
    for (const state of WORKFLOW_STATE_CODES)
      expect(checkAction(ctx({ roles: ["drafter"], state }), { action: "approve" })).toMatchObject({ ok: false, refusal: { status: 403 } });
    expect(checkAction(ctx({ roles: ["reviewer"], state: "drafting" }), { action: "approve" })).toMatchObject({
      ok: false,
      refusal: { status: 409, code: "wrong_state" },
    });
  });

  it("every refusal quotes the rule", () => {
    const check = checkAction(ctx({ roles: ["drafter"] }), { action: "reopen" });
    expect(!check.ok && check.refusal.rule).toBe(ACTION_RULES.reopen.rule);
  });
});

describe("availableActions", () => {
  it.each([
    ["drafter in drafting", ctx({ roles: ["drafter"], state: "drafting" }), ["submit"]],
    ["reviewer in review", ctx({ roles: ["reviewer"], state: "in_review" }), ["return", "approve"]],
    ["reviewer in review without a tier", ctx({ roles: ["reviewer"], state: "in_review", hasApprovedTier: false }), ["return"]],
    ["drafter and reviewer in review", ctx({ roles: ["drafter", "reviewer"], state: "in_review" }), ["return", "approve"]],
    [
      "clearer with its office pending",
      ctx({ roles: ["clearer"], state: "in_clearance", callerOffices: ["L"], pendingOffices: ["L"] }),
      ["clear", "send_back"],
    ],
    ["clearer whose office is done", ctx({ roles: ["clearer"], state: "in_clearance", callerOffices: ["L"], pendingOffices: ["DRL"] }), []],
    ["leadership in clearance", ctx({ roles: ["leadership"], state: "in_clearance", pendingOffices: ["DRL", "L"] }), ["proceed_without"]],
    ["leadership in final review", ctx({ roles: ["leadership"], state: "final_review" }), ["final_clear", "reopen"]],
    ["admin anywhere", ctx({ roles: ["admin"], state: "cleared" }), []],
  ] as const)("%s", (_name, context, expected) => expect(availableActions(context)).toEqual(expected));
});

describe("nextState", () => {
  it("the last required clearance moves the document to final review; earlier ones keep it in clearance", () => {
    expect(nextState(ACTION_RULES.clear, ["L"])).toBe("in_clearance");
    expect(nextState(ACTION_RULES.clear, [])).toBe("final_review");
    expect(nextState(ACTION_RULES.proceed_without, [])).toBe("final_review");
    expect(nextState(ACTION_RULES.approve, [])).toBe("in_clearance");
  });
});

describe("canEditInState", () => {
  it.each([
    ["drafting", ["drafter"], true],
    ["drafting", ["reviewer"], false],
    ["returned", ["drafter"], true],
    ["in_review", ["drafter"], true],
    ["in_review", ["reviewer"], true],
    ["in_review", ["clearer", "leadership"], false],
    ["in_clearance", ["drafter", "reviewer"], false],
    ["final_review", ["leadership"], false],
    ["cleared", ["drafter", "reviewer", "leadership", "admin"], false],
    ["published", ["drafter"], false],
  ] as const)("%s with %j: %s", (state, roles, expected) => expect(canEditInState(state, new Set(roles))).toBe(expected));
});

describe("tier effects", () => {
  it("final clearance fixes a narrative's tier and reopening unfixes it; no other action touches it", () => {
    const effects = Object.fromEntries(WORKFLOW_ACTIONS.filter((a) => ACTION_RULES[a].tierEffect).map((a) => [a, ACTION_RULES[a].tierEffect]));
    expect(effects).toEqual({ final_clear: "fix", reopen: "unfix" });
  });
});

describe("sideRights", () => {
  it.each([
    [
      "drafter of a narrative in drafting",
      "drafting",
      "country_narrative",
      ["drafter"],
      false,
      { proposeTier: true, decideTier: false, fixTier: false, setClearanceList: false },
    ],
    [
      "reviewer with a proposal pending",
      "in_review",
      "country_narrative",
      ["reviewer"],
      true,
      { proposeTier: false, decideTier: true, fixTier: false, setClearanceList: true },
    ],
    [
      "reviewer with nothing pending",
      "in_review",
      "country_narrative",
      ["reviewer"],
      false,
      { proposeTier: false, decideTier: false, fixTier: false, setClearanceList: true },
    ],
    [
      "reviewer in clearance",
      "in_clearance",
      "country_narrative",
      ["reviewer"],
      true,
      { proposeTier: false, decideTier: false, fixTier: false, setClearanceList: true },
    ],
    [
      "reviewer in final review",
      "final_review",
      "country_narrative",
      ["reviewer"],
      false,
      { proposeTier: false, decideTier: false, fixTier: false, setClearanceList: false },
    ],
    [
      "leadership in final review",
      "final_review",
      "country_narrative",
      ["leadership"],
      false,
      { proposeTier: false, decideTier: false, fixTier: true, setClearanceList: false },
    ],
    [
      "leadership in clearance",
      "in_clearance",
      "country_narrative",
      ["leadership"],
      false,
      { proposeTier: false, decideTier: false, fixTier: false, setClearanceList: false },
    ],
    [
      "drafter of a report section",
      "drafting",
      "report_section",
      ["drafter"],
      false,
      { proposeTier: false, decideTier: false, fixTier: false, setClearanceList: false },
    ],
  ] as const)("%s", (_n, state, kind, roles, tierProposalPending, expected) =>
    expect(sideRights({ state, kind, roles: new Set(roles), tierProposalPending })).toEqual(expected),
  );
});
