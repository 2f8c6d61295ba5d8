/**
 * Leadership's dashboard in Chromium: the countdown, the narratives by region and state, what is
 * overdue and with whom, this year's tiers against last year's with the moves, and the map; one
 * request per panel, none per country; no serious axe violation. Lesotho, Namibia and Mozambique
 * are this file's own (no other browser test uses them).
 */
import type { APIRequestContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seriousViolations } from "./axe.ts";
import { browserSession, signInAs, watchPageErrors } from "./browser.ts";
import { act, apiAs, approveTier, artifact, deadlinesPassed } from "./overview-data.ts";

const appUrl = inject("appUrl");
const session = browserSession(appUrl);
let restoreDeadlines: (() => void) | undefined;
const contexts: APIRequestContext[] = [];

beforeAll(async () => {
  const drafter = await apiAs(appUrl, "AF Drafting Officer");
  const reviewer = await apiAs(appUrl, "AF Reviewer");
  contexts.push(drafter, reviewer);
  await approveTier(drafter, reviewer, "2025-lesotho", "tier1");
  await approveTier(drafter, reviewer, "2025-namibia", "tier3");
  await act(drafter, "2025-mozambique", "submit");
  restoreDeadlines = deadlinesPassed(inject("persistTo"));
});

afterAll(async () => {
  restoreDeadlines?.();
  for (const c of contexts) await c.dispose();
});

describe("dashboard", () => {
  it("shows days to the release, progress by region, what is overdue and with whom, the tier comparison and the map", async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors = watchPageErrors(page);
    await signInAs(page, appUrl, "Morgan Ambassador");
    await page.getByTestId("document-count").waitFor();
    // Counted from the dashboard's own load (the list page the sign-in lands on asks for its own).
    const apiCalls: string[] = [];
    page.on("request", (r) => r.url().includes("/api/") && apiCalls.push(new URL(r.url()).pathname + new URL(r.url()).search));
    await page.goto(`${appUrl}/dashboard`);
    await page.getByRole("heading", { level: 1, name: "2025 report: where it stands" }).waitFor();

    const countdown = page.getByTestId("countdown");
    await countdown.waitFor();
    await expect(countdown.textContent()).resolves.toMatch(/^\d+ days to the [A-Z][a-z]+ release/);
    await expect(page.getByTestId("countdown-overdue").textContent()).resolves.toMatch(/^\d+ of 209 documents you can see are overdue\.$/);
    // The request for information's deadline sits beside the release's (the demo's closes a week after loading).
    await expect(page.getByTestId("rfi-days-left").textContent()).resolves.toMatch(/^\d+ days? left: submissions due /);

    // Progress: the six regions' 188 narratives, Mozambique among Africa's in review.
    const africa = page.getByTestId("progress-row-AF");
    await expect(africa.getByTestId("total").textContent()).resolves.toBe("48");
    expect(Number(await africa.locator('[data-state="in_review"]').textContent())).toBeGreaterThanOrEqual(1);
    const totals = await page.locator('[data-testid^="progress-row-"] [data-testid="total"]').allTextContents();
    expect(totals.map(Number).reduce((a, b) => a + b, 0)).toBe(188);
    await page.getByTestId("progress-chart").locator(".recharts-bar-rectangle").first().waitFor();

    // Overdue, and with whom: who holds how many, then the documents nearest the release first (Mozambique, in review, waits on the Africa reviewer).
    await expect(page.getByTestId("overdue-holder-demo-reviewer-af").textContent()).resolves.toMatch(/^AF Reviewer: \d+ overdue$/);
    await expect(page.getByTestId("overdue-holder-demo-drafter-af").textContent()).resolves.toMatch(/^AF Drafting Officer: \d+ overdue$/);
    await expect(page.getByTestId("overdue-row-2025-mozambique").textContent()).resolves.toMatch(/In review.*AF Reviewer/);

    // Tiers against last year: 2024's published counts, this year's two approved, the upgrade and the downgrade.
    const tiers = page.getByTestId("tier-comparison");
    await expect(page.getByTestId("tier-row-tier2").getByTestId("previous").textContent()).resolves.toBe("98");
    expect(Number(await page.getByTestId("tier-row-tier1").getByTestId("current").textContent())).toBeGreaterThanOrEqual(1);
    await expect(tiers.getByTestId("upgrades").textContent()).resolves.toMatch(/Lesotho: Tier 2 ▲to Tier 1/);
    await expect(tiers.getByTestId("downgrades").textContent()).resolves.toMatch(/Namibia: Tier 2 ▼to Tier 3/);
    await tiers.locator(".recharts-bar-rectangle").first().waitFor();

    // The map: every report country drawn, Lesotho in Tier 1's pattern.
    const map = page.getByTestId("tier-map");
    await expect.poll(() => map.locator("[data-country]").count()).toBe(188);
    await expect(map.locator('[data-country="lesotho"]').getAttribute("data-fill")).resolves.toBe("tier1");

    // One request per panel: no document or country is fetched one by one.
    expect(apiCalls.filter((p) => p.startsWith("/api/documents/") || p.startsWith("/api/countries/"))).toEqual([]);
    expect(apiCalls.filter((p) => p.startsWith("/api/cycles/2025/documents")).sort()).toEqual([
      "/api/cycles/2025/documents?kind=country_narrative",
      "/api/cycles/2025/documents?overdue=true",
    ]);
    expect(apiCalls.filter((p) => p === "/api/cycles/2025/progress" || p === "/api/cycles/2025/tier-placements").length).toBeLessThanOrEqual(2);

    await expect(seriousViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: artifact("dashboard.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a regional drafter's dashboard counts only their region", async () => {
    const page = await session.browser.newPage();
    await signInAs(page, appUrl, "AF Drafting Officer");
    await page.getByTestId("current-user-name").waitFor();
    await page.getByRole("link", { name: "Dashboard" }).click();
    await page.getByTestId("progress-row-AF").waitFor();
    await expect(page.locator('[data-testid^="progress-row-"]').count()).resolves.toBe(1);
    await expect.poll(() => page.getByTestId("tier-map").locator("[data-country]").count()).toBe(48);
    await page.close();
  });
});
