/**
 * The co-editing workspace as officers use it: two Kabul drafters in two browsers on Afghanistan,
 * live text and carets, "saved" only once the room has stored it, offline and back, readers who
 * cannot type and see no false alarm, nothing pasted that runs as code, and the whole journey to
 * final clearance ending with both drafters' editors read-only without a reload.
 * Uses Afghanistan (left in drafting: the stock-client and list tests read it too), Bangladesh for
 * the journey and Nepal for the paste checks.
 */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page, WebSocketRoute } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserSession, clearancePanel, expectState, openInOwnContext, tierPanel, watchPageErrors, workflowPanel, type PersonInContext } from "./browser.ts";

const appUrl = inject("appUrl");
const session = browserSession(appUrl);
const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));

type Person = PersonInContext;

const open = (name: string, documentId: string, beforeLoad?: (page: Page) => Promise<void>) =>
  openInOwnContext(session.browser, appUrl, name, documentId, beforeLoad);

const editor = (page: Page, section: string) => page.getByTestId(`section-${section}`).locator(".tip-editor__text").getByRole("textbox");
const saveStatus = (page: Page) => page.getByTestId("save-status");

async function waitEditable(page: Page, section: string): Promise<void> {
  await expect.poll(() => editor(page, section).getAttribute("contenteditable"), { timeout: 10_000 }).toBe("true");
}

async function typeAtEnd(page: Page, section: string, text: string): Promise<void> {
  await editor(page, section).click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type(text);
}

describe("workspace: two drafters co-edit Afghanistan", () => {
  let a: Person;
  let b: Person;

  it("text typed by one appears in the other's editor within a second, in the right section, with the typist's caret and name", async () => {
    a = await open("Kabul Reporting Officer", "2025-afghanistan");
    b = await open("Kabul Political Officer", "2025-afghanistan");
    for (const p of [a, b]) {
      await waitEditable(p.page, "prosecution");
      for (const label of ["Summary", "Prioritized Recommendations", "Prosecution", "Protection", "Prevention", "Trafficking Profile"]) {
        await p.page.getByRole("heading", { level: 2, name: label, exact: true }).waitFor();
      }
    }
    // Each sees who else is in the document.
    await a.page.getByTestId("presence").getByText("Kabul Reporting Officer (you)").waitFor();
    await a.page.getByTestId("presence").getByText("Kabul Political Officer").waitFor();
    await b.page.getByTestId("presence").getByText("Kabul Reporting Officer").waitFor();

    await typeAtEnd(a.page, "prosecution", "The government convicted 12 traffickers.");
    const started = Date.now();
    await editor(b.page, "prosecution").getByText("The government convicted 12 traffickers.").waitFor({ timeout: 1000 });
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(editor(b.page, "summary").textContent()).resolves.not.toContain("convicted 12");
    // A's caret, labelled with A's verified name, sits in B's prosecution section.
    await b.page.getByTestId("section-prosecution").locator(".collaboration-carets__label", { hasText: "Kabul Reporting Officer" }).waitFor({ timeout: 2000 });
    await saveStatus(a.page).getByText("All changes saved").waitFor();

    mkdirSync(ARTIFACTS, { recursive: true });
    await typeAtEnd(b.page, "summary", "Afghanistan does not fully meet the minimum standards.");
    await a.page.getByText("Afghanistan does not fully meet the minimum standards.").waitFor();
    await a.page.screenshot({ path: `${ARTIFACTS}workspace-two-people-editing.png`, fullPage: true });
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });

  it("'All changes saved' appears only after the room acknowledges: held acknowledgements keep it at 'Saving…'", async () => {
    let hold = true;
    const held: (() => void)[] = [];
    const c = await open("Kabul Reporting Officer", "2025-afghanistan", (page) =>
      page.routeWebSocket(/\/room/, (ws: WebSocketRoute) => {
        const server = ws.connectToServer();
        ws.onMessage((message) => server.send(message));
        server.onMessage((message) => {
          if (hold && typeof message === "string" && message.includes('"type":"saved"')) held.push(() => ws.send(message));
          else ws.send(message);
        });
      }),
    );
    await waitEditable(c.page, "protection");
    await typeAtEnd(c.page, "protection", "Shelters");
    await saveStatus(c.page).getByText("Saving…").waitFor();
    // The other drafter has the text (stored and broadcast) while this page still waits for its answers.
    await editor(b.page, "protection").getByText("Shelters").waitFor();
    await c.page.waitForTimeout(500);
    await expect(saveStatus(c.page).textContent()).resolves.toBe("Saving…");
    hold = false;
    for (const release of held.splice(0)) release();
    await saveStatus(c.page).getByText("All changes saved").waitFor();
    await c.context.close();
  });

  it("offline: edits are kept on the device with a count, reach the other drafter when the network returns; sign-out deletes the local copy", async () => {
    await a.context.setOffline(true);
    await saveStatus(a.page)
      .getByText(/^Offline/)
      .waitFor();
    await typeAtEnd(a.page, "prevention", "Awareness campaigns");
    await saveStatus(a.page)
      .getByText(/^Offline: \d+ changes kept on this device$/)
      .waitFor();
    const count = Number((await saveStatus(a.page).textContent())!.match(/\d+/)![0]);
    expect(count).toBeGreaterThanOrEqual("Awareness campaigns".length);
    await b.page.waitForTimeout(500);
    await expect(editor(b.page, "prevention").textContent()).resolves.not.toContain("Awareness campaigns");

    await a.context.setOffline(false);
    await editor(b.page, "prevention").getByText("Awareness campaigns").waitFor({ timeout: 10_000 });
    await saveStatus(a.page).getByText("All changes saved").waitFor({ timeout: 10_000 });

    const localCopies = () =>
      a.page.evaluate<string[]>(`indexedDB.databases().then((dbs) => dbs.map((d) => d.name || "").filter((n) => n.startsWith("tip-clearance:")))`);
    await expect(localCopies()).resolves.toHaveLength(1);
    await a.page.getByRole("button", { name: "Sign out" }).click();
    await a.page.getByRole("button", { name: "Sign in as Kabul Reporting Officer" }).waitFor();
    await expect(localCopies()).resolves.toEqual([]);
    await a.context.close();
  });

  it("a clearer opens the narrative in drafting: reads the live text, cannot type, sees no error", async () => {
    const legal = await open("Lee Legal Adviser", "2025-afghanistan");
    await expectState(legal.page, "Drafting");
    await editor(legal.page, "prosecution").getByText("The government convicted 12 traffickers.").waitFor();
    await legal.page.getByTestId("workspace-readonly").waitFor();
    await expect(editor(legal.page, "prosecution").getAttribute("contenteditable")).resolves.toBe("false");
    expect(await legal.page.getByTestId("section-prosecution").getByRole("toolbar").count()).toBe(0);
    // Live: a drafter's new words arrive.
    await typeAtEnd(b.page, "prosecution", " Read live.");
    await editor(legal.page, "prosecution")
      .getByText(/Read live\./)
      .waitFor();
    // Typing does nothing.
    await editor(legal.page, "prosecution").click();
    await legal.page.keyboard.type("clearer text");
    await legal.page.waitForTimeout(300);
    await expect(editor(b.page, "prosecution").textContent()).resolves.not.toContain("clearer text");
    expect(await legal.page.getByTestId("error-alert").count()).toBe(0);
    expect(await legal.page.getByTestId("discarded-changes").count()).toBe(0);
    expect(await legal.page.getByTestId("workspace-banner").count()).toBe(0);
    expect(legal.errors).toEqual([]);
    await legal.context.close();
  });

  it("after the others: B leaves", async () => {
    expect(b.errors).toEqual([]);
    await b.context.close();
  });
});

