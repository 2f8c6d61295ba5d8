import { describe, expect, inject, it } from "vitest";
import { browserSession, signInAs, watchPageErrors } from "./browser.ts";

const appUrl = inject("appUrl");
const session = browserSession(appUrl);

describe("tier placements and the tier-history import (web)", () => {
  it("the header link opens the 2024 tables: the report's global counts, regions and movement markers", async () => {
    const page = await session.browser.newPage();
    const errors = watchPageErrors(page);
    await signInAs(page, appUrl, "AF Drafting Officer");
    await page.getByTestId("tier-placements-link").click();
    await page.getByRole("heading", { name: "Tier placements: 2024 report" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/cycles/2024/tiers");
    const counts = page.getByTestId("global-counts");
    await counts.waitFor();
    const expected = { tier1: "33", tier2: "98", tier2wl: "32", tier3: "21", special_case: "4" };
    for (const [tier, count] of Object.entries(expected)) await expect(page.getByTestId(`global-counts-${tier}`).textContent()).resolves.toBe(count);
    await expect(page.getByTestId("global-counts-placed").textContent()).resolves.toBe("188");
    for (const region of ["Africa", "East Asia and the Pacific", "Europe", "Near East", "South and Central Asia", "Western Hemisphere"]) {
      await page.getByRole("heading", { name: region, exact: true }).waitFor();
    }
    // Austria counts as Tier 1 (the global table's value). Other browser tests may have imported 2023
    // placements by now, so the movement markers are checked in the import test below, not here.
    await expect(page.getByTestId("region-EUR").getByTestId("placement-austria").textContent()).resolves.toMatch(/^Austria/);
    await expect(page.getByTestId("placement-source").textContent()).resolves.toMatch(/^Recorded placements of the 2024 report, compared with 2023/);
    await expect(page.getByLabel("Report year").inputValue()).resolves.toBe("2024");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("an admin's check lists a rejected line with its reason and keeps Import disabled", async () => {
    const page = await session.browser.newPage();
    const errors = watchPageErrors(page);
    await signInAs(page, appUrl, "Avery Admin");
    await page.getByTestId("current-user-name").waitFor();
    await page.goto(`${appUrl}/cycles/2024/tiers`);
    await page.getByRole("link", { name: "Import earlier years' tier history" }).click();
    await page.getByRole("heading", { name: "Import tier history" }).waitFor();
    await page.getByLabel("Or paste the CSV").fill("country,year,tier,waiver\nAustria,2023,Tier 1,no\nAtlantis,2023,Tier 2,no");
    await page.getByRole("button", { name: "Check" }).click();
    await page
      .getByTestId("import-summary")
      .filter({ hasText: /1 new, 0 changed, 0 unchanged, 1 rejected/ })
      .waitFor();
    await expect(page.getByTestId("import-row-3").textContent()).resolves.toMatch(/Rejected.*unknown country "Atlantis"/);
    await expect(page.getByRole("button", { name: "Import" }).isDisabled()).resolves.toBe(true);

    // Fixing the file and checking again offers Import; importing writes 2023 and the 2024 table shows the movement.
    await page.getByLabel("Or paste the CSV").fill("country,year,tier,waiver\nAustria,2023,Tier 2,no");
    await expect(page.getByRole("button", { name: "Import" }).isDisabled()).resolves.toBe(true);
    await page.getByRole("button", { name: "Check" }).click();
    await page
      .getByTestId("import-summary")
      .filter({ hasText: /1 new, 0 changed, 0 unchanged, 0 rejected/ })
      .waitFor();
    await page.getByRole("button", { name: "Import" }).click();
    await page.getByTestId("import-done").waitFor();
    await page.goto(`${appUrl}/cycles/2024/tiers`);
    await page
      .getByTestId("upgrades")
      .filter({ hasText: /Austria: Tier 1 ▲ up from Tier 2/ })
      .waitFor();
    await expect(page.getByTestId("region-EUR").getByTestId("placement-austria").textContent()).resolves.toBe("Austria ▲ up from Tier 2");
    await expect(page.getByTestId("region-EUR").getByTestId("placement-albania").textContent()).resolves.toBe("Albania new (no 2023 placement)");
    expect(errors).toEqual([]);
    await page.close();
  });
});
