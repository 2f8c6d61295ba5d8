import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "#shared/roles.ts";
import { WORKFLOW_STATE_CODES } from "#shared/workflow-states.ts";
import { ACTION_RULES, tableAllows, WORKFLOW_ACTIONS } from "#shared/workflow.ts";
import { verifyAuditChain } from "../../worker/audit/audit-log.ts";
import { database } from "../../worker/db/client.ts";
import { call, json } from "../helpers/api.ts";
import { freshNarrative } from "../helpers/narratives.ts";
import { RoomClient, waitFor } from "../helpers/room-client.ts";
import { documentRoom } from "../../worker/rooms/room-directory.ts";
import { act, approveTier, AS, currentVersion, cycleWith, putInState } from "../helpers/workflow.ts";
import { ROOM_CLOSE_CODES } from "#shared/room-protocol.ts";

/** One person per role, each holding only that role on Near East narratives. */
const ONLY_ROLE: Record<Role, string> = {
  drafter: AS.drafterNEA,
  reviewer: AS.reviewerNEA,
  clearer: AS.clearerBureauNEA,
  leadership: AS.leadership,
  admin: AS.admin,
};

describe("POST /api/documents/:id/actions — every combination the table forbids is refused", () => {
  const forbidden = ROLES.flatMap((role) =>
    WORKFLOW_STATE_CODES.flatMap((state) => WORKFLOW_ACTIONS.filter((action) => !tableAllows(role, state, action)).map((action) => ({ role, state, action }))),
  );

  it(`refuses all ${forbidden.length} forbidden (role, state, action) triples, naming the rule, changing nothing`, async () => {
    const { id } = await freshNarrative({ label: "forbidden" });
    const failures: string[] = [];
    for (const state of WORKFLOW_STATE_CODES) {
      await putInState(id, state);
      const version = await currentVersion(id);
      for (const { role, action } of forbidden.filter((f) => f.state === state)) {
        const res = await act(ONLY_ROLE[role], id, action, { version, comment: "reason", office: "NEA" });
        const body = await json(res);
        const expected = ACTION_RULES[action].roles.includes(role) && ACTION_RULES[action].offeredToUsers ? 409 : 403;
        if (res.status !== expected || body.error?.details?.rule !== ACTION_RULES[action].rule)
          failures.push(`${role}/${state}/${action}: ${res.status} ${body.error?.code}`);
      }
      if ((await currentVersion(id)) !== version) failures.push(`${state}: the document changed`);
    }
    expect(failures).toEqual([]);
    const { n } = (await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE document_id = ? AND action LIKE 'workflow.%'")
      .bind(id)
      .first<{ n: number }>())!;
    expect(n).toBe(0);
  }, 60_000);

  it("the database itself refuses a change made on a version that is not the current one", async () => {
    const { id } = await freshNarrative({ label: "version" });
    const version = await currentVersion(id);
    await expect(env.DB.prepare("UPDATE documents SET version = ? WHERE id = ?").bind(version, id).run()).rejects.toThrow(/stale_document_version/);
    await env.DB.prepare("UPDATE documents SET version = ? WHERE id = ?")
      .bind(version + 1, id)
      .run();
  });
});

describe("a document nobody would clear", () => {
  it("cannot be approved into clearance: it would wait forever", async () => {
    await cycleWith(2092, ["in_review"]); // a cycle without default clearance lists
    await approveTier("2092-bahrain", AS.drafterNEA, AS.reviewerNEA);
    const res = await act(AS.reviewerNEA, "2092-bahrain", "approve");
    expect(res.status).toBe(409);
    expect((await json(res)).error.code).toBe("no_clearance_list");
    expect((await documentRoom(env, "2092-bahrain").status()).locked).toBe(false);
  });
});

describe("50 concurrent actions on different documents", () => {
  it("all land, each with its event, in one unbroken chain", async () => {
    const drafter = await json(
      await call(AS.admin, "/api/admin/users", {
        body: { email: `global.drafter.${Date.now()}@tip.example.gov`, name: "Global Drafter", grants: [{ role: "drafter", scopeType: "global" }] },
      }),
    );
    const { results } = await env.DB.prepare(
      "SELECT id FROM documents WHERE state = 'drafting' AND kind = 'country_narrative' AND id LIKE '2025-%' ORDER BY id DESC LIMIT 50",
    ).all<{ id: string }>();
    expect(results).toHaveLength(50);
    const responses = await Promise.all(results.map(({ id }) => act(drafter.id, id, "submit")));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    const { n } = (await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'workflow.submit' AND actor_user_id = ?")
      .bind(drafter.id)
      .first<{ n: number }>())!;
    expect(n).toBe(50);
    expect(await verifyAuditChain(database(env))).toMatchObject({ ok: true, firstBrokenSeq: null });
  }, 60_000);
});

describe("revoking access", () => {
  it("deactivating a drafter closes their open room connection and their next action gets 403", async () => {
    const created = await json(
      await call(AS.admin, "/api/admin/users", {
        body: {
          email: `leaving.${Date.now()}@tip.example.gov`,
          name: "Leaving Drafter",
          grants: [{ role: "drafter", scopeType: "country", countryId: "yemen" }],
        },
      }),
    );
    const client = await RoomClient.open(created.id, "2025-yemen");
    client.type("summary", "Saved before leaving.");
    const res = await call(AS.admin, `/api/admin/users/${created.id}`, { method: "PATCH", body: { active: false } });
    expect(res.status).toBe(200);
    await waitFor(() => client.closed !== null, "connection closed");
    expect(client.closed!.code).toBe(ROOM_CLOSE_CODES.accessRevoked);
    const next = await act(created.id, "2025-yemen", "submit");
    expect(next.status).toBe(403);
    const reader = await RoomClient.open(AS.drafterNEA, "2025-yemen");
    expect(reader.text("summary")).toBe("Saved before leaving.");
    reader.close();
  });

  it("revoking a role closes the connection; reconnecting gets the rights that remain", async () => {
    const created = await json(
      await call(AS.admin, "/api/admin/users", {
        body: {
          email: `narrowed.${Date.now()}@tip.example.gov`,
          name: "Narrowed Officer",
          grants: [
            { role: "drafter", scopeType: "country", countryId: "iraq" },
            { role: "clearer", scopeType: "global", officeCode: "J" },
          ],
        },
      }),
    );
    const client = await RoomClient.open(created.id, "2025-iraq");
    expect(client.notices[0]).toMatchObject({ type: "welcome", canEdit: true });
    const grant = created.grants.find((g: any) => g.role === "drafter");
    expect((await call(AS.admin, `/api/admin/users/${created.id}/grants/${grant.id}`, { method: "DELETE" })).status).toBe(200);
    await waitFor(() => client.closed?.code === ROOM_CLOSE_CODES.accessRevoked, "connection closed");
    const again = await RoomClient.open(created.id, "2025-iraq");
    expect(again.notices[0]).toMatchObject({ type: "welcome", canEdit: false });
    again.close();
  });
});
