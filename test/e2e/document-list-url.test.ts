/**
 * The document list's filters round-trip through the address: a regional reviewer filters to
 * "Africa, in review, overdue", searches by name, and a colleague opening the same address sees the
 * same view; a reload keeps it; no serious axe violation. Malawi and Mali are this file's own.
 */
import type { APIRequestContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seriousViolations } from "./axe.ts";
import { browserSession, signInAs, watchPageErrors } from "./browser.ts";
import { act, apiAs, artifact, deadlinesPassed } from "./overview-data.ts";

const appUrl = inject("appUrl");
const session = browserSession(appUrl);
let restoreDeadlines: (() => void) | undefined;
let drafter: APIRequestContext | undefined;

beforeAll(async () => {
  drafter = await apiAs(appUrl, "AF Drafting Officer");
  await act(drafter, "2025-malawi", "submit");
  await act(drafter, "2025-mali", "submit");
  restoreDeadlines = deadlinesPassed(inject("persistTo"));
});

afterAll(async () => {
  restoreDeadlines?.();
  await drafter?.dispose();
});

const rowIds = (page: Page) => page.locator('[data-testid^="document-row-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute("data-testid")));
const filterValues = (page: Page) =>
  Promise.all(
    ["Name", "Region", "Workflow state", "Deadline", "2024 tier", "2025 tier", "Waiting on"].map((label) =>
      page.getByLabel(label, { exact: true }).inputValue(),
    ),
  );

describe("document list in the URL", () => {
  it("a filtered view is an address: shared with a colleague, kept on reload, searchable by name", async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchPageErrors(page);
    await signInAs(page, appUrl, "AF Reviewer");
    await page.getByTestId("document-row-2025-malawi").waitFor();

    await page.getByLabel("Region").selectOption("AF");
    await page.getByLabel("Workflow state").selectOption("in_review");
    await page.getByLabel("Deadline").selectOption("true");
    await page.waitForURL((url) => url.search === "?region=AF&state=in_review&overdue=true");
    await page.getByTestId("document-row-2025-angola").waitFor({ state: "detached" });
    const rows = await rowIds(page);
    expect(rows).toEqual(expect.arrayContaining(["document-row-2025-malawi", "document-row-2025-mali"]));
    for (const row of await page.locator('[data-testid^="document-row-"]').all()) {
      await expect(row.getByTestId("state-tag").textContent()).resolves.toBe("In review");
      await expect(row.getByTestId("overdue-tag").textContent()).resolves.toBe("Overdue");
      await expect(row.getByTestId("assignees").textContent()).resolves.toMatch(/\bAF Reviewer\b/);
    }
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: artifact("document-list-filtered.png"), fullPage: true });

    // The name search by keyboard: typed, then written to the address.
    await page.getByLabel("Name", { exact: true }).focus();
    await page.keyboard.type("MAL");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.searchParams.get("q") === "MAL");
    await expect.poll(() => rowIds(page)).toEqual(["document-row-2025-malawi", "document-row-2025-mali"]);
    // Tab leaves the search for the next filter.
    await page.keyboard.press("Tab");
    await expect(page.evaluate("document.activeElement.id")).resolves.toBe("filter-region");
    const shared = page.url();
    const mine = await filterValues(page);
    expect(mine).toEqual(["MAL", "AF", "in_review", "true", "", "", ""]);

    // A colleague opens the address: the same filters, the same rows.
    const colleague = await session.browser.newContext();
    const other = await colleague.newPage();
    const otherErrors = watchPageErrors(other);
    await signInAs(other, appUrl, "AF Bureau Clearer");
    await other.getByTestId("current-user-name").waitFor();
    await other.goto(shared);
    await other.getByTestId("document-row-2025-mali").waitFor();
    await expect(filterValues(other)).resolves.toEqual(mine);
    await expect(rowIds(other)).resolves.toEqual(["document-row-2025-malawi", "document-row-2025-mali"]);

    // A reload keeps the view; the remaining filters go into the address too.
    await page.reload();
    await page.getByTestId("document-row-2025-mali").waitFor();
    await expect(filterValues(page)).resolves.toEqual(mine);
    await page.getByLabel("2025 tier").selectOption("none");
    await page.getByLabel("2024 tier").selectOption("tier2wl");
    await page.getByLabel("Waiting on").selectOption("demo-reviewer-af");
    await page.waitForURL((url) => url.search === "?region=AF&state=in_review&tier=tier2wl&approvedTier=none&assignee=demo-reviewer-af&overdue=true&q=MAL");
    await expect.poll(() => rowIds(page)).toEqual(["document-row-2025-mali"]);
    await page.reload();
    await page.getByTestId("document-row-2025-mali").waitFor();
    await expect(filterValues(page)).resolves.toEqual(["MAL", "AF", "in_review", "true", "tier2wl", "none", "demo-reviewer-af"]);

    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.waitForURL((url) => url.search === "");
    await expect(page.getByLabel("Name", { exact: true }).inputValue()).resolves.toBe("");
    await page.getByTestId("document-row-2025-angola").waitFor();
    expect(errors).toEqual([]);
    expect(otherErrors).toEqual([]);
    await colleague.close();
    await page.close();
  });
});
