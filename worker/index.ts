/** Worker entry: wires the app and exports the Durable Object classes. */
import { createApp } from "./app.ts";

export { DocumentRoom } from "./rooms/document-room.ts";

const app = createApp();

export default app;
