/**
 * The clearance list as people see it in the browser: the NEA reviewer gives Oman its own list
 * (NEA and L clear, DRL informed), the drafter cannot change it, the document goes through review
 * into clearance, NEA clears and leadership proceeds without L. Uses Oman, which no other browser
 * test touches (Lebanon for the stale-version case); the list page's cycle summary is checked read-only.
 */
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserSession, clearancePanel, expectState, signInAs, tierPanel, watchPageErrors, workflowPanel } from "./browser.ts";

const appUrl = inject("appUrl");
const DOCUMENT = "2025-oman";
const session = browserSession(appUrl);
const { openDocumentAs } = session;

const editor = (page: Page) => page.getByRole("form", { name: "Change the clearance list" });
type Choice = "Off" | "Clear" | "Info";
const officeGroup = (page: Page, office: string) => editor(page).getByRole("group", { name: new RegExp(`^${office} — `) });
const officeChoice = (page: Page, office: string, choice: Choice) => officeGroup(page, office).getByRole("radio", { name: choice, exact: true });
/** USWDS hides the radio input itself and draws its label: people click the label. */
async function choose(page: Page, office: string, choice: Choice) {
  await officeGroup(page, office).getByText(choice, { exact: true }).click();
  await expect(officeChoice(page, office, choice).isChecked()).resolves.toBe(true);
}
const row = (page: Page, office: string) => clearancePanel(page).getByTestId(`clearance-row-${office}`);

