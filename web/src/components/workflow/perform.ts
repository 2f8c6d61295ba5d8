/** How panels change a document: the page runs the call on the version it shows and handles what comes back. */
import type { DocumentDetail } from "../../api.ts";

/**
 * Runs `call` with the document's current version; resolves true when it succeeded (forms then reset).
 * The call answers with the changed document, or "reload" when its response is not the document
 * (the page then loads the document again).
 */
export type Perform = (call: (version: number) => Promise<DocumentDetail | "reload">) => Promise<boolean>;
