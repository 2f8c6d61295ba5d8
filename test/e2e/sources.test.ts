/**
 * Sources in the browser: the AF drafter sees the request's days left on the list, opens Nigeria
 * (no other browser test touches it) and finds its 14 submissions beside the text, newest first,
 * filters by topic, opens one, cites it in PROSECUTION and sees the note numbered [1], then [1]
 * and [2] once an earlier section cites too; the recorded text says the same. The coverage page
 * lists the region's countries without a submission. Screenshots in test/e2e/artifacts/.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserSession, openInOwnContext } from "./browser.ts";
import { apiAs } from "./overview-data.ts";

const appUrl = inject("appUrl");
const session = browserSession(appUrl);
const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));
const DOC = "2025-nigeria";
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<{ id: string; impact: string | null; nodes: { target: string[] }[] }[]>(
    `axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }).then((r) => r.violations)`,
  );
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

const editor = (page: Page, section: string) => page.getByTestId(`section-${section}`).locator(".tip-editor__text").getByRole("textbox");
const panel = (page: Page) => page.getByTestId("sources-panel");
const numbers = (page: Page) =>
  page
    .locator(".tip-editor__content sup.citation")
    .evaluateAll((els) => els.map((el) => `${el.getAttribute("data-number")}:${el.getAttribute("data-submission-id")}`));

describe("sources beside the narrative", () => {
  it("lists Nigeria's submissions, cites one at the caret, and shows the numbered note", async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const drafter = await openInOwnContext(session.browser, appUrl, "AF Drafting Officer", DOC);
    const page = drafter.page;
    await expect.poll(() => editor(page, "prosecution").getAttribute("contenteditable"), { timeout: 10_000 }).toBe("true");

    const items = panel(page).getByTestId("source-item");
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(14);
    await panel(page).getByRole("heading", { name: "Sources (14)" }).waitFor();
    // Newest first: the demo's most recent Nigerian submission heads the list.
    expect(await items.first().getByRole("button").first().textContent()).toBe("Lagos Survivors' Network (demo)");

    await panel(page).getByTestId("sources-topic").selectOption("prosecution");
    await expect.poll(() => items.count()).toBe(5);
    await panel(page).getByTestId("sources-topic").selectOption("");
    await expect.poll(() => items.count()).toBe(14);

    const first = items.first();
    await first.getByRole("button", { name: "Lagos Survivors' Network (demo)", exact: true }).click();
    await first.getByTestId("submission-details").getByText("Shelter capacity in Lagos State fell").waitFor();

    // No editor has had the caret yet: Cite waits for it.
    expect(await first.getByTestId("cite-button").isDisabled()).toBe(true);
    const prosecution = editor(page, "prosecution");
    await prosecution.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" Shelters in Lagos closed.");
    await panel(page).getByTestId("cite-target").getByText("at the caret in Prosecution").waitFor();
    await first.getByTestId("cite-button").click();
    await expect.poll(() => numbers(page)).toEqual(["1:sub_demo0001"]);
    const note = page.getByTestId("section-prosecution").locator("sup.citation");
    // What the reader sees after the marker: CSS generated content from the number (typed loosely: no DOM types here).
    const after = await note.evaluate(
      (el) => (globalThis as unknown as { getComputedStyle(e: unknown, p: string): { content: string } }).getComputedStyle(el, "::after").content,
    );
    expect(String(after)).toMatch(/attr\(data-number\)|"\[1\]"/);
    expect(await note.getAttribute("title")).toMatch(/^Lagos Survivors' Network \(demo\), submission received \d{4}-\d{2}-\d{2}$/);

    // A citation in the summary, which comes first, makes it [2].
    await editor(page, "summary").click();
    await page.keyboard.press("Control+End");
    await items.nth(1).getByTestId("cite-button").click();
    await expect.poll(() => numbers(page)).toEqual([`1:${await items.nth(1).getAttribute("data-submission-id")}`, "2:sub_demo0001"]);
    await page.getByTestId("save-status").getByText("All changes saved").waitFor({ timeout: 10_000 });
    await page.getByTestId("section-prosecution").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}sources-panel-cited.png`, fullPage: false });
    expect(await seriousViolations(page)).toEqual([]);

    // The recorded text numbers the notes the same way.
    const current = await (await page.request.get(`${appUrl}/api/documents/${DOC}/snapshots/current`)).json();
    const html = current.sections.find((s: { key: string }) => s.key === "prosecution").html as string;
    expect(html).toContain('<sup class="citation" data-submission-id="sub_demo0001"><a href="#note-2" id="cite-2"');
    expect(html).toMatch(/<ol class="citation-notes"><li id="note-2" value="2" data-submission-id="sub_demo0001">Lagos Survivors' Network \(demo\)/);
    expect(drafter.errors).toEqual([]);
    await drafter.context.close();
  });

  it("the list shows the request's days left; the coverage page lists the countries without a submission", async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await page.goto(appUrl);
    await page.getByRole("button", { name: "Sign in as AF Drafting Officer" }).click();
    await page.getByTestId("rfi-summary").getByText("7 days left: submissions due").waitFor();
    await page.getByTestId("sources-link").click();
    await page.getByRole("heading", { name: "2025 submissions and coverage" }).waitFor();
    const af = page.getByTestId("coverage-AF");
    await af.getByRole("heading", { name: /^Africa: 5 of 48 countries with submissions$/ }).waitFor();
    const without = await page.getByTestId("without-AF").textContent();
    expect(without).toContain("Angola");
    expect(without).not.toContain("Nigeria");
    expect(without).not.toContain("Ghana");
    // A regional drafter sees their region only, and may file.
    expect(await page.getByTestId("coverage-EUR").count()).toBe(0);
    await page.getByTestId("submission-form").waitFor();
    await page.screenshot({ path: `${ARTIFACTS}sources-coverage.png`, fullPage: false });
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  // Last in the file: it files for Senegal, which the coverage count above does not expect.
  it("a regional drafter corrects a submission beside the text; it moves to the country it now names", async () => {
    const api = await apiAs(appUrl, "AF Drafting Officer");
    const filed = await api.post("/api/cycles/2025/submissions", {
      multipart: { organisation: "Dakar Watch", receivedOn: "2025-01-12", countries: "senegal", topics: "protection", summary: "Mistyped summary." },
    });
    expect(filed.status(), await filed.text()).toBe(201);
    await api.dispose();

    const drafter = await openInOwnContext(session.browser, appUrl, "AF Drafting Officer", "2025-senegal");
    const page = drafter.page;
    const item = panel(page).getByTestId("source-item").filter({ hasText: "Dakar Watch" });
    await item.getByRole("button", { name: "Dakar Watch", exact: true }).click();
    await item.getByTestId("correct-button").click();
    const form = item.getByTestId("submission-correction");
    await expect(form.getByLabel("Summary").inputValue()).resolves.toBe("Mistyped summary.");
    await form.getByLabel("Summary").fill("Shelter places along the Gambian border.");
    await form.getByLabel(/^Countries it concerns/).selectOption(["senegal", "benin"]);
    await form.getByTestId("correction-save").click();
    await item.getByText("Shelter places along the Gambian border.").waitFor();
    await expect(item.getByTestId("submission-correction").count()).resolves.toBe(0);

    await page.goto(`${appUrl}/documents/2025-benin`);
    await panel(page).getByTestId("source-item").filter({ hasText: "Dakar Watch" }).waitFor();
    expect(drafter.errors).toEqual([]);
    await drafter.context.close();
  });
});