describe("clearance list in the browser: Oman with its own list", () => {
  it("the reviewer sets NEA and L to clear and DRL to info; NEA clears and leadership proceeds without L", async () => {
    // The NEA reviewer edits the list while the document is still being drafted.
    const reviewer = await openDocumentAs("NEA Reviewer", DOCUMENT);
    let page = reviewer.page;
    await page.getByRole("heading", { level: 1, name: "Oman" }).waitFor();
    await expectState(page, "Drafting");
    await clearancePanel(page).getByText("Cycle default list").waitFor();
    await clearancePanel(page).getByRole("button", { name: "Change the clearance list" }).click();
    await editor(page).waitFor();
    // The default list is where the editor starts.
    for (const office of ["NEA", "DRL", "L"]) await expect(officeChoice(page, office, "Clear").isChecked()).resolves.toBe(true);
    await expect(officeChoice(page, "J", "Info").isChecked()).resolves.toBe(true);

    // A list with nobody to clear is flagged before anything is sent.
    for (const office of ["NEA", "DRL", "L"]) await choose(page, office, "Off");
    await editor(page)
      .getByText(/^At least one office must clear/)
      .waitFor();
    await expect(editor(page).getByRole("button", { name: "Save clearance list" }).isDisabled()).resolves.toBe(true);

    await choose(page, "NEA", "Clear");
    await choose(page, "L", "Clear");
    await choose(page, "DRL", "Info");
    await choose(page, "J", "Off");
    await expect(
      editor(page)
        .getByText(/^At least one office must clear/)
        .count(),
    ).resolves.toBe(0);
    await editor(page).getByRole("button", { name: "Save clearance list" }).click();

    await clearancePanel(page).getByText("Document's own list").waitFor();
    await expect(editor(page).count()).resolves.toBe(0);
    await expect(row(page, "NEA").textContent()).resolves.toMatch(/ClearNot started/);
    await expect(row(page, "L").textContent()).resolves.toMatch(/ClearNot started/);
    await expect(row(page, "DRL").textContent()).resolves.toMatch(/InfoInformed/);
    await expect(row(page, "J").count()).resolves.toBe(0);
    expect(reviewer.errors).toEqual([]);
    await page.close();

    // The drafter sees the list but may not change it; proposes a tier and submits.
    const drafter = await openDocumentAs("NEA Drafting Officer", DOCUMENT);
    page = drafter.page;
    await clearancePanel(page).getByText("Document's own list").waitFor();
    await expect(row(page, "DRL").textContent()).resolves.toMatch(/InfoInformed/);
    await expect(clearancePanel(page).getByRole("button", { name: "Change the clearance list" }).count()).resolves.toBe(0);
    await expect(page.getByTestId("clearance-list-editor").count()).resolves.toBe(0);
    const tier = tierPanel(page);
    await tier.getByRole("combobox", { name: /^Tier/ }).selectOption({ label: "Tier 2" });
    await tier
      .getByRole("textbox", { name: /^Justification/ })
      .fill("The Government does not fully meet the minimum standards but is making significant efforts.");
    await tier.getByRole("button", { name: "Propose tier" }).click();
    await tier.getByText("Latest recommendation: Tier 2").waitFor();
    await workflowPanel(page).getByRole("button", { name: "Submit for review" }).click();
    await expectState(page, "In review");
    await expect(clearancePanel(page).getByRole("button", { name: "Change the clearance list" }).count()).resolves.toBe(0);
    expect(drafter.errors).toEqual([]);
    await page.close();

    // The reviewer approves the tier and the document; it enters clearance with its own list.
    const approving = await openDocumentAs("NEA Reviewer", DOCUMENT);
    page = approving.page;
    await expectState(page, "In review");
    await tierPanel(page).getByRole("button", { name: "Approve tier" }).click();
    await tierPanel(page).getByText("Approved tier: Tier 2").waitFor();
    await workflowPanel(page).getByRole("button", { name: "Approve and send to clearance" }).click();
    await expectState(page, "In clearance");
    await expect(row(page, "NEA").textContent()).resolves.toMatch(/ClearPending/);
    await expect(row(page, "L").textContent()).resolves.toMatch(/ClearPending/);
    await expect(row(page, "DRL").textContent()).resolves.toMatch(/InfoInformed/);
    // Once clearance has started, a change needs a comment saying why.
    await clearancePanel(page).getByRole("button", { name: "Change the clearance list" }).click();
    await editor(page)
      .getByRole("textbox", { name: /^Comment \(why the list changes after clearance started\)/ })
      .waitFor();
    await expect(editor(page).getByRole("button", { name: "Save clearance list" }).isDisabled()).resolves.toBe(true);
    await editor(page).getByRole("button", { name: "Cancel" }).click();
    await expect(editor(page).count()).resolves.toBe(0);
    expect(approving.errors).toEqual([]);
    await page.close();

    // The NEA bureau clears for its office.
    const bureau = await openDocumentAs("NEA Bureau Clearer", DOCUMENT);
    page = bureau.page;
    await expect(clearancePanel(page).getByRole("button", { name: "Change the clearance list" }).count()).resolves.toBe(0);
    await workflowPanel(page).getByRole("button", { name: "Clear for my office (NEA)" }).click();
    await page.getByTestId("action-form-clear").getByRole("button", { name: "Clear for my office" }).click();
    await row(page, "NEA")
      .getByText(/^Concurred by NEA Bureau Clearer on /)
      .waitFor();
    await expectState(page, "In clearance");
    expect(bureau.errors).toEqual([]);
    await page.close();

    // Leadership proceeds without L, giving the reason.
    const reason = "Legal review is complete in substance; the Office of the Legal Adviser could not clear before the deadline.";
    const leadership = await openDocumentAs("Morgan Ambassador", DOCUMENT);
    page = leadership.page;
    await workflowPanel(page).getByRole("button", { name: "Proceed without an office (L)" }).click();
    const form = workflowPanel(page).getByRole("form", { name: "Proceed without an office" });
    await form.getByRole("textbox", { name: /^Comment/ }).fill(reason);
    await form.getByRole("button", { name: "Proceed without an office" }).click();
    await expectState(page, "Final review");
    await row(page, "L").getByText(`Not concurred — proceeded without by Morgan Ambassador: ${reason}`, { exact: true }).waitFor();
    await expect(row(page, "DRL").textContent()).resolves.toMatch(/InfoInformed/);
    await expect(row(page, "NEA").textContent()).resolves.toContain("Concurred by NEA Bureau Clearer");
    expect(leadership.errors).toEqual([]);
    await page.close();
  });

  it("when someone else changed the document first, saving the list says so and reloads it", async () => {
    const first = await openDocumentAs("NEA Reviewer", "2025-lebanon");
    const second = await openDocumentAs("NEA Reviewer", "2025-lebanon");
    await clearancePanel(first.page).getByRole("button", { name: "Change the clearance list" }).click();
    await choose(first.page, "J", "Off");

    await clearancePanel(second.page).getByRole("button", { name: "Change the clearance list" }).click();
    await choose(second.page, "DRL", "Info");
    await editor(second.page).getByRole("button", { name: "Save clearance list" }).click();
    await clearancePanel(second.page).getByText("Document's own list").waitFor();

    await editor(first.page).getByRole("button", { name: "Save clearance list" }).click();
    await first.page
      .getByTestId("stale-notice")
      .getByText(/Someone else changed this document/)
      .waitFor();
    // Reloaded with the other change; the conflicting one was not recorded.
    await clearancePanel(first.page).getByText("Document's own list").waitFor();
    await expect(row(first.page, "DRL").textContent()).resolves.toMatch(/InfoInformed/);
    await expect(row(first.page, "J").textContent()).resolves.toMatch(/InfoInformed/);
    expect(first.errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
    expect(second.errors).toEqual([]);
    await first.page.close();
    await second.page.close();
  });

  it("the document list shows the days to the release and the overdue count", async () => {
    const page = await session.browser.newPage();
    const errors = watchPageErrors(page);
    await signInAs(page, appUrl, "NEA Reviewer");
    const countdown = page.getByTestId("cycle-summary").getByTestId("days-to-release");
    await countdown.waitFor();
    await expect(countdown.textContent()).resolves.toMatch(/^\d+ days to the [A-Z][a-z]+ release \([A-Z][a-z]+ \d{1,2}, \d{4}\)$/);
    await expect(page.getByTestId("overdue-count").textContent()).resolves.toMatch(/^No overdue documents among the \d+ documents you can see$/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
