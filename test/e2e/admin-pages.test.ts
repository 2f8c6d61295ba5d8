/**
 * People and grants in Chromium: an administrator adds a person with a grant, edits them, adds and
 * revokes a grant, deactivates them (who can then no longer sign in), and imports a CSV after a dry
 * run that lists the rejected row; others get no link and the API refuses them; no serious axe
 * violation. The people are this file's own (unique emails).
 */
import { request } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { seriousViolations } from "./axe.ts";
import { browserSession, signInAs, watchPageErrors } from "./browser.ts";
import { artifact } from "./overview-data.ts";

const appUrl = inject("appUrl");
const session = browserSession(appUrl);
const stamp = Date.now();
const LUSAKA = `lusaka.${stamp}@example.gov`;

async function canSignIn(email: string): Promise<number> {
  const context = await request.newContext({ baseURL: appUrl, extraHTTPHeaders: { Origin: appUrl } });
  const status = (await context.post("/auth/dev/login", { data: { email } })).status();
  await context.dispose();
  return status;
}

describe("admin pages", () => {
  it("an administrator adds, edits, grants, revokes and deactivates a person", async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchPageErrors(page);
    await signInAs(page, appUrl, "Avery Admin");
    await page.getByTestId("current-user-name").waitFor();
    await page.getByRole("link", { name: "People" }).click();
    await page.getByRole("heading", { level: 1, name: "People and grants" }).waitFor();
    await page.getByTestId("user-row-ambassador@tip.example.gov").waitFor();
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: artifact("admin-users.png"), fullPage: true });

    // Add a person with a first grant: a drafter for one country.
    const add = page.getByTestId("add-user");
    await add.getByLabel("Name").fill("Lusaka Reporting Officer");
    await add.getByLabel("Email").fill(LUSAKA);
    await add.getByLabel("Covers").selectOption("country");
    await add.getByLabel("Country").selectOption("zambia");
    await add.getByRole("button", { name: "Add person" }).click();
    await page.getByRole("heading", { level: 1, name: "Lusaka Reporting Officer" }).waitFor();
    const grants = page.getByTestId("user-grants");
    await expect(grants.getByTestId("grant-row").allTextContents()).resolves.toEqual(["Drafting officer — ZambiaRevoke"]);
    expect(await canSignIn(LUSAKA)).toBe(200);

    // Edit the name.
    await page.getByRole("textbox", { name: "Name" }).fill("Lusaka Political Officer");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByTestId("user-saved").getByText("Saved.").waitFor();
    await page.getByRole("heading", { level: 1, name: "Lusaka Political Officer" }).waitFor();

    // A clearer grant names its office; then revoke the drafter grant.
    const form = page.getByRole("form", { name: "Add a grant" });
    await form.getByLabel("Role").selectOption("clearer");
    await form.getByLabel("Covers").selectOption("region");
    await form.getByLabel("Region").selectOption("AF");
    await form.getByLabel("Clears for").selectOption("AF");
    await form.getByRole("button", { name: "Add grant" }).click();
    await expect.poll(() => grants.getByTestId("grant-row").count()).toBe(2);
    await grants.getByRole("button", { name: "Revoke Drafting officer — Zambia" }).click();
    await expect.poll(() => grants.getByTestId("grant-row").allTextContents()).toEqual(["Clearing office — Africa, Bureau of African Affairs" + "Revoke"]);
    await expect(seriousViolations(page)).resolves.toEqual([]);

    // Deactivate: they can no longer sign in, and the list says so.
    await page.getByRole("button", { name: "Deactivate" }).click();
    await page.getByTestId("user-status").getByText("Deactivated: cannot sign in.").waitFor();
    expect(await canSignIn(LUSAKA)).toBe(403);
    await page.getByRole("link", { name: "People and grants" }).click();
    await expect(page.getByTestId(`user-row-${LUSAKA}`).textContent()).resolves.toMatch(/Lusaka Political Officer.*Deactivated.*Clearing office — Africa/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the CSV import's dry run lists each rejected row; a clean file imports", async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchPageErrors(page);
    await signInAs(page, appUrl, "Avery Admin");
    await page.getByTestId("current-user-name").waitFor();
    await page.goto(`${appUrl}/admin/users`);
    await page.getByRole("link", { name: "Import people from a CSV file" }).click();
    await page.getByRole("heading", { level: 1, name: "Import people" }).waitFor();

    const good = [
      `harare.${stamp}@example.gov,Harare Officer,drafter,country:zimbabwe,,true`,
      `dakar.${stamp}@example.gov,Dakar Officer,reviewer,country:senegal,,true`,
    ];
    const bad = `not-an-email,Nobody,drafter,region:XX,,true`;
    await page.getByLabel("Or paste the CSV").fill(["email,name,role,scope,office,active", ...good, bad].join("\n"));
    await page.getByRole("button", { name: "Check" }).click();
    const report = page.getByTestId("user-import-report");
    await report.waitFor();
    await expect(page.getByTestId("user-import-summary").textContent()).resolves.toBe("3 rows: 1 rejected, 2 people to add, 0 to update, 2 grants to add.");
    await expect(page.getByTestId("rejected-row-4").textContent()).resolves.toMatch(/^4not-an-email.*/);
    await expect(page.getByRole("button", { name: "Import" }).isDisabled()).resolves.toBe(true);
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await page.screenshot({ path: artifact("user-import-dry-run.png"), fullPage: true });
    // Nothing was written by the check.
    expect(await canSignIn(`harare.${stamp}@example.gov`)).toBe(403);

    await page.getByLabel("Or paste the CSV").fill(["email,name,role,scope,office,active", ...good].join("\n"));
    await expect(page.getByRole("button", { name: "Import" }).isDisabled()).resolves.toBe(true);
    await page.getByRole("button", { name: "Check" }).click();
    await page.getByText("Ready: 4 changes to write.").waitFor();
    await page.getByRole("button", { name: "Import" }).click();
    await page.getByTestId("user-import-done").waitFor();
    await expect(page.getByTestId("user-import-done").textContent()).resolves.toBe("Imported: 2 people added, 0 updated, 2 grants added.");
    expect(await canSignIn(`harare.${stamp}@example.gov`)).toBe(200);
    await page.getByRole("link", { name: "People and grants" }).click();
    await expect(page.getByTestId(`user-row-dakar.${stamp}@example.gov`).textContent()).resolves.toMatch(/Dakar Officer.*Active.*Reviewer — Senegal/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("only administrators see the link; the API refuses everyone else", async () => {
    const page = await session.browser.newPage();
    await signInAs(page, appUrl, "Morgan Ambassador");
    await page.getByTestId("current-user-name").waitFor();
    await expect(page.getByRole("link", { name: "People" }).count()).resolves.toBe(0);
    expect((await page.request.get(`${appUrl}/api/admin/users`)).status()).toBe(403);
    const refused = await page.request.post(`${appUrl}/api/admin/users/import?dryRun=true`, {
      headers: { Origin: appUrl, "Content-Type": "text/csv" },
      data: "email,name,role,scope,office,active\n",
    });
    expect(refused.status()).toBe(403);
    await page.goto(`${appUrl}/admin/users`);
    await expect(page.getByTestId("error-alert").textContent()).resolves.toMatch(/Only administrators may manage users/);
    await page.close();
  });
});
