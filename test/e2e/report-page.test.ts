/**
 * Leadership's report page in the browser: what blocks the 2025 release, the preview compiled with
 * its progress and framed on the page (DRAFT marks, the carried-forward 2024 text), the release
 * that stays closed while anything is uncleared, and the published 2024 edition's Word download.
 * Reads only; changes no document. Other browser tests move documents along (one to final
 * clearance), so the counts are read, not assumed.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserSession, signInAs, watchPageErrors } from "./browser.ts";

const appUrl = inject("appUrl");
const session = browserSession(appUrl);
const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

async function signedIn(name: string): Promise<{ page: Page; errors: string[] }> {
  const page = await session.browser.newPage();
  const errors = watchPageErrors(page);
  await signInAs(page, appUrl, name);
  await page.getByTestId("current-user-name").waitFor();
  return { page, errors };
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<{ id: string; impact: string | null; nodes: unknown[] }[]>(
    `axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }).then((r) => r.violations)`,
  );
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.impact} ${v.id}`);
}

describe("report page", () => {
  it("leadership sees what blocks the release, previews the whole report with progress, and cannot release yet", async () => {
    const { page, errors } = await signedIn("Morgan Ambassador");
    await page.getByTestId("report-link").click();
    await page.waitForURL(`${appUrl}/cycles/2025/report`);
    await page.getByRole("heading", { level: 1, name: "The 2025 Trafficking in Persons Report" }).waitFor();
    const blockers = page.getByTestId("report-blockers");
    const summary = await blockers.getByText(/^\d+ documents? of 209 (has|have) no final clearance yet\./).textContent();
    const blocking = Number(/^(\d+)/.exec(summary ?? "")?.[1]);
    expect(blocking).toBeGreaterThan(190);
    // That many rows stay folded until asked for; the summary counts them by state.
    await blockers.getByText(new RegExp(`^Show the ${blocking} documents \\(\\d+ drafting(, \\d+ [a-z ]+)*\\)$`)).click();
    await blockers.getByRole("link", { name: "Afghanistan", exact: true }).waitFor();
    await expect(page.getByTestId("release-start").isDisabled()).resolves.toBe(true);

    await page.getByTestId("preview-report").click();
    // The stream reports each document as it is read: the bar shows a count before the file arrives.
    await page
      .getByTestId("compile-progress")
      .getByText(/^Read \d+ of 209 documents/)
      .waitFor({ timeout: 60_000 });
    const frame = page.frameLocator('[data-testid="preview-frame"]');
    await frame.locator("#not-cleared").getByText(`Not yet cleared (${blocking})`).waitFor({ timeout: 120_000 });
    // The 2025 Methodology starts from the 2024 report's text, and every uncleared entry says DRAFT.
    const methodology = frame.locator('[data-document-id="2025-section-methodology"]');
    await methodology
      .getByText(/Tier 2 Watch List/)
      .first()
      .waitFor();
    await expect(methodology.locator(".draft-flag").textContent()).resolves.toMatch(/^DRAFT/);
    await frame.locator('[data-document-id="2025-zimbabwe"]').waitFor();
    await expect(page.getByTestId("preview-download").textContent()).resolves.toBe("Download tip-report-2025-preview.html");

    expect(await seriousViolations(page)).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await blockers.getByText(/^Show the \d+ documents/).click();
    await page.getByTestId("preview-frame").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}report-preview.png`, fullPage: false });
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it("the released 2024 edition downloads as a Word file", async () => {
    const { page, errors } = await signedIn("Morgan Ambassador");
    await page.goto(`${appUrl}/cycles/2024/report`);
    await page
      .getByTestId("report-released")
      .getByText(/frozen\. Manifest/)
      .waitFor();
    await page.getByTestId("published-docx").click();
    const link = page.getByTestId("published-download");
    await link.waitFor({ timeout: 60_000 });
    await expect(link.textContent()).resolves.toBe("Save tip-report-2024-published.docx");
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const path = await download.path();
    const bytes = readFileSync(path);
    // A DOCX is a zip: it starts with the local file header's signature.
    expect(bytes.subarray(0, 4).toString("latin1")).toBe("PK\u0003\u0004");
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("a drafter gets the server's refusal in words, and no Report link", async () => {
    const { page } = await signedIn("AF Drafting Officer");
    await expect(page.getByTestId("report-link").count()).resolves.toBe(0);
    await page.goto(`${appUrl}/cycles/2025/report`);
    await page.getByTestId("error-alert").getByText("Could not load the report").waitFor();
    await page.close();
  });
});
