/**
 * axe-core in the real pages: no serious or critical violation on the document list, the
 * workspace (editors live) and the version page with a diff open. Also writes the version diff
 * screenshot. Uses Sri Lanka, which no other browser test touches.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserSession } from "./browser.ts";

const appUrl = inject("appUrl");
const session = browserSession(appUrl);
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe in the page (evaluated through the debugging protocol, so the page's CSP is untouched). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<Violation[]>(
    `axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }).then((r) => r.violations)`,
  );
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

describe("accessibility (axe)", () => {
  it("the document list, the workspace and the version page have no serious or critical violation", async () => {
    const { page } = await session.openDocumentAs("SCA Drafting Officer", "2025-sri-lanka");
    await page.getByTestId("workspace").waitFor();
    await expect.poll(() => page.getByTestId("section-summary").locator(".tip-editor__text").getByRole("textbox").getAttribute("contenteditable")).toBe("true");
    await page.getByTestId("section-summary").locator(".tip-editor__text").getByRole("textbox").click();
    await page.keyboard.type("Sri Lanka does not fully meet the minimum standards.");
    await page.getByTestId("save-status").getByText("All changes saved").waitFor();
    // A thread in the margin, so its card and forms are checked too.
    await page.evaluate(`(() => {
      const root = document.querySelector('[data-section="summary"]');
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent.indexOf("minimum standards");
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + "minimum standards".length);
        document.getSelection().removeAllRanges();
        document.getSelection().addRange(range);
        return;
      }
    })()`);
    const margin = page.getByRole("complementary", { name: "Comments on Summary" });
    await margin.getByRole("button", { name: "Comment", exact: true }).click();
    await margin.getByLabel("Comment", { exact: true }).fill("Name the standards.");
    await margin.getByRole("button", { name: "Comment", exact: true }).last().click();
    await margin.getByRole("article").waitFor();
    await expect(seriousViolations(page)).resolves.toEqual([]);

    // Submitting records the text; a later edit makes the two differ.
    await page.getByRole("region", { name: "Workflow actions" }).getByRole("button", { name: "Submit for review" }).click();
    await page.getByTestId("document-state").getByText("In review", { exact: true }).waitFor();
    await page.getByTestId("section-summary").locator(".tip-editor__text").getByRole("textbox").click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type(" It made progress.");
    await page.getByTestId("save-status").getByText("All changes saved").waitFor();

    // The version page, one click away: the recorded texts and a diff between two of them.
    await page.getByRole("link", { name: "Versions and differences" }).click();
    await page.getByRole("heading", { level: 1, name: /Versions/ }).waitFor();
    await page.getByRole("button", { name: "Show differences" }).click();
    await page.getByTestId("diff").getByText("It made progress.").waitFor();
    await expect(seriousViolations(page)).resolves.toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}version-diff.png`, fullPage: true });

    await page.goto(appUrl);
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    await page.getByRole("link", { name: "Sri Lanka" }).waitFor();
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await page.close();
  });
});
