// Ambient declarations for tests (no top-level import/export, so these stay global).
// Cloudflare.Env already holds the Worker's bindings (worker/worker-configuration.d.ts, generated);
// these are the test pool's additions (vitest.config.ts).
type TestMigrations = import("@cloudflare/vitest-pool-workers").D1Migration[];

declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: TestMigrations;
    ROOM_FUZZ_VARIANTS: string;
  }
}

declare module "*.csv?raw" {
  const text: string;
  export default text;
}

declare module "*.txt?raw" {
  const text: string;
  export default text;
}
declare module "*.toml?raw" {
  const text: string;
  export default text;
}
