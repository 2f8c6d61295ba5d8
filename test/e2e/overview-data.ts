/**
 * Puts documents where the overview tests need them, through the API as the people concerned
 * (each a signed-in request context of its own), and moves the cycle's deadlines into the past
 * and back, which no API does (`npm run cycle:set` writes the same column).
 */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { request, type APIRequestContext } from "playwright-core";
import { expect } from "vitest";
import { wrangler } from "../../worker/scripts/wrangler.ts";

export const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));

export function artifact(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return `${ARTIFACTS}${name}`;
}

/** A request context signed in as the demo user with this name (same-origin, as the web app calls). */
export async function apiAs(appUrl: string, name: string): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL: appUrl, extraHTTPHeaders: { Origin: appUrl } });
  const { users } = (await (await context.get("/auth/dev/users")).json()) as { users: { email: string; name: string }[] };
  const email = users.find((u) => u.name === name)?.email;
  if (!email) throw new Error(`no demo user named ${name}`);
  expect((await context.post("/auth/dev/login", { data: { email } })).status()).toBe(200);
  return context;
}

async function version(api: APIRequestContext, documentId: string): Promise<number> {
  const res = await api.get(`/api/documents/${documentId}`);
  expect(res.status(), `GET ${documentId}`).toBe(200);
  return ((await res.json()) as { version: number }).version;
}

export async function act(api: APIRequestContext, documentId: string, action: string, extra: Record<string, unknown> = {}): Promise<void> {
  const res = await api.post(`/api/documents/${documentId}/actions`, { data: { action, version: await version(api, documentId), ...extra } });
  expect(res.status(), `${action} on ${documentId}: ${await res.text()}`).toBe(200);
}

/** The drafter proposes the tier and the reviewer approves it (the document stays where it is in the text workflow). */
export async function approveTier(drafter: APIRequestContext, reviewer: APIRequestContext, documentId: string, tier: string): Promise<void> {
  const proposed = await drafter.post(`/api/documents/${documentId}/tier`, {
    data: { version: await version(drafter, documentId), tier, justification: "Set for the overview tests." },
  });
  expect(proposed.status(), await proposed.text()).toBe(200);
  const approved = await reviewer.post(`/api/documents/${documentId}/tier/decision`, {
    data: { version: await version(reviewer, documentId), decision: "approve" },
  });
  expect(approved.status(), await approved.text()).toBe(200);
}

function execute(persistTo: string, sql: string): { drafting_due: string; review_due: string }[] {
  const out = wrangler(["d1", "execute", "DB", "--local", "--persist-to", persistTo, "--json", `--command=${sql}`], { quiet: true });
  return (JSON.parse(out) as { results: { drafting_due: string; review_due: string }[] }[])[0]!.results;
}

/**
 * Drafting and review deadlines of the 2025 cycle moved into the past (so every document drafting,
 * returned or in review is overdue); returns the function that puts them back.
 */
export function deadlinesPassed(persistTo: string): () => void {
  const [before] = execute(persistTo, "SELECT drafting_due, review_due FROM report_cycles WHERE year = 2025");
  execute(
    persistTo,
    "UPDATE report_cycles SET drafting_due = date('now', '-20 days'), review_due = date('now', '-10 days') WHERE year = 2025 RETURNING drafting_due, review_due",
  );
  return () =>
    void execute(
      persistTo,
      `UPDATE report_cycles SET drafting_due = '${before!.drafting_due}', review_due = '${before!.review_due}' WHERE year = 2025 RETURNING drafting_due, review_due`,
    );
}
