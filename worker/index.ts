/** Worker entry: wires the app. Durable Object classes are exported here as they are added. */
import { createApp } from "./app.ts";

const app = createApp();

export default app;
