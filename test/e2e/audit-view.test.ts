/**
 * The audit view in Chromium: filters in the address, paging, the JSON lines and CSV exports with
 * the same filters, the verification in words; a drafter gets no link and the API refuses them the
 * whole trail; no serious axe violation. Ghana is this file's own.
 */
import type { APIRequestContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seriousViolations } from "./axe.ts";
import { browserSession, signInAs, watchPageErrors } from "./browser.ts";
import { act, apiAs, artifact } from "./overview-data.ts";

const appUrl = inject("appUrl");
const session = browserSession(appUrl);
const contexts: APIRequestContext[] = [];
const PROBE = `audit.probe.${Date.now()}@example.gov`;

beforeAll(async () => {
  const drafter = await apiAs(appUrl, "AF Drafting Officer");
  const admin = await apiAs(appUrl, "Avery Admin");
  contexts.push(drafter, admin);
  await act(drafter, "2025-ghana", "submit");
  // Twelve events of one kind by one person, for paging at ten a page.
  const created = await admin.post("/api/admin/users", { data: { email: PROBE, name: "Audit Probe 0" } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  for (let i = 1; i <= 12; i++) expect((await admin.patch(`/api/admin/users/${id}`, { data: { name: `Audit Probe ${i}` } })).status()).toBe(200);
});

afterAll(async () => {
  for (const c of contexts) await c.dispose();
});

const seqs = (page: import("playwright-core").Page) =>
  page.locator('[data-testid^="audit-event-"]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-testid")!.slice("audit-event-".length))));

describe("audit view", () => {
  it("filters, pages, exports and says whether the chain verifies", async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchPageErrors(page);
    await signInAs(page, appUrl, "Morgan Ambassador");
    await page.getByTestId("current-user-name").waitFor();
    await page.getByRole("link", { name: "Audit trail" }).click();
    await page.getByRole("heading", { level: 1, name: "Audit trail" }).waitFor();

    // The verdict in words: the chain recomputes; whether it is vouched for, and why not.
    const verdict = page.getByTestId("audit-verdict-result");
    await verdict.waitFor();
    await expect(verdict.textContent()).resolves.toMatch(/The hash chain of all \d+ events is intact/);
    const ok = await verdict.getAttribute("data-ok");
    await expect(verdict.getByRole("heading").textContent()).resolves.toBe(
      ok === "true" ? "Verified: the trail is intact and vouched for" : "Not verified: the trail cannot be vouched for",
    );
    if (ok !== "true") expect(await verdict.getByTestId("audit-verdict-reasons").locator("li").count()).toBeGreaterThan(0);

    // Filter to one document: the address carries it, the drafter's submission is there.
    await page.getByLabel("Document id").fill("2025-ghana");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL((url) => url.search === "?document=2025-ghana");
    await expect.poll(() => page.locator('[data-testid^="audit-event-"]').filter({ hasText: "workflow.submit" }).count()).toBe(1);
    await expect(page.locator('[data-testid^="audit-event-"]').filter({ hasText: "workflow.submit" }).textContent()).resolves.toMatch(
      /drafter\.af@tip\.example\.gov/,
    );

    // The exports carry the same filters and the same events, with their hashes.
    const jsonl = await page.getByRole("link", { name: "JSON lines" }).getAttribute("href");
    const csv = await page.getByRole("link", { name: "CSV" }).getAttribute("href");
    expect(jsonl).toBe("/api/audit/export?document=2025-ghana&format=jsonl");
    expect(csv).toBe("/api/audit/export?document=2025-ghana&format=csv");
    const lines = (await (await page.request.get(`${appUrl}${jsonl}`)).text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { documentId: string; action: string; hash: string });
    expect(lines.every((e) => e.documentId === "2025-ghana" && /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
    expect(lines.map((e) => e.action)).toContain("workflow.submit");
    const table = (await (await page.request.get(`${appUrl}${csv}`)).text()).split("\n");
    expect(table[0]).toMatch(/^seq,at,actorUserId,actorEmail,action,/);
    expect(table.some((row) => row.includes("workflow.submit") && row.includes("2025-ghana"))).toBe(true);

    // Paging: ten a page, older and back.
    await page.getByLabel("Document id").fill("");
    await page.getByLabel("Person (email or id)").fill("admin@tip.example.gov");
    await page.getByLabel("Action").fill("user.update");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL((url) => url.search === "?actor=admin%40tip.example.gov&action=user.update");
    await page.getByLabel("Events per page").selectOption("10");
    await page.waitForURL((url) => url.searchParams.get("limit") === "10");
    await expect.poll(async () => (await seqs(page)).length).toBe(10);
    const first = await seqs(page);
    await page.getByRole("button", { name: "Older events" }).click();
    await expect.poll(async () => (await seqs(page))[0]).toBeLessThan(first[9]!);
    const second = await seqs(page);
    expect(second.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...second)).toBeLessThan(Math.min(...first));
    await expect(page.getByTestId("audit-page-summary").textContent()).resolves.toMatch(/^Page 2: /);
    await page.getByRole("button", { name: "Newer events" }).click();
    await expect.poll(() => seqs(page)).toEqual(first);
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: artifact("audit-view.png"), fullPage: true });

    // A reload keeps the filters.
    await page.reload();
    await expect.poll(() => seqs(page)).toEqual(first);
    await expect(page.getByLabel("Action").inputValue()).resolves.toBe("user.update");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a drafter has no link to the whole trail, and the API refuses it; one document they can read is theirs to see", async () => {
    const page = await session.browser.newPage();
    const errors = watchPageErrors(page);
    await signInAs(page, appUrl, "AF Drafting Officer");
    await page.getByTestId("current-user-name").waitFor();
    await expect(page.getByRole("link", { name: "Audit trail" }).count()).resolves.toBe(0);
    expect((await page.request.get(`${appUrl}/api/audit`)).status()).toBe(403);
    expect((await page.request.get(`${appUrl}/api/audit/verify`)).status()).toBe(403);
    expect((await page.request.get(`${appUrl}/api/audit/export?format=csv`)).status()).toBe(403);
    await page.goto(`${appUrl}/audit`);
    await expect(page.getByTestId("error-alert").textContent()).resolves.toMatch(/Only administrators and leadership may read the whole audit trail/);
    await page.goto(`${appUrl}/audit?document=2025-ghana`);
    await page.locator('[data-testid^="audit-event-"]').filter({ hasText: "workflow.submit" }).waitFor();
    await expect(page.getByTestId("audit-export").count()).resolves.toBe(0);
    expect(errors.filter((e) => !/status of 403/.test(e))).toEqual([]);
    await page.close();
  });
});
