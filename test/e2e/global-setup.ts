/** Starts the app once for all browser tests, on its own port and its own throwaway database. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startLocalApp } from "../../worker/scripts/local-app.ts";

declare module "vitest" {
  export interface ProvidedContext {
    appUrl: string;
    /** Where the app's local D1 lives, for tests that must set what no API sets (a cycle's dates). */
    persistTo: string;
  }
}

export default async function setup(project: TestProject) {
  const persistTo = mkdtempSync(join(tmpdir(), "tip-e2e-"));
  const app = await startLocalApp({ persistTo, vars: { AUTH_MODE: "dev", SESSION_SECRET: "e2e-session-secret-for-browser-tests-only" } });
  project.provide("appUrl", app.url);
  project.provide("persistTo", persistTo);
  return async () => {
    await app.stop();
    rmSync(persistTo, { recursive: true, force: true });
  };
}
