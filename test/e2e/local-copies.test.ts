/**
 * Local copies belong to one person: signing out with unsaved changes warns first, then deletes
 * them, and the next person on the same browser neither sees nor sends them. Uses Uzbekistan,
 * which no other browser test touches.
 */
import { describe, expect, inject, it } from "vitest";
import { browserSession, signInAs, watchPageErrors } from "./browser.ts";

const appUrl = inject("appUrl");
const session = browserSession(appUrl);
const DOC = "2025-uzbekistan";

describe("local copies on a shared browser", () => {
  it("sign-out warns about unsaved changes, deletes them, and the next person's session never sends them", async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signInAs(page, appUrl, "SCA Drafting Officer");
    await page.getByTestId("current-user-name").waitFor();
    await page.goto(`${appUrl}/documents/${DOC}`);
    const summary = page.getByTestId("section-summary").locator(".tip-editor__text").getByRole("textbox");
    await expect.poll(() => summary.getAttribute("contenteditable"), { timeout: 10_000 }).toBe("true");
    await summary.click();
    await page.keyboard.type("Saved words.");
    await page.getByTestId("save-status").getByText("All changes saved").waitFor();

    await context.setOffline(true);
    await page
      .getByTestId("save-status")
      .getByText(/^Offline/)
      .waitFor();
    await page.keyboard.type(" Unsaved words.");
    await page
      .getByTestId("save-status")
      .getByText(/changes kept on this device$/)
      .waitFor();

    // First refusal: the person stays signed in and keeps the changes.
    const warnings: string[] = [];
    page.once("dialog", (dialog) => {
      warnings.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => warnings.length).toBe(1);
    expect(warnings[0]).toMatch(/have not reached the server yet/);
    await page.getByTestId("current-user-name").waitFor();
    await context.setOffline(false);
    // Back online the changes are saved; now go offline again and type more, then sign out anyway.
    await page.getByTestId("save-status").getByText("All changes saved").waitFor({ timeout: 10_000 });
    await context.setOffline(true);
    await page
      .getByTestId("save-status")
      .getByText(/^Offline/)
      .waitFor();
    await summary.click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type(" Never sent.");
    await page
      .getByTestId("save-status")
      .getByText(/changes kept on this device$/)
      .waitFor();
    // Signing out anyway, still offline: the device is cleared first; the server's half of the
    // sign-out waits for the network, and a second press finishes it.
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByTestId("error-alert").getByText("Sign-out failed").waitFor();
    await context.setOffline(false);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in as SCA Reviewer" }).waitFor();
    const copies = await page.evaluate<string[]>(
      `indexedDB.databases().then((dbs) => dbs.map((d) => d.name || "").filter((n) => n.startsWith("tip-clearance:")))`,
    );
    expect(copies).toEqual([]);

    // The next person on this browser.
    await page.getByRole("button", { name: "Sign in as SCA Reviewer" }).click();
    await page.getByTestId("current-user-name").waitFor();
    await page.goto(`${appUrl}/documents/${DOC}`);
    await page.getByTestId("workspace").waitFor();
    await summary.getByText(/Saved words\. Unsaved words\./).waitFor();
    await page.waitForTimeout(500);
    await expect(summary.textContent()).resolves.not.toContain("Never sent");
    const text = await page.evaluate<string>(`fetch("/api/documents/${DOC}/snapshots/current").then((r) => r.json()).then((s) => JSON.stringify(s.sections))`);
    expect(text).not.toContain("Never sent");
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
    await context.close();
  });
});
