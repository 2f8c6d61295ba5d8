/**
 * The documents list keeps a cycle's documents in the worker between requests
 * (worker/documents/cycle-documents.ts) while the `document_list` token stands. These hold the
 * triggers that replace it to every table the kept reads come from, and show a write that bypasses
 * the API on the very next list.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../../worker/db/client.ts";
import { cycleDocumentQueries } from "../../worker/documents/cycle-documents.ts";
import { AS, call, json } from "../helpers/api.ts";
import { freshNarrative } from "../helpers/narratives.ts";
import { TEST_CYCLE_YEAR } from "../helpers/seed.ts";

const listed = async (id: string) => {
  const res = await call(AS.leadership, `/api/cycles/${TEST_CYCLE_YEAR}/documents`);
  expect(res.status).toBe(200);
  return (await json(res)).documents.find((d: any) => d.id === id);
};
const token = async () => (await env.DB.prepare("SELECT token FROM read_model_tokens WHERE name = 'document_list'").first<{ token: string }>())?.token;

describe("document_list token", () => {
  it("every table the kept reads come from replaces the token on insert, update and delete", async () => {
    const statements = cycleDocumentQueries(database(env), TEST_CYCLE_YEAR).map((query) => query.toSQL().sql);
    const tables = new Set(statements.flatMap((sql) => [...sql.matchAll(/\b(?:from|join)\s+"(\w+)"/gi)].map((m) => m[1]!)));
    expect([...tables]).toEqual(expect.arrayContaining(["documents", "countries", "tier_recommendations", "role_assignments", "clearances"]));
    const { results } = await env.DB.prepare(
      "SELECT tbl_name AS tableName, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_document_list_token'",
    ).all<{
      tableName: string;
      sql: string;
    }>();
    for (const table of tables) {
      for (const operation of ["INSERT", "UPDATE", "DELETE"]) {
        const trigger = results.find((r) => r.tableName === table && r.sql.includes(`AFTER ${operation} ON`));
        expect(trigger?.sql ?? "no such trigger", `${operation} on ${table}`).toContain("UPDATE `read_model_tokens`");
      }
    }
  });

  it("stands while nothing changes and is replaced by a write", async () => {
    const before = await token();
    expect(before).toMatch(/^[0-9a-f]{16}$/);
    await listed("2025-angola");
    expect(await token()).toBe(before);
    await freshNarrative({ label: "token" });
    expect(await token()).not.toBe(before);
  });

  it("a write past the API shows on the next list: a renamed document, a removed grant", async () => {
    const narrative = await freshNarrative({ region: "SCA", label: "kept" });
    const created = await call(AS.admin, "/api/admin/users", {
      body: {
        email: `kept-${narrative.countryId}@example.gov`,
        name: "Kept List Officer",
        grants: [{ role: "drafter", scopeType: "country", countryId: narrative.countryId }],
      },
    });
    expect(created.status).toBe(201);
    const { id: userId } = await json(created);
    const first = await listed(narrative.id);
    expect(first.title).toBe(narrative.name);
    expect(first.assignees.map((a: any) => a.name)).toContain("Kept List Officer");

    await env.DB.prepare("UPDATE documents SET title = ? WHERE id = ?").bind(`${narrative.name} (renamed)`, narrative.id).run();
    expect((await listed(narrative.id)).title).toBe(`${narrative.name} (renamed)`);

    await env.DB.prepare("DELETE FROM role_assignments WHERE user_id = ?").bind(userId).run();
    expect((await listed(narrative.id)).assignees.map((a: any) => a.name)).not.toContain("Kept List Officer");
  });
});