describe("workspace: the whole journey on Bangladesh", () => {
  it("submit, tier and text approval, clearances, final clearance: both drafters' editors end read-only with the banner, without a reload", async () => {
    const a = await open("Dhaka Reporting Officer", "2025-bangladesh");
    const b = await open("SCA Drafting Officer", "2025-bangladesh");
    await waitEditable(a.page, "summary");
    await waitEditable(b.page, "summary");
    await typeAtEnd(a.page, "summary", "Bangladesh does not fully meet the minimum standards.");
    await saveStatus(a.page).getByText("All changes saved").waitFor();

    const tier = tierPanel(a.page);
    await tier.getByRole("combobox", { name: /^Tier/ }).selectOption({ label: "Tier 2" });
    await tier
      .getByRole("textbox", { name: /^Justification/ })
      .fill("The government does not fully meet the minimum standards but is making significant efforts.");
    await tier.getByRole("button", { name: "Propose tier" }).click();
    await tier.getByText("Latest recommendation: Tier 2").waitFor();
    await workflowPanel(a.page).getByRole("button", { name: "Submit for review" }).click();
    await expectState(a.page, "In review");

    const reviewer = await open("SCA Reviewer", "2025-bangladesh");
    await tierPanel(reviewer.page).getByRole("button", { name: "Approve tier" }).click();
    await tierPanel(reviewer.page).getByText("Approved tier: Tier 2").waitFor();
    await workflowPanel(reviewer.page).getByRole("button", { name: "Approve and send to clearance" }).click();
    await expectState(reviewer.page, "In clearance");

    // Both drafters' editors turn read-only at once, with why and by whom.
    for (const p of [a, b]) {
      await p.page
        .getByTestId("workspace-banner")
        .getByText(/by SCA Reviewer/)
        .waitFor({ timeout: 5000 });
      await expect.poll(() => editor(p.page, "summary").getAttribute("contenteditable")).toBe("false");
      await expectState(p.page, "In clearance");
    }
    await reviewer.context.close();

    for (const [name, office] of [
      ["SCA Bureau Clearer", "SCA"],
      ["Dana DRL Clearer", "DRL"],
      ["Lee Legal Adviser", "L"],
    ] as const) {
      const clearer = await open(name, "2025-bangladesh");
      await workflowPanel(clearer.page)
        .getByRole("button", { name: `Clear for my office (${office})` })
        .click();
      await clearer.page.getByTestId("action-form-clear").getByRole("button", { name: "Clear for my office" }).click();
      await clearancePanel(clearer.page)
        .getByTestId(`clearance-row-${office}`)
        .getByText(/^Concurred by/)
        .waitFor();
      expect(clearer.errors).toEqual([]);
      await clearer.context.close();
    }

    const leader = await open("Morgan Ambassador", "2025-bangladesh");
    await expectState(leader.page, "Final review");
    await workflowPanel(leader.page).getByRole("button", { name: "Give final clearance" }).click();
    await expectState(leader.page, "Cleared");
    expect(leader.errors).toEqual([]);
    await leader.context.close();

    for (const p of [a, b]) {
      await expectState(p.page, "Cleared");
      await p.page
        .getByTestId("workspace-banner")
        .getByText(/^Editing is closed: Cleared by Morgan Ambassador/)
        .waitFor();
      await expect(editor(p.page, "prosecution").getAttribute("contenteditable")).resolves.toBe("false");
      expect(await p.page.getByTestId("section-prosecution").getByRole("toolbar").count()).toBe(0);
      await editor(p.page, "summary").getByText("Bangladesh does not fully meet the minimum standards.").waitFor();
      expect(p.errors).toEqual([]);
      await p.context.close();
    }
  });
});

