import { describe, expect, inject, it } from "vitest";
import { browserSession, signInAs, watchPageErrors } from "./browser.ts";

const appUrl = inject("appUrl");
const session = browserSession(appUrl);

describe("sign-in page and document list (web shell)", () => {
  it("lists demo users of every role, and signing in shows the user's narratives grouped by region", async () => {
    const page = await session.browser.newPage();
    const errors = watchPageErrors(page);
    await page.goto(appUrl);
    for (const role of ["drafter", "reviewer", "clearer", "leadership", "admin"]) {
      await page.getByTestId(`role-group-${role}`).waitFor();
    }
    await signInAs(page, appUrl, "AF Drafting Officer");
    await page.getByRole("heading", { name: "Africa", exact: true }).waitFor();
    await expect(page.getByTestId("current-user-name").textContent()).resolves.toContain("AF Drafting Officer");
    await expect(page.getByTestId("document-count").textContent()).resolves.toMatch(/\b48\b/);
    await expect(page.getByRole("heading", { name: "Europe", exact: true }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the header's links stay put when the inbox count arrives, so a click lands where it was aimed", async () => {
    const page = await session.browser.newPage();
    const errors = watchPageErrors(page);
    // The count comes late (as on a slow network): the links are drawn first, the badge after.
    let releaseInbox!: () => void;
    const inboxHeld = new Promise<void>((resolve) => (releaseInbox = resolve));
    await page.route("**/api/me/inbox", async (route) => {
      await inboxHeld;
      await route.continue();
    });
    await signInAs(page, appUrl, "AF Drafting Officer");
    const map = page.getByTestId("map-link");
    await map.waitFor();
    const before = await map.boundingBox();
    releaseInbox();
    // The drafter's 48 narratives wait on them: the badge shows a number.
    await expect(page.getByTestId("inbox-count").textContent()).resolves.toMatch(/^\d+$/);
    expect(await map.boundingBox()).toEqual(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("leadership sees all 188 narratives in six regions with 2024 tier and workflow state", async () => {
    const page = await session.browser.newPage();
    const errors = watchPageErrors(page);
    await signInAs(page, appUrl, "Morgan Ambassador");
    for (const region of ["Africa", "East Asia and the Pacific", "Europe", "Near East", "South and Central Asia", "Western Hemisphere"]) {
      await page.getByRole("heading", { name: region, exact: true }).waitFor();
    }
    const rows = page.locator('[data-testid^="document-row-2025-"]:not([data-testid*="-section-"])');
    await expect(rows.count()).resolves.toBe(188);
    const afghanistan = page.getByTestId("document-row-2025-afghanistan");
    await expect(afghanistan.textContent()).resolves.toMatch(/Tier 3/);
    await expect(afghanistan.textContent()).resolves.toMatch(/Drafting/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("signing out returns to the sign-in page and ends the session on the server: its cookie, replayed, is refused", async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await signInAs(page, appUrl, "AF Reviewer");
    await page.getByTestId("current-user-name").waitFor();
    const cookie = (await context.cookies()).find((c) => c.name === "tip_session");
    expect(cookie, "the session cookie").toBeDefined();
    const me = () => fetch(`${appUrl}/api/me`, { headers: { Cookie: `${cookie!.name}=${cookie!.value}` } });
    expect((await me()).status).toBe(200);
    await page.getByRole("button", { name: /sign out/i }).click();
    await page.getByRole("button", { name: "Sign in as AF Reviewer" }).waitFor();
    expect((await context.cookies()).map((c) => c.name)).not.toContain("tip_session");
    // Not only the page: the session behind the cookie is over, so a copy of it is worth nothing.
    expect((await me()).status).toBe(401);
    await page.reload();
    await page.getByRole("button", { name: "Sign in as AF Reviewer" }).waitFor();
    await context.close();
  });
});
