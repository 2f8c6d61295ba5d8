import { describe, expect, inject, it } from "vitest";
import { browserSession, signInAs, watchPageErrors } from "./browser.ts";

const appUrl = inject("appUrl");
const session = browserSession(appUrl);

describe("routes, links and the URL (web shell)", () => {
  it("filters live in the URL; links and Back move in place; unknown addresses are not found; the next person sees only their own documents", async () => {
    const page = await session.browser.newPage();
    const errors = watchPageErrors(page);
    await signInAs(page, appUrl, "Morgan Ambassador");
    await page.getByRole("heading", { name: "Africa", exact: true }).waitFor();

    // A filter replaces the address (no new history entry) and survives a reload.
    const entries = await page.evaluate<number>("history.length");
    await page.getByLabel("Region").selectOption("EUR");
    await page.waitForURL((url) => url.search === "?region=EUR");
    // The previous list stays up ("Updating…") until the filtered one arrives.
    await page.getByRole("heading", { name: "Africa", exact: true }).waitFor({ state: "detached" });
    await expect(page.evaluate<number>("history.length")).resolves.toBe(entries);
    await page.reload();
    await page.getByTestId("document-row-2025-austria").waitFor();
    await expect(page.getByLabel("Region").inputValue()).resolves.toBe("EUR");
    await expect(page.getByRole("heading", { name: "Africa", exact: true }).count()).resolves.toBe(0);

    // A document link navigates without reloading the page, and Back returns to the filtered list.
    await page.evaluate("window.sameDocument = true");
    await page.getByRole("link", { name: "Austria", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Austria" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/documents/2025-austria");
    await page.goBack();
    await page.getByTestId("document-row-2025-austria").waitFor();
    expect(new URL(page.url()).search).toBe("?region=EUR");
    await expect(page.getByLabel("Region").inputValue()).resolves.toBe("EUR");
    await expect(page.evaluate<boolean>("window.sameDocument === true")).resolves.toBe(true);
    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.getByRole("heading", { name: "Africa", exact: true }).waitFor();
    expect(new URL(page.url()).search).toBe("");

    for (const path of ["/nowhere", "/cycles/20x4/tiers", "/documents/2025-austria/extra"]) {
      await page.goto(`${appUrl}${path}`);
      await page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
    }
    await page.goto(`${appUrl}/inbox/`);
    await page.getByRole("heading", { level: 1, name: "Your inbox" }).waitFor();

    // Signing out and in as someone else, without a reload, shows nothing of the last person's cache.
    await page.goto(appUrl);
    await page.getByRole("heading", { name: "Europe", exact: true }).waitFor();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in as AF Drafting Officer" }).click();
    await page.getByRole("heading", { name: "Africa", exact: true }).waitFor();
    await expect(page.getByTestId("document-count").textContent()).resolves.toMatch(/\b48\b/);
    await expect(page.getByRole("heading", { name: "Europe", exact: true }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
