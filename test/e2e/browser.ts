/** Debian's Chromium driven by playwright-core (Playwright's own browser download does not work here). */
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}

/** Collects console errors and CSP violations so a test can assert the page ran cleanly. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  // The app asks /api/me first to learn whether anyone is signed in; that 401 is expected.
  page.on("console", (msg) => msg.type() === "error" && !/status of 401/.test(msg.text()) && errors.push(msg.text()));
  page.on("pageerror", (err) => errors.push(err.message));
  return errors;
}

export async function signInAs(page: Page, appUrl: string, name: string): Promise<void> {
  await page.goto(appUrl);
  await page.getByRole("button", { name: `Sign in as ${name}` }).click();
}
