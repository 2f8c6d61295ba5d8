// Ambient declarations for tests (no top-level import/export, so these stay global).
type WorkerEnv = import("../worker/env.ts").Env;
type TestMigrations = import("@cloudflare/vitest-pool-workers").D1Migration[];

declare namespace Cloudflare {
  interface Env extends WorkerEnv {
    TEST_MIGRATIONS: TestMigrations;
    ROOM_FUZZ_VARIANTS: string;
  }
}

declare module "*.csv?raw" {
  const text: string;
  export default text;
}

declare module "*.toml?raw" {
  const text: string;
  export default text;
}
