/**
 * The statute in the tier form: Equatorial Guinea was on the Watch List in 2024 (seed) and, after
 * the admin imports 2023, in 2023 too. The AF drafter choosing the Watch List again is told at once
 * that the automatic downgrade makes it Tier 3 and that the one-time waiver is still available;
 * with the waiver and its written plan the proposal goes through, the reviewer approves it, and the
 * heading carries the tier. No other browser test touches Equatorial Guinea.
 */
import { describe, expect, inject, it } from "vitest";
import { browserSession, signInAs, tierPanel } from "./browser.ts";

const appUrl = inject("appUrl");
const DOCUMENT = "2025-equatorial-guinea";
const session = browserSession(appUrl);

describe("tier form in the browser: the automatic downgrade and the waiver", () => {
  it("warns at once, accepts the waiver with its plan, and shows the approved tier in the heading", async () => {
    const admin = await session.browser.newPage();
    await signInAs(admin, appUrl, "Avery Admin");
    await admin.getByTestId("current-user-name").waitFor();
    const imported = await admin.request.post(`${appUrl}/api/tier-history/import`, {
      data: "country,year,tier,waiver\nEquatorial Guinea,2023,Tier 2 Watch List,no\n",
      headers: { "Content-Type": "text/csv", Origin: appUrl },
    });
    expect(imported.status(), await imported.text()).toBe(200);

    const { page, errors } = await session.openDocumentAs("AF Drafting Officer", DOCUMENT);
    const tier = tierPanel(page);
    await tier.getByTestId("tier-situation").getByText("Watch List years running before 2025: 2").waitFor();
    await expect(tier.getByTestId("waiver-status").textContent()).resolves.toBe("available");

    await tier.getByRole("combobox", { name: /^Tier/ }).selectOption({ label: "Tier 2 Watch List" });
    const refusal = tier.getByTestId("statute-error");
    await refusal.waitFor();
    await expect(refusal.getAttribute("data-clause")).resolves.toBe("automatic_downgrade");
    await expect(refusal.textContent()).resolves.toMatch(/automatically Tier 3 unless the one-time waiver is requested \(it is still available\)/);
    await tier.getByLabel("Justification").fill("Convictions rose, but protection efforts stalled.");
    await expect(tier.getByRole("button", { name: "Propose tier" }).isDisabled()).resolves.toBe(true);

    await tier.getByText("Request the one-time waiver of the automatic downgrade").click();
    await tier.getByLabel(/written plan/).fill("National Action Plan 2025-2027, delivered 2025-02-10");
    await tier.getByTestId("statute-warning").filter({ hasText: "uses the one-time waiver" }).waitFor();
    await expect(tier.getByTestId("statute-error").count()).resolves.toBe(0);
    await tier.getByRole("button", { name: "Propose tier" }).click();
    await tier.getByText("Latest recommendation: Tier 2 Watch List").waitFor();
    await tier.getByText("Written plan: National Action Plan 2025-2027, delivered 2025-02-10").waitFor();

    const reviewer = await session.openDocumentAs("AF Reviewer", DOCUMENT);
    await tierPanel(reviewer.page).getByTestId("statute-warning").first().waitFor();
    await tierPanel(reviewer.page).getByRole("button", { name: "Approve tier" }).click();
    await reviewer.page.getByRole("heading", { level: 1, name: "Equatorial Guinea: Tier 2 Watch List" }).waitFor();
    expect(errors).toEqual([]);
    expect(reviewer.errors).toEqual([]);
  });
});
