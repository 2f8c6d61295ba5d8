/**
 * "Import from Word" in the browser: the WHA drafter picks a real .docx (built with the `docx`
 * package) for Chile, the preview lists each section with its words and first lines and says what
 * was left out, Escape cancels, "Replace 6 sections" applies, and the editors (the drafter's and a
 * reviewer's watching) show the text that arrived through the room. Writes a screenshot of the
 * preview. Uses Chile, which no other browser test touches.
 */
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { DOCX_CONTENT_TYPE } from "#shared/docx-limits.ts";
import { buildDocx, houseDraft } from "../helpers/docx.ts";
import { browserSession, openInOwnContext } from "./browser.ts";

const appUrl = inject("appUrl");
const session = browserSession(appUrl);
const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const DOC = "2025-chile";

const editor = (page: Page, section: string) => page.getByTestId(`section-${section}`).locator(".tip-editor__text").getByRole("textbox");
const dialog = (page: Page) => page.getByRole("dialog", { name: /Import “Chile draft\.docx” from Word/ });

/** As a person does it: the button opens the file chooser, the file is picked there. */
async function pick(page: Page, bytes: Uint8Array, name = "Chile draft.docx"): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Import from Word" }).click()]);
  await chooser.setFiles({ name, mimeType: DOCX_CONTENT_TYPE, buffer: Buffer.from(bytes) });
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<{ id: string; impact: string | null; nodes: { target: string[] }[] }[]>(
    `axe.run(document.querySelector('[role="dialog"]'), { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }).then((r) => r.violations)`,
  );
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

describe("Import from Word", () => {
  it("previews where the text goes, cancels with Escape, applies, and the editors show the new text", async () => {
    const drafter = await openInOwnContext(session.browser, appUrl, "WHA Drafting Officer", DOC);
    await expect.poll(() => editor(drafter.page, "prevention").getAttribute("contenteditable"), { timeout: 10_000 }).toBe("true");
    const file = await buildDocx(houseDraft("Chile"));

    // A reader (the bureau clearer) sees no button.
    const clearer = await openInOwnContext(session.browser, appUrl, "WHA Bureau Clearer", DOC);
    await clearer.page.getByTestId("section-summary").waitFor();
    expect(await clearer.page.getByTestId("word-import-button").count()).toBe(0);

    await pick(drafter.page, file);
    const preview = dialog(drafter.page);
    await preview.getByTestId("word-import-preview").waitFor();
    await expect.poll(() => drafter.page.evaluate<string>('document.activeElement?.textContent ?? ""')).toContain("from Word");
    const prosecution = preview.getByTestId("word-import-section-prosecution");
    await prosecution.getByText("20 words from the file").waitFor();
    await prosecution.getByText(/^The government increased law enforcement efforts; see the penal code\./).waitFor();
    await preview
      .getByTestId("word-import-section-summary")
      .getByText(/The Government of Chile does not fully meet/)
      .waitFor();
    const notes = preview.getByTestId("word-import-notes");
    await notes.getByText('The heading "Legal framework" is not a house heading; it stays as a heading inside Prosecution.').waitFor();
    await notes.getByText(/An image was left out/).waitFor();
    await notes.getByText(/A table was left out/).waitFor();
    expect(await seriousViolations(drafter.page)).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await drafter.page.screenshot({ path: `${ARTIFACTS}word-import-preview.png`, fullPage: false });

    // Escape cancels: nothing written, focus back on the button.
    await drafter.page.keyboard.press("Escape");
    await preview.waitFor({ state: "detached" });
    await expect.poll(() => drafter.page.evaluate<string | null>('document.activeElement?.getAttribute("data-testid") ?? null')).toBe("word-import-button");
    expect(await editor(drafter.page, "prosecution").textContent()).toBe("");

    await pick(drafter.page, file);
    await preview.getByRole("button", { name: "Replace 6 sections" }).click();
    await preview.waitFor({ state: "detached" });
    await drafter.page
      .getByTestId("word-import-done")
      .getByText(/Imported “Chile draft\.docx”: Summary, Prioritized Recommendations, Prosecution, Protection, Prevention and Trafficking Profile replaced\./)
      .waitFor();
    await editor(drafter.page, "prosecution")
      .getByText(/The government increased law enforcement efforts/)
      .waitFor();
    expect(await editor(drafter.page, "prosecution").locator("strong").first().textContent()).toBe("increased");
    expect(await editor(drafter.page, "prosecution").locator("h2").textContent()).toBe("Legal framework");
    expect(await editor(drafter.page, "recommendations").locator("li").count()).toBe(2);
    await editor(clearer.page, "profile")
      .getByText(/human traffickers exploit domestic and foreign victims in Chile/)
      .waitFor();
    await drafter.page.getByTestId("save-status").getByText("All changes saved").waitFor();
    await drafter.page.getByTestId("history").getByText("Imported “Chile draft.docx” from Word").waitFor();
    await drafter.page.screenshot({ path: `${ARTIFACTS}word-import-applied.png`, fullPage: true });

    // The text is the server's: a reload shows it.
    await drafter.page.reload();
    await editor(drafter.page, "protection").getByText("The government identified 120 victims.").waitFor();
    expect(drafter.errors).toEqual([]);
    expect(clearer.errors).toEqual([]);
    await drafter.context.close();
    await clearer.context.close();
  });

  it("a file that is not a Word document gets its error in words in the dialog", async () => {
    const drafter = await openInOwnContext(session.browser, appUrl, "WHA Drafting Officer", DOC);
    await expect.poll(() => editor(drafter.page, "prevention").getAttribute("contenteditable"), { timeout: 10_000 }).toBe("true");
    await pick(drafter.page, new TextEncoder().encode("%PDF-1.7 not really"), "Chile draft.docx");
    const shown = dialog(drafter.page);
    await shown.getByText("This file cannot be imported").waitFor();
    await shown.getByText(/This file is a PDF, not a Word document/).waitFor();
    expect(await shown.getByRole("button", { name: /Replace/ }).count()).toBe(0);
    await shown.getByRole("button", { name: "Cancel" }).click();
    await shown.waitFor({ state: "detached" });
    await drafter.context.close();
  });
});
