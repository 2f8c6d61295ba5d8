/**
 * Durability under a real crash, end to end (`npm run test:crash`):
 * starts the app under `wrangler dev` on a throwaway database, has one officer type into the
 * Afghanistan narrative while a second watches, kills the runtime with SIGKILL at a random
 * moment, restarts it, and checks that everything the watcher had received is still in the
 * document. Repeats for `--rounds N` (default 3). Exits non-zero on any loss, and on any round in
 * which the watcher received none of the typing (nothing seen proves nothing kept). `npm test`
 * runs one round.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import WebSocket from "ws";
import * as Y from "yjs";
import { killTree, startLocalApp, startWranglerDev } from "../../worker/scripts/local-app.ts";
import { waitFor, YjsSocketClient, type SocketLike } from "../support/yjs-socket-client.ts";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "3" }, document: { type: "string", default: "2025-afghanistan" } } });
const VARS = { AUTH_MODE: "dev", SESSION_SECRET: "crash-test-session-secret-not-for-production" };
const TEXT = "The Government of Afghanistan does not fully meet the minimum standards for the elimination of trafficking. ";

async function signIn(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/auth/dev/login`, {
    method: "POST",
    headers: { Origin: url, "Content-Type": "application/json" },
    body: JSON.stringify({ email }),
  });
  if (!res.ok) throw new Error(`sign-in as ${email} failed: ${res.status}`);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

async function connect(url: string, cookie: string, documentId: string): Promise<YjsSocketClient> {
  const socket = new WebSocket(`${url.replace("http", "ws")}/api/documents/${documentId}/room`, { headers: { Cookie: cookie, Origin: url } });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  const client = new YjsSocketClient(socket as unknown as SocketLike);
  await waitFor(() => client.synced, "sync", 10_000);
  return client;
}

/** Every (client, clock) the watcher had is also in the reloaded document. */
function covers(reloaded: Y.Doc, seen: Y.Doc): boolean {
  const have = Y.decodeStateVector(Y.encodeStateVector(reloaded));
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(seen))) if ((have.get(client) ?? 0) < clock) return false;
  return true;
}

async function main(): Promise<void> {
  const rounds = Number(values.rounds);
  const documentId = values.document!;
  const persistTo = mkdtempSync(join(tmpdir(), "tip-crash-"));
  let app = await startLocalApp({ persistTo, vars: VARS });
  let failures = 0;
  try {
    for (let round = 1; round <= rounds; round++) {
      const writerCookie = await signIn(app.url, "kabul.one@tip.example.gov");
      const watcherCookie = await signIn(app.url, "kabul.two@tip.example.gov");
      const writer = await connect(app.url, writerCookie, documentId);
      const watcher = await connect(app.url, watcherCookie, documentId);
      const before = { chars: watcher.text("summary").length, updates: watcher.updatesReceived };
      const killAfterMs = 300 + Math.floor(Math.random() * 2000);
      let typed = 0;
      const typing = setInterval(() => writer.type("summary", TEXT[typed++ % TEXT.length]!), 8);
      // The random moment is counted from the first typed character the watcher receives: a round
      // killed before anything reached the watcher would check nothing.
      const heard = await waitFor(() => watcher.text("summary").length > before.chars, "the watcher to receive the typing", 20_000).then(
        () => true,
        () => false,
      );
      if (heard) await new Promise((r) => setTimeout(r, killAfterMs));
      killTree(app.process.pid!);
      clearInterval(typing);
      await new Promise((r) => setTimeout(r, 200));
      const seenText = watcher.text("summary");
      const seenUpdates = watcher.updatesReceived - before.updates;
      const seenChars = seenText.length - before.chars;

      app = await startWranglerDev({ persistTo, vars: VARS, port: Number(new URL(app.url).port) });
      const reader = await connect(app.url, await signIn(app.url, "drafter.sca@tip.example.gov"), documentId);
      const kept = covers(reader.doc, watcher.doc) && reader.text("summary").startsWith(seenText);
      const ok = seenChars > 0 && kept;
      if (!ok) failures++;
      const verdict = seenChars <= 0 ? "THE WATCHER RECEIVED NOTHING" : kept ? "nothing lost" : "LOST EDITS";
      console.log(
        `round ${round}: SIGKILL ${heard ? `${killAfterMs} ms after the watcher's first update` : "after 20 s of typing nobody received"}; writer typed ${typed}, watcher received ${seenUpdates} updates (${seenChars} new chars); after restart the document has ${reader.text("summary").length} chars -> ${verdict}`,
      );
      reader.close();
    }
  } finally {
    await app.stop("SIGKILL");
    rmSync(persistTo, { recursive: true, force: true });
  }
  if (failures) {
    console.error(`${failures} of ${rounds} rounds lost edits the watcher had seen, or had nothing to check.`);
    process.exit(1);
  }
  console.log(`OK: ${rounds} SIGKILL rounds, every update a second client had received survived the restart.`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
