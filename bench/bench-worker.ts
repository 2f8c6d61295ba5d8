/**
 * The app plus two bench-only rooms, bound only by bench/wrangler.bench.toml (never deployed):
 * - StockRoom: a stock y-partyserver room with no persistence, the floor of our runtime;
 * - UncheckpointedRoom: our room with checkpoints off, for cold-open comparisons;
 * - StockRoomWithLogRow, OursWithoutWrite: `--only gap`, where ours' latency beyond the stock room's goes;
 * - StorageProfile: times the parts of our per-update work inside workerd (`--only profile`);
 * - /bench/report/<format>: compiles the generated 188-narrative report (`--only report`).
 * Bench routes skip sign-in on purpose; they exist only in this bench build.
 */
import { YServer } from "y-partyserver";
import app from "../worker/index.ts";
import { DocumentRoom } from "../worker/rooms/document-room.ts";
import { roomIdentityHeader, ROOM_IDENTITY_HEADER } from "../worker/rooms/room-identity.ts";
import { PROFILE_PHASES, StorageProfile, type ProfilePhase } from "./profile-room.ts";
import { benchReport, seedPublishedEdition } from "./report-bench.ts";

export { DocumentRoom, StorageProfile };

export class StockRoom extends YServer {
  static override options = { hibernate: true };
}

export class UncheckpointedRoom extends DocumentRoom {
  static override checkpointPolicy = { everyUpdates: Number.POSITIVE_INFINITY, everyBytes: Number.POSITIVE_INFINITY };
}

/** The stock room plus the one thing durability costs: a log row written in the update's turn, before its broadcast (the output gate holds it until the commit). */
export class StockRoomWithLogRow extends YServer {
  static override options = { hibernate: true };
  override async onStart(): Promise<void> {
    const sql = this.ctx.storage.sql;
    sql.exec("CREATE TABLE IF NOT EXISTS updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, data BLOB NOT NULL)");
    // Registered before y-partyserver's broadcast listener, so it runs first in the same turn.
    this.document.on("update", (update: Uint8Array) => sql.exec("INSERT INTO updates (at, data) VALUES (?, ?)", Date.now(), update));
    await super.onStart();
  }
}

/** Our room with its writes skipped (bench only, never durable): ours' own work without the commit. */
export class OursWithoutWrite extends DocumentRoom {
  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    const commit = (this as unknown as { commit: { hooks: { write: (entries: unknown[]) => void } } }).commit;
    commit.hooks.write = () => undefined;
  }
}

// By hand, not by `wrangler types`: a second generated file would declare Cloudflare.Env and its
// GlobalProps again in the same program. These are the bindings bench/wrangler.bench.toml adds.
interface BenchEnv extends Cloudflare.Env {
  STOCK_ROOM: DurableObjectNamespace<StockRoom>;
  STOCK_ROOM_WITH_LOG_ROW: DurableObjectNamespace<StockRoomWithLogRow>;
  OURS_WITHOUT_WRITE: DurableObjectNamespace<OursWithoutWrite>;
  UNCHECKPOINTED_ROOM: DurableObjectNamespace<UncheckpointedRoom>;
  STORAGE_PROFILE: DurableObjectNamespace<StorageProfile>;
}

const BENCH_USER = { id: "bench", name: "Bench", email: "bench@tip.example.gov" };

export default {
  async fetch(request: Request, env: BenchEnv, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    const profile = /^\/bench\/profile\/([A-Za-z0-9]+)$/.exec(url.pathname);
    if (profile) {
      const phase = profile[1] as ProfilePhase;
      if (!PROFILE_PHASES.includes(phase)) return new Response("unknown phase", { status: 404 });
      // A fresh object per run: every phase starts on empty tables.
      const stub = env.STORAGE_PROFILE.get(env.STORAGE_PROFILE.newUniqueId());
      return Response.json(await stub.run(phase, Number(url.searchParams.get("n") ?? 5000)));
    }
    if (url.pathname === "/bench/report-edition") return seedPublishedEdition(env, Number(url.searchParams.get("year") ?? 2025));
    const report = /^\/bench\/report\/([a-z]+)$/.exec(url.pathname);
    if (report) return benchReport(url, report[1]!);
    const match = /^\/bench\/(stock|stock-log-row|uncheckpointed|ours|ours-no-write)\/([a-z0-9-]+)(\/status)?$/.exec(url.pathname);
    if (!match) return app.fetch(request, env, ctx);
    const [, variant, name, status] = match as unknown as [string, string, string, string | undefined];
    if (variant === "stock") {
      return env.STOCK_ROOM.get(env.STOCK_ROOM.idFromName(name)).fetch(request);
    }
    if (variant === "stock-log-row") {
      return env.STOCK_ROOM_WITH_LOG_ROW.get(env.STOCK_ROOM_WITH_LOG_ROW.idFromName(name)).fetch(request);
    }
    const namespace = variant === "ours" ? env.DOCUMENT_ROOM : variant === "ours-no-write" ? env.OURS_WITHOUT_WRITE : env.UNCHECKPOINTED_ROOM;
    const room = namespace.get(namespace.idFromName(name));
    if (status) return Response.json(await room.status());
    const headers = new Headers(request.headers);
    // One bench person per connection: a person may hold only 8 connections to a room.
    const person = { ...BENCH_USER, id: `bench-${crypto.randomUUID()}` };
    headers.set(ROOM_IDENTITY_HEADER, roomIdentityHeader(person, ["drafter"], { state: "drafting", version: 1 }));
    return room.fetch(new Request(request.url, { headers }));
  },
};
