/** Worker entry: wires the app and the cron trigger, and exports the Durable Object classes. */
import { createApp } from "./app.ts";
import { runScheduledCheckpoint } from "./audit/scheduled-checkpoint.ts";
import type { Env } from "./env.ts";

export { DocumentRoom } from "./rooms/document-room.ts";

const app = createApp();

export default {
  fetch: app.fetch,
  scheduled: (_controller, env, ctx) => ctx.waitUntil(runScheduledCheckpoint(env)),
} satisfies ExportedHandler<Env>;