describe("workspace: nothing typed or pasted runs as code", () => {
  it("pasting an image with onerror and a javascript: link leaves neither in either editor nor in the snapshot HTML", async () => {
    const drafter = await open("SCA Drafting Officer", "2025-nepal");
    const watcher = await open("SCA Reviewer", "2025-nepal");
    let dialogs = 0;
    for (const p of [drafter, watcher]) p.page.on("dialog", (d) => void d.dismiss().then(() => dialogs++));
    await waitEditable(drafter.page, "summary");
    await editor(drafter.page, "summary").click();
    // A paste event as the browser delivers one from the clipboard (evaluated in the page).
    await drafter.page.evaluate(`(() => {
      const data = new DataTransfer();
      data.setData("text/html", '<p>Pasted <img src=x onerror=alert(1)> text <a href="javascript:alert(1)">click me</a></p>');
      data.setData("text/plain", "Pasted text click me");
      document.querySelector('[data-section="summary"]').dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    })()`);
    await editor(watcher.page, "summary")
      .getByText(/Pasted/)
      .waitFor();
    for (const p of [drafter, watcher]) {
      // (ProseMirror's own separator image, without a source, is part of its rendering.)
      expect(await p.page.locator(".tip-editor img:not(.ProseMirror-separator), .tip-editor [onerror]").count()).toBe(0);
      expect(await p.page.locator('.tip-editor a[href^="javascript"]').count()).toBe(0);
    }
    // The link form refuses a javascript: address.
    await drafter.page.getByRole("toolbar", { name: "Formatting: Summary" }).getByRole("button", { name: "Link" }).click();
    await drafter.page.getByLabel("Link address").fill("javascript:alert(1)");
    await drafter.page.getByRole("button", { name: "Apply link" }).click();
    await drafter.page.getByText(/A link must be a full web address/).waitFor();

    await saveStatus(drafter.page).getByText("All changes saved").waitFor();
    const snapshot = await drafter.page.evaluate(async () => (await fetch("/api/documents/2025-nepal/snapshots/current")).json());
    const html = JSON.stringify(snapshot);
    expect(html).toContain("Pasted");
    expect(html).not.toMatch(/onerror|javascript:|<img/i);
    expect(dialogs).toBe(0);
    expect(drafter.errors).toEqual([]);
    expect(watcher.errors).toEqual([]);
    await drafter.context.close();
    await watcher.context.close();
  });
});

