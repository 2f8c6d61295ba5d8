/**
 * Comments and suggested edits in the browser: a legal-office clearer, who may not edit, comments on
 * words of PROSECUTION while the drafter types elsewhere; the drafter sees it in the margin beside
 * those words within a second, replies and resolves it; the clearer suggests a wording, the drafter
 * accepts it and the text changes. Uses Kazakhstan, which no other browser test touches.
 */
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserSession, openInOwnContext } from "./browser.ts";

const appUrl = inject("appUrl");
const session = browserSession(appUrl);
const DOC = "2025-kazakhstan";

const open = (name: string) => openInOwnContext(session.browser, appUrl, name, DOC);

const editor = (page: Page, section: string) => page.getByTestId(`section-${section}`).locator(".tip-editor__text").getByRole("textbox");
const margin = (page: Page, label: string) => page.getByRole("complementary", { name: `Comments on ${label}` });

/** Selects the first occurrence of `words` in a section's text, as a mouse selection would. */
async function selectWords(page: Page, section: string, words: string): Promise<void> {
  await page.evaluate(`(() => {
    const root = document.querySelector('[data-section="${section}"]');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent.indexOf(${JSON.stringify(words)});
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + ${JSON.stringify(words)}.length);
      const selection = document.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error("words not found");
  })()`);
}

describe("comments and suggestions in the browser", () => {
  it("a clearer's comment appears in the drafter's margin within a second, beside the right words, while the drafter types", async () => {
    const drafter = await open("SCA Drafting Officer");
    await expect.poll(() => editor(drafter.page, "prosecution").getAttribute("contenteditable"), { timeout: 10_000 }).toBe("true");
    await editor(drafter.page, "prosecution").click();
    await drafter.page.keyboard.type("The penal code criminalizes sex trafficking. Investigations rose.");
    await drafter.page.getByTestId("save-status").getByText("All changes saved").waitFor();

    const clearer = await open("Lee Legal Adviser");
    await editor(clearer.page, "prosecution")
      .getByText(/Investigations rose\./)
      .waitFor();
    await selectWords(clearer.page, "prosecution", "criminalizes sex trafficking");
    const clearerMargin = margin(clearer.page, "Prosecution");
    await clearerMargin.getByRole("button", { name: "Comment", exact: true }).click();
    await clearerMargin.getByLabel("Comment", { exact: true }).fill("Cite the article of the penal code.");

    // The drafter keeps typing in the summary meanwhile.
    await editor(drafter.page, "summary").click();
    const typing = drafter.page.keyboard.type("Kazakhstan does not fully meet the minimum standards.", { delay: 30 });
    await clearerMargin.getByRole("button", { name: "Comment", exact: true }).last().click();
    const posted = Date.now();
    const card = margin(drafter.page, "Prosecution").getByRole("article", { name: /Comment by Lee Legal Adviser on “criminalizes sex trafficking”/ });
    await card.waitFor({ timeout: 1000 });
    expect(Date.now() - posted).toBeLessThan(1000);
    await typing;

    // Beside the right words: the highlight covers exactly them, and the card sits at their height.
    const highlight = drafter.page.getByTestId("section-prosecution").locator(".tip-comment");
    await expect(highlight.textContent()).resolves.toBe("criminalizes sex trafficking");
    const [cardBox, wordsBox] = [await card.boundingBox(), await highlight.boundingBox()];
    expect(Math.abs(cardBox!.y - wordsBox!.y)).toBeLessThan(40);
    await expect(editor(drafter.page, "summary").textContent()).resolves.toContain("Kazakhstan does not fully meet the minimum standards.");

    // Anyone allowed lists the region's open comments (the view's address can be shared).
    const reviewer = await open("SCA Reviewer");
    await reviewer.page.goto(`${appUrl}/cycles/2025/comments?region=SCA`);
    const row = reviewer.page.getByRole("row").filter({ hasText: "criminalizes sex trafficking" });
    await row.getByRole("link", { name: "Kazakhstan" }).waitFor();
    await expect(row.textContent()).resolves.toContain("Cite the article of the penal code.");
    expect(reviewer.errors).toEqual([]);
    await reviewer.context.close();

    // The drafter replies and resolves; the clearer sees it go.
    await card.getByLabel("Reply").fill("Article 128 added.");
    await card.getByRole("button", { name: "Send reply" }).click();
    await card.getByText("Article 128 added.").waitFor();
    await card.getByRole("button", { name: "Resolve" }).click();
    await expect.poll(() => margin(clearer.page, "Prosecution").getByRole("article").count(), { timeout: 5000 }).toBe(0);

    // A suggestion: the clearer proposes a wording, the drafter accepts it, the text changes everywhere.
    await selectWords(clearer.page, "prosecution", "rose");
    await clearerMargin.getByRole("button", { name: "Suggest", exact: true }).click();
    await clearerMargin.getByLabel("Replace with").fill("increased by a third");
    await clearerMargin.getByLabel("Why").fill("The figures show a third more investigations.");
    await clearerMargin.getByRole("button", { name: "Suggest", exact: true }).last().click();
    const suggestion = margin(drafter.page, "Prosecution").getByRole("article", { name: /Suggestion by Lee Legal Adviser on “rose”/ });
    await suggestion.getByRole("button", { name: "Accept" }).click();
    await editor(drafter.page, "prosecution").getByText("Investigations increased by a third.").waitFor();
    await editor(clearer.page, "prosecution").getByText("Investigations increased by a third.").waitFor();
    // The clearer could comment but never type.
    await expect(editor(clearer.page, "prosecution").getAttribute("contenteditable")).resolves.toBe("false");

    expect(drafter.errors).toEqual([]);
    expect(clearer.errors).toEqual([]);
    await drafter.context.close();
    await clearer.context.close();
  });
});
