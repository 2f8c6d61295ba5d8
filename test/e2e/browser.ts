/** Debian's Chromium driven by playwright-core (Playwright's own browser download does not work here). */
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

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

/** One Chromium per test file, launched before and closed after its tests; pages for signed-in people. */
export function browserSession(appUrl: string) {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser(): Browser {
      return browser;
    },
    /** A fresh page (own cookies) signed in as `name`, on the document's page. */
    async openDocumentAs(name: string, documentId: string): Promise<{ page: Page; errors: string[] }> {
      const page = await browser.newPage();
      const errors = watchPageErrors(page);
      await signInAs(page, appUrl, name);
      await page.getByTestId("current-user-name").waitFor();
      await page.goto(`${appUrl}/documents/${documentId}`);
      await page.getByTestId("document-detail").waitFor();
      return { page, errors };
    },
  };
}

export interface PersonInContext {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** A person in their own browser context (own cookies, own IndexedDB), on a document's workspace. */
export async function openInOwnContext(
  browser: Browser,
  appUrl: string,
  name: string,
  documentId: string,
  beforeLoad?: (page: Page) => Promise<void>,
): Promise<PersonInContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  if (beforeLoad) await beforeLoad(page);
  await signInAs(page, appUrl, name);
  await page.getByTestId("current-user-name").waitFor();
  await page.goto(`${appUrl}/documents/${documentId}`);
  await page.getByTestId("workspace").waitFor();
  return { context, page, errors };
}

export const workflowPanel = (page: Page) => page.getByRole("region", { name: "Workflow actions" });
export const tierPanel = (page: Page) => page.getByRole("region", { name: /tier$/ });
export const clearancePanel = (page: Page) => page.getByRole("region", { name: "Clearance" });

export async function expectState(page: Page, label: string): Promise<void> {
  await page.getByTestId("document-state").getByText(label, { exact: true }).waitFor();
}
