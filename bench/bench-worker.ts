/**
 * The app plus two bench-only rooms, bound only by bench/wrangler.bench.toml (never deployed):
 * - StockRoom: a stock y-partyserver room with no persistence, the floor of our runtime;
 * - UncheckpointedRoom: our room with checkpoints off, for cold-open comparisons;
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

// By hand, not by `wrangler types`: a second generated file would declare Cloudflare.Env and its
// GlobalProps again in the same program. These are the bindings bench/wrangler.bench.toml adds.
interface BenchEnv extends Cloudflare.Env {
  STOCK_ROOM: DurableObjectNamespace<StockRoom>;
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
    const match = /^\/bench\/(stock|uncheckpointed|ours)\/([a-z0-9-]+)(\/status)?$/.exec(url.pathname);
    if (!match) return app.fetch(request, env, ctx);
    const [, variant, name, status] = match as unknown as [string, string, string, string | undefined];
    if (variant === "stock") {
      return env.STOCK_ROOM.get(env.STOCK_ROOM.idFromName(name)).fetch(request);
    }
    const namespace = variant === "ours" ? env.DOCUMENT_ROOM : env.UNCHECKPOINTED_ROOM;
    const room = namespace.get(namespace.idFromName(name));
    if (status) return Response.json(await room.status());
    const headers = new Headers(request.headers);
    headers.set(ROOM_IDENTITY_HEADER, roomIdentityHeader(BENCH_USER, ["drafter"], { state: "drafting", version: 1 }));
    return room.fetch(new Request(request.url, { headers }));
  },
};
