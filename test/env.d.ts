import type { D1Migration } from "@cloudflare/vitest-pool-workers";
import type { Env } from "../worker/env.ts";

declare global {
  namespace Cloudflare {
    interface Env extends import("../worker/env.ts").Env {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}

declare module "*.csv?raw" {
  const text: string;
  export default text;
}

export type { Env };
