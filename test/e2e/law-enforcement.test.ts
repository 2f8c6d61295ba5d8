/**
 * Law-enforcement figures in the browser: the NEA drafter enters Libya's figures, is told at once
 * that labor prosecutions cannot exceed the total, fixes it and saves; the data page then shows the
 * Near East sum and the published Western Hemisphere table flagged with its derived 2023 values.
 * Uses Libya, which no other browser test touches.
 */
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserSession } from "./browser.ts";

const appUrl = inject("appUrl");
const DOCUMENT = "2025-libya";
const { openDocumentAs } = browserSession(appUrl);

const panel = (page: Page) => page.getByRole("region", { name: "Law-enforcement figures" });
const form = (page: Page) => panel(page).getByRole("form", { name: "Law-enforcement figures" });

describe("law-enforcement figures in the browser: Libya", () => {
  it("the drafter enters figures, sees labor > total refused, saves, and finds the region's sum on the data page", async () => {
    const { page, errors } = await openDocumentAs("NEA Drafting Officer", DOCUMENT);
    await page.getByRole("heading", { level: 1, name: "Libya" }).waitFor();
    await panel(page).getByText("No figures have been entered yet.").waitFor();
    await expect(panel(page).getByTestId("figure-prosecutions").textContent()).resolves.toBe("not reported");

    await form(page).getByLabel("Prosecutions (total)").fill("5");
    await form(page).getByLabel("Prosecutions (labor)").fill("7");
    const message = form(page).getByTestId("figure-error-prosecutionsLabor");
    await message.waitFor();
    await expect(message.textContent()).resolves.toMatch(/Prosecutions \(labor\) cannot be more than Prosecutions \(7 > 5\)/);
    // Saving with the error in place sends nothing.
    await form(page).getByRole("button", { name: "Save figures" }).click();
    await form(page).getByTestId("figures-error-summary").waitFor();
    await expect(panel(page).getByTestId("figure-prosecutions").textContent()).resolves.toBe("not reported");

    await form(page).getByLabel("Prosecutions (labor)").fill("2");
    await message.waitFor({ state: "detached" });
    await form(page).getByLabel("Convictions (total)").fill("3");
    await form(page).getByLabel("Victims identified (total)").fill("40");
    await form(page).getByLabel("Victims identified (labor)").fill("12");
    await form(page).getByLabel("New or amended legislation").fill("1");
    await form(page).getByLabel("Which laws (optional)").fill("Law No. 1 on combating trafficking.");
    await form(page).getByRole("button", { name: "Save figures" }).click();

    await panel(page)
      .getByText(/Last changed by NEA Drafting Officer/)
      .waitFor();
    await expect(panel(page).getByTestId("figure-prosecutions").textContent()).resolves.toBe("5");
    await expect(panel(page).getByTestId("figure-prosecutionsLabor").textContent()).resolves.toBe("2");
    await expect(panel(page).getByTestId("figure-investigations").textContent()).resolves.toBe("not reported");

    // The data page: this cycle's Near East sum includes Libya; the published WHA table is flagged.
    await page.goto(`${appUrl}/`);
    await page.getByTestId("law-enforcement-link").click();
    await page.getByRole("heading", { level: 1, name: "Law-enforcement data, 2025 report" }).waitFor();
    await expect(page.getByTestId("current-NEA-prosecutions").textContent()).resolves.toMatch(/^5 \(2\)reported by 1 of 18$/);
    await expect(page.getByTestId("current-GLOBAL-victimsIdentified").textContent()).resolves.toMatch(/^40 \(12\)/);
    await expect(page.getByTestId("region-NEA-2023").textContent()).resolves.toContain("2,258 (1,344)");
    const flag = page.getByTestId("region-flag-WHA");
    await flag.waitFor();
    await expect(flag.textContent()).resolves.toMatch(/repeat the South and Central Asia rows/);
    await expect(page.getByTestId("region-derived-WHA-2023").textContent()).resolves.toBe("2023 derived1,387 (180)873 (108)18,267 (3,656)4");
    await expect(page.getByTestId("region-flag-SCA").count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });
});
