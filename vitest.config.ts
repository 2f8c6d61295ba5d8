import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The worker's per-request JSON log lines would drown the test report.
    onConsoleLog: (line) =>
      !line.includes('"msg":"request"') &&
      !line.includes('"msg":"malformed room message ignored"') &&
      !line.includes('"msg":"room refused an update"') &&
      !line.includes('"msg":"room refused an awareness message"'),
    projects: [
      {
        // Worker, Durable Object and pure-domain tests, inside the Workers runtime with real local D1 and DOs.
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              // Development sign-in, as `npm start` runs it: AUTH_MODE=dev, a 32+ byte secret and no Access
              // configuration (dev sign-in is refused where Access is configured). The Access tests pass
              // ACCESS_TEAM_DOMAIN/ACCESS_AUD per request (test/helpers/access.ts).
              bindings: {
                AUTH_MODE: "dev",
                SESSION_SECRET: "test-session-secret-not-for-production",
                // TEST ONLY: an Ed25519 key generated for the test suite; never use it anywhere else.
                AUDIT_SIGNING_KEY: "MC4CAQAwBQYDK2VwBCIEIHQE5ZHLGTWQPfddgRgM9jRooz4kB8McLK7yrOJIyWyM",
                // `npm run test:fuzz` runs the room's mutation fuzz at the full 10,000 variants.
                ROOM_FUZZ_VARIANTS: process.env.ROOM_FUZZ_VARIANTS ?? "1000",
                TEST_MIGRATIONS: await readD1Migrations(fileURLToPath(new URL("./migrations", import.meta.url))),
              },
            },
          })),
        ],
        test: {
          name: "workers",
          include: ["test/worker/**/*.test.ts", "test/shared/**/*.test.ts"],
          setupFiles: ["./test/helpers/setup.ts"],
        },
      },
      {
        // Browser tests: Debian's Chromium against the app under `wrangler dev`.
        test: {
          name: "browser",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["./test/e2e/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          // CI runs these beside the workers project on two cores: a test that fails runs once more, and the
          // report names every retry. A test that fails twice fails the run.
          retry: 1,
        },
      },
    ],
  },
});
