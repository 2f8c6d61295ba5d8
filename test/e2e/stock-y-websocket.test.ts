/**
 * A stock y-websocket client (the `y-websocket` package's WebsocketProvider, in Node over `ws`)
 * against the app under `wrangler dev`: it syncs, edits, sees another client's edit, receives
 * only binary frames (it cannot decode text frames) and the process does not crash.
 */
import { afterAll, describe, expect, inject, it } from "vitest";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

const appUrl = inject("appUrl");
const DOCUMENT = "2025-afghanistan";

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${appUrl}/auth/dev/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: appUrl },
    body: JSON.stringify({ email }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${email}: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

interface StockClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  textFrames: unknown[];
}

const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);
process.on("uncaughtException", onUncaught);
process.on("unhandledRejection", onUncaught);
const open: StockClient[] = [];

afterAll(() => {
  for (const c of open) c.provider.destroy();
  process.off("uncaughtException", onUncaught);
  process.off("unhandledRejection", onUncaught);
});

async function connect(email: string): Promise<StockClient> {
  const cookie = await signIn(email);
  const textFrames: unknown[] = [];
  // What a stock client does with a browser's cookies, in Node: the same socket with the headers added.
  class WebSocketPolyfill extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { Cookie: cookie, Origin: appUrl } });
      this.on("message", (data, isBinary) => {
        if (!isBinary) textFrames.push(data.toString());
      });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${appUrl.replace(/^http/, "ws")}/api/documents/${DOCUMENT}`, "room", doc, {
    WebSocketPolyfill: WebSocketPolyfill as never,
    disableBc: true,
  });
  const client = { doc, provider, textFrames };
  open.push(client);
  await until(() => provider.synced, `${email} synced`);
  return client;
}

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function appendParagraph(doc: Y.Doc, section: string, text: string): void {
  doc.transact(() => {
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText(text)]);
    const fragment = doc.getXmlFragment(section);
    fragment.insert(fragment.length, [paragraph]);
  });
}

const sectionText = (doc: Y.Doc, section: string) => doc.getXmlFragment(section).toString();

describe("a stock y-websocket client", () => {
  it("two drafters edit a section through stock providers and see each other's edits; no text frame, no crash", async () => {
    const one = await connect("kabul.one@tip.example.gov");
    const two = await connect("kabul.two@tip.example.gov");
    appendParagraph(one.doc, "protection", "Stock client one wrote this.");
    await until(() => sectionText(two.doc, "protection").includes("Stock client one wrote this."), "two sees one's edit");
    appendParagraph(two.doc, "protection", "Stock client two answered.");
    await until(() => sectionText(one.doc, "protection").includes("Stock client two answered."), "one sees two's edit");

    // A third connection (a fresh doc) loads both edits from the room: they were stored.
    const three = await connect("kabul.one@tip.example.gov");
    expect(sectionText(three.doc, "protection")).toContain("Stock client one wrote this.");
    expect(sectionText(three.doc, "protection")).toContain("Stock client two answered.");
    await new Promise((r) => setTimeout(r, 200));
    expect([one, two, three].flatMap((c) => c.textFrames)).toEqual([]);
    expect(uncaught).toEqual([]);
  });

  it("a reader (a clearer) syncs with a stock client and stays connected: its empty SyncStep2 is not refused", async () => {
    const reader = await connect("clearer.drl@tip.example.gov");
    expect(sectionText(reader.doc, "protection")).toContain("Stock client one wrote this.");
    await new Promise((r) => setTimeout(r, 300));
    expect(reader.textFrames).toEqual([]);
    expect(reader.provider.wsconnected).toBe(true);
    // A reader's real edit is refused silently (no text frame a stock client could choke on) and never reaches others.
    const watcher = open[0]!;
    appendParagraph(reader.doc, "protection", "Clearer scribble.");
    await new Promise((r) => setTimeout(r, 500));
    expect(sectionText(watcher.doc, "protection")).not.toContain("Clearer scribble.");
    expect(reader.textFrames).toEqual([]);
    expect(uncaught).toEqual([]);
  });
});
