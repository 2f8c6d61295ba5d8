/**
 * The tier map in Chromium: hover and keyboard focus show name, tier and state; Enter opens the
 * narrative; last year's tier one toggle away; regional maps; the small states as markers; no
 * serious axe violation. Botswana and Togo are this file's own.
 */
import type { APIRequestContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seriousViolations } from "./axe.ts";
import { browserSession, signInAs, watchPageErrors } from "./browser.ts";
import { act, apiAs, approveTier, artifact } from "./overview-data.ts";

const appUrl = inject("appUrl");
const session = browserSession(appUrl);
const contexts: APIRequestContext[] = [];

beforeAll(async () => {
  const drafter = await apiAs(appUrl, "AF Drafting Officer");
  const reviewer = await apiAs(appUrl, "AF Reviewer");
  contexts.push(drafter, reviewer);
  // Botswana: Tier 2 approved, in review. Togo: Tier 2 in 2024, nothing approved yet.
  await approveTier(drafter, reviewer, "2025-botswana", "tier2");
  await act(drafter, "2025-botswana", "submit");
});

afterAll(async () => {
  for (const c of contexts) await c.dispose();
});

describe("tier map", () => {
  it("hover and focus show the tier and state, Enter opens the narrative, last year's tier is one toggle away", async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchPageErrors(page);
    await signInAs(page, appUrl, "Morgan Ambassador");
    await page.getByTestId("current-user-name").waitFor();
    await page.getByRole("link", { name: "Map", exact: true }).click();
    const map = page.getByTestId("tier-map");
    await expect.poll(() => map.locator("[data-country]").count()).toBe(188);

    // Every country is a link named with its tier and state.
    const botswana = page.getByRole("link", { name: "Botswana: Tier 2, in review" });
    // The map is one stop in the Tab order, not 188: the first country by name holds it.
    await expect(map.locator('[data-country][tabindex="0"]').getAttribute("data-country")).resolves.toBe("afghanistan");
    await expect(map.locator('[data-country][tabindex="-1"]').count()).resolves.toBe(187);
    await expect(page.getByRole("link", { name: "Togo: not placed yet, drafting" }).count()).resolves.toBe(1);

    // Hover: the tooltip says both years' tiers and the state.
    await botswana.hover();
    const tooltip = page.getByTestId("map-tooltip");
    await expect(tooltip.textContent()).resolves.toBe("Botswana2025: Tier 2 (approved)2024: Tier 2In review");
    await page.screenshot({ path: artifact("map-hover.png") });

    // Keyboard: focus shows the tooltip, the arrow keys go to the next country by name, Escape hides it.
    await page.mouse.move(0, 0);
    await botswana.focus();
    await expect(tooltip.textContent()).resolves.toMatch(/^Botswana2025: Tier 2/);
    await page.keyboard.press("ArrowRight");
    await expect(tooltip.textContent()).resolves.toMatch(/^Brazil2025: not placed yet2024: Tier 2Drafting$/);
    await page.keyboard.press("Escape");
    await expect(tooltip.count()).resolves.toBe(0);
    await page.keyboard.press("ArrowLeft");
    await expect(tooltip.textContent()).resolves.toMatch(/^Botswana/);
    // The last country focused keeps the Tab stop; Tab leaves the map, Shift+Tab comes back to it.
    await expect(botswana.getAttribute("tabindex")).resolves.toBe("0");
    await page.keyboard.press("Tab");
    await expect(page.evaluate<boolean>(`document.activeElement?.closest("[data-country]") === null`)).resolves.toBe(true);
    await page.keyboard.press("Shift+Tab");
    await expect(tooltip.textContent()).resolves.toMatch(/^Botswana/);
    await page.keyboard.press("End");
    await expect(tooltip.textContent()).resolves.toMatch(/^Zimbabwe/);

    // Last year's tier: the toggle recolours and renames every country.
    // USWDS draws the checkbox over its label; the click lands on the label, as a person's would.
    await page.getByText("Last year's tier (2024)").click();
    await page.waitForURL((url) => url.search === "?tiers=previous");
    await expect(map.locator('[data-country="togo"]').getAttribute("data-fill")).resolves.toBe("tier2");
    await expect(page.getByRole("link", { name: "Seychelles: Tier 1 in 2024, drafting" }).count()).resolves.toBe(1);
    await expect(page.getByTestId("map-legend").textContent()).resolves.toMatch(
      /Tier 1 \(33\).*Tier 2 \(98\).*Tier 2 Watch List \(32\).*Tier 3 \(21\).*Special Case \(4\)/,
    );
    await page.getByText("Last year's tier (2024)").click();
    await page.waitForURL((url) => url.search === "");

    // Small island states get a marker that is as much a link as any shape.
    await expect(map.locator('[data-country="maldives"] circle').count()).resolves.toBe(1);
    await expect(map.locator('[data-country="brazil"] circle').count()).resolves.toBe(0);

    // A regional map: only that region's countries are links, fitted to them.
    await page.getByLabel("Map of").selectOption("AF");
    await page.waitForURL((url) => url.search === "?region=AF");
    await expect.poll(() => map.locator("[data-country]").count()).toBe(48);
    await expect(page.getByRole("link", { name: /^France:/ }).count()).resolves.toBe(0);
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: artifact("map-africa.png") });

    // Enter on a focused country opens its narrative.
    await page.getByRole("link", { name: "Botswana: Tier 2, in review" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Botswana" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/documents/2025-botswana");
    expect(errors).toEqual([]);
    await page.close();
  });
});