describe("workspace: a local copy the room will not take", () => {
  it("changes typed offline while the reviewer locks the text are shown as a diff and dropped, never resent", async () => {
    const drafter = await open("SCA Drafting Officer", "2025-maldives");
    await waitEditable(drafter.page, "summary");
    await typeAtEnd(drafter.page, "summary", "Saved sentence.");
    await saveStatus(drafter.page).getByText("All changes saved").waitFor();
    const tier = tierPanel(drafter.page);
    await tier.getByRole("combobox", { name: /^Tier/ }).selectOption({ label: "Tier 2" });
    await tier.getByRole("textbox", { name: /^Justification/ }).fill("Significant efforts, not yet meeting the minimum standards.");
    await tier.getByRole("button", { name: "Propose tier" }).click();
    await tier.getByText("Latest recommendation: Tier 2").waitFor();
    await workflowPanel(drafter.page).getByRole("button", { name: "Submit for review" }).click();
    await expectState(drafter.page, "In review");

    await drafter.context.setOffline(true);
    await saveStatus(drafter.page)
      .getByText(/^Offline/)
      .waitFor();
    await typeAtEnd(drafter.page, "summary", " Offline words.");
    await saveStatus(drafter.page)
      .getByText(/changes kept on this device$/)
      .waitFor();

    const reviewer = await open("SCA Reviewer", "2025-maldives");
    await tierPanel(reviewer.page).getByRole("button", { name: "Approve tier" }).click();
    await tierPanel(reviewer.page).getByText("Approved tier: Tier 2").waitFor();
    await workflowPanel(reviewer.page).getByRole("button", { name: "Approve and send to clearance" }).click();
    await expectState(reviewer.page, "In clearance");

    await drafter.context.setOffline(false);
    const discarded = drafter.page.getByTestId("discarded-changes");
    await discarded.getByText(/may no longer edit this document/).waitFor({ timeout: 10_000 });
    await discarded.locator("ins", { hasText: "Offline" }).first().waitFor();
    await editor(drafter.page, "summary").getByText("Saved sentence.").waitFor();
    await expect(editor(drafter.page, "summary").textContent()).resolves.not.toContain("Offline words");
    await expect(editor(drafter.page, "summary").getAttribute("contenteditable")).resolves.toBe("false");
    // Dropped for good: a reload neither shows nor resends them.
    await drafter.page.reload();
    await editor(drafter.page, "summary").getByText("Saved sentence.").waitFor();
    await saveStatus(drafter.page).getByText("Reading the live text").waitFor();
    expect(await drafter.page.getByTestId("discarded-changes").count()).toBe(0);
    const text = await reviewer.page.evaluate<string>(
      `fetch("/api/documents/2025-maldives/snapshots/current").then((r) => r.json()).then((s) => JSON.stringify(s.sections))`,
    );
    expect(text).toContain("Saved sentence.");
    expect(text).not.toContain("Offline words");
    expect(drafter.errors).toEqual([]);
    await drafter.context.close();
    await reviewer.context.close();
  });

  it("a local copy made under another epoch (a restore on the server) is dropped, not merged back", async () => {
    const drafter = await open("SCA Drafting Officer", "2025-pakistan");
    await waitEditable(drafter.page, "profile");
    await typeAtEnd(drafter.page, "profile", "Kept text.");
    await saveStatus(drafter.page).getByText("All changes saved").waitFor();
    await drafter.context.setOffline(true);
    await saveStatus(drafter.page)
      .getByText(/^Offline/)
      .waitFor();
    await typeAtEnd(drafter.page, "profile", " Stale text.");
    // As if the server's history had been replaced since this copy was made.
    await drafter.page.evaluate(`new Promise((resolve, reject) => {
      const open = indexedDB.open("tip-clearance:demo-drafter-sca:2025-pakistan");
      open.onsuccess = () => {
        const tx = open.result.transaction("custom", "readwrite");
        tx.objectStore("custom").put("an-earlier-epoch", "epoch");
        tx.oncomplete = () => { open.result.close(); resolve(true); };
        tx.onerror = () => reject(tx.error);
      };
      open.onerror = () => reject(open.error);
    })`);
    // The page closes with the copy on the device; the next page opens it once the network is back.
    await drafter.page.close();
    await drafter.context.setOffline(false);
    const page = await drafter.context.newPage();
    const errors = watchPageErrors(page);
    await page.goto(`${appUrl}/documents/2025-pakistan`);
    await page
      .getByTestId("discarded-changes")
      .getByText(/restored on the server/)
      .waitFor({ timeout: 10_000 });
    await editor(page, "profile").getByText("Kept text.").waitFor();
    await expect(editor(page, "profile").textContent()).resolves.not.toContain("Stale text");
    await waitEditable(page, "profile");
    expect(drafter.errors).toEqual([]);
    expect(errors).toEqual([]);
    await drafter.context.close();
  });
});
