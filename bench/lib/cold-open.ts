/**
 * Cold open: a room with a long stored history, opened by a new client right after the runtime
 * restarted (time from opening the socket to the first full sync).
 */
import { waitFor } from "../../test/support/yjs-socket-client.ts";
import type { RuntimeUnderTest } from "./servers.ts";

/** Writes `updates` single-keystroke updates into a room through one client and waits until all are stored. */
export async function seedRoom(
  runtime: RuntimeUnderTest,
  kind: "ours" | "uncheckpointed",
  room: string,
  updates: number,
): Promise<{ bytes: number; checkpoints: number }> {
  const writer = await runtime.variant(kind).connect(room);
  for (let i = 0; i < updates; i++) {
    writer.type("summary", String.fromCharCode(97 + (i % 26)));
    if (i % 500 === 499) await new Promise((r) => setImmediate(r));
  }
  let status = await runtime.roomStatus(kind, room);
  const deadline = Date.now() + 600_000;
  while (status.log.updates < updates && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    status = await runtime.roomStatus(kind, room);
  }
  writer.close();
  return { bytes: status.log.bytes, checkpoints: status.log.checkpoints };
}

/** Milliseconds from opening a socket to the first full sync, with the text length it synced. */
export async function timeFirstSync(runtime: RuntimeUnderTest, kind: "ours" | "uncheckpointed", room: string): Promise<{ ms: number; characters: number }> {
  const started = performance.now();
  const client = await runtime.variant(kind).connect(room);
  const ms = performance.now() - started;
  await waitFor(() => client.synced, "sync");
  const characters = client.text("summary").length;
  client.close();
  return { ms: Math.round(ms * 10) / 10, characters };
}
