/** How panels change a document: the page runs the call on the version it shows and handles what comes back. */
import type { DocumentDetail } from "../../api.ts";

/** Runs `call` with the document's current version; resolves true when it succeeded (forms then reset). */
export type Perform = (call: (version: number) => Promise<DocumentDetail>) => Promise<boolean>;
