/**
 * The workflow as people see it in the browser: a drafter proposes a tier and submits, the reviewer
 * finds the document in their inbox, approves tier and text, and a clearer concurs for their office.
 * Uses Bahrain and Kuwait, which no other browser test touches.
 */
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserSession, clearancePanel, expectState, signInAs, tierPanel, watchPageErrors, workflowPanel } from "./browser.ts";

const appUrl = inject("appUrl");
const session = browserSession(appUrl);
const { openDocumentAs } = session;

async function actionNames(page: Page): Promise<string[]> {
  return (await workflowPanel(page).getByRole("button").allTextContents()).map((t) => t.trim());
}

const editor = (page: Page, section: string) => page.getByTestId(`section-${section}`).locator(".tip-editor__text").getByRole("textbox");

/** Types at the end of a section in the workspace and waits until the room has stored it. */
async function typeAndSave(page: Page, section: string, text: string): Promise<void> {
  await expect.poll(() => editor(page, section).getAttribute("contenteditable"), { timeout: 10_000 }).toBe("true");
  await editor(page, section).click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type(text);
  await editor(page, section).getByText(text.trim()).waitFor();
  await page.getByTestId("save-status").getByText("All changes saved").waitFor({ timeout: 10_000 });
}

describe("workflow in the browser: Bahrain from drafting into clearance", () => {
  it("drafter proposes a tier and submits; the reviewer approves tier and text from the inbox; DRL concurs", async () => {
    // The Bahrain embassy drafter.
    const drafter = await openDocumentAs("Manama Reporting Officer", "2025-bahrain");
    let page = drafter.page;
    await page.getByRole("heading", { level: 1, name: "Bahrain" }).waitFor();
    await expectState(page, "Drafting");
    await expect(page.getByTestId("document-previous-tier").textContent()).resolves.toBeTruthy();
    await typeAndSave(page, "summary", "The Government fully meets the minimum standards.");

    const tier = tierPanel(page);
    await tier.getByRole("combobox", { name: /^Tier/ }).selectOption({ label: "Tier 1" });
    await tier.getByRole("textbox", { name: /^Justification/ }).fill("The Government fully meets the minimum standards for the elimination of trafficking.");
    await tier.getByRole("button", { name: "Propose tier" }).click();
    await tier.getByText("Latest recommendation: Tier 1").waitFor();
    await tier.getByText("Awaiting the reviewer's decision").waitFor();

    // The drafter may only submit: the panel shows exactly what the API offers.
    await expect(actionNames(page)).resolves.toEqual(["Submit for review"]);
    await workflowPanel(page).getByRole("button", { name: "Submit for review" }).click();
    await expectState(page, "In review");
    await workflowPanel(page).getByText("Nothing waits on you for this document at this stage.").waitFor();
    await page.getByRole("region", { name: "History" }).getByText("Submit for review").waitFor();
    expect(drafter.errors).toEqual([]);
    await page.close();

    // The NEA reviewer finds Bahrain in the inbox.
    page = await session.browser.newPage();
    const reviewerErrors = watchPageErrors(page);
    await signInAs(page, appUrl, "NEA Reviewer");
    await page.getByTestId("inbox-count").waitFor();
    await page.getByRole("link", { name: /^Inbox/ }).click();
    await page.getByRole("heading", { level: 1, name: "Your inbox" }).waitFor();
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Bahrain", exact: true }) });
    await expect(row.textContent()).resolves.toContain("In review");
    // Without an approved tier the reviewer can return the draft, not approve it yet.
    await expect(row.textContent()).resolves.toContain("Return to drafters");
    await expect(row.textContent()).resolves.not.toContain("Approve and send to clearance");
    await row.getByRole("link", { name: "Bahrain", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Bahrain" }).waitFor();
    await expect(actionNames(page)).resolves.toEqual(["Return to drafters"]);

    await tierPanel(page).getByRole("button", { name: "Approve tier" }).click();
    await tierPanel(page).getByText("Approved tier: Tier 1").waitFor();
    await expect(page.getByTestId("document-tier").textContent()).resolves.toBe("Tier 1");

    // The reviewer edits the submitted text before approving it.
    await typeAndSave(page, "summary", " It increased prosecutions.");
    await expect(actionNames(page)).resolves.toContain("Approve and send to clearance");
    await workflowPanel(page).getByRole("button", { name: "Approve and send to clearance" }).click();
    await expectState(page, "In clearance");
    for (const office of ["NEA", "DRL", "L"]) {
      await expect(clearancePanel(page).getByTestId(`clearance-row-${office}`).textContent()).resolves.toMatch(/ClearPending/);
    }
    await expect(clearancePanel(page).getByTestId("clearance-row-J").textContent()).resolves.toMatch(/InfoInformed/);
    expect(reviewerErrors).toEqual([]);
    await page.close();

    // DRL clears for its office.
    const drl = await openDocumentAs("Dana DRL Clearer", "2025-bahrain");
    page = drl.page;
    await expectState(page, "In clearance");
    await expect(actionNames(page)).resolves.toEqual(["Clear for my office (DRL)", "Send back with comments (DRL)"]);
    await workflowPanel(page).getByRole("button", { name: "Clear for my office (DRL)" }).click();
    const clearForm = page.getByTestId("action-form-clear");
    await clearForm.getByLabel(/Comments with your clearance/).fill("Cleared with one comment: cite the 2024 statute.");
    await clearForm.getByRole("button", { name: "Clear for my office" }).click();
    const drlRow = clearancePanel(page).getByTestId("clearance-row-DRL");
    await drlRow.getByText(/^Concurred by Dana DRL Clearer on .* — comments: Cleared with one comment: cite the 2024 statute\.$/).waitFor();
    await expect(clearancePanel(page).getByTestId("clearance-row-NEA").textContent()).resolves.toContain("Pending");
    await expectState(page, "In clearance");
    await workflowPanel(page).getByText("Nothing waits on you for this document at this stage.").waitFor();

    // From the submitted text (the oldest, the default) to the current one: the reviewer's words, added.
    const compare = page.getByRole("region", { name: "Compare texts" });
    await compare.getByRole("button", { name: "Show differences" }).click();
    const diff = compare.getByTestId("diff");
    await diff.getByRole("heading", { name: "Summary" }).waitFor();
    await expect(
      diff
        .locator("ins")
        .allTextContents()
        .then((added) => added.join("")),
    ).resolves.toContain("It increased prosecutions.");
    await expect(diff.locator("del").count()).resolves.toBe(0);
    await expect(diff.textContent()).resolves.toContain("The Government fully meets the minimum standards.");
    await expect(compare.getByTestId("diff-identical").count()).resolves.toBe(0);
    // The text DRL cleared (the newest recorded) is the text the reviewer approved, and the room still holds it.
    await compare.getByRole("combobox", { name: "From" }).selectOption({ index: 0 });
    await compare.getByRole("button", { name: "Show differences" }).click();
    await compare.getByText("The two texts are identical.").waitFor();
    expect(drl.errors).toEqual([]);
    await page.close();
  });

  it("when someone else acted first, the page says so and reloads instead of overwriting", async () => {
    const first = await openDocumentAs("NEA Drafting Officer", "2025-kuwait");
    const second = await openDocumentAs("NEA Drafting Officer", "2025-kuwait");

    // The second window proposes a tier; the first still shows the version before it.
    const secondTier = tierPanel(second.page);
    await secondTier.getByRole("combobox", { name: /^Tier/ }).selectOption({ label: "Tier 2" });
    await secondTier.getByRole("textbox", { name: /^Justification/ }).fill("Significant efforts, not yet meeting the minimum standards.");
    await secondTier.getByRole("button", { name: "Propose tier" }).click();
    await secondTier.getByText("Latest recommendation: Tier 2").waitFor();

    const firstTier = tierPanel(first.page);
    await firstTier.getByText("No tier has been proposed yet.").waitFor();
    await firstTier.getByRole("combobox", { name: /^Tier/ }).selectOption({ label: "Tier 3" });
    await firstTier.getByRole("textbox", { name: /^Justification/ }).fill("A conflicting proposal made on an old version.");
    await firstTier.getByRole("button", { name: "Propose tier" }).click();
    await first.page
      .getByTestId("stale-notice")
      .getByText(/Someone else changed this document/)
      .waitFor();
    // Reloaded: the other proposal is shown, the conflicting one was not recorded.
    await firstTier.getByText("Latest recommendation: Tier 2").waitFor();

    // An action the page still offered but which no longer applies is treated the same way.
    await workflowPanel(second.page).getByRole("button", { name: "Submit for review" }).click();
    await expectState(second.page, "In review");
    await expectState(first.page, "Drafting");
    await workflowPanel(first.page).getByRole("button", { name: "Submit for review" }).click();
    await expectState(first.page, "In review");
    await first.page.getByTestId("stale-notice").waitFor();
    await expect(actionNames(first.page)).resolves.toEqual([]);
    await first.page.close();
    await second.page.close();
  });
});
