import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export const TEST_ACCESS = { teamDomain: "tip-test.cloudflareaccess.com", audience: "tip-test-aud" };

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          AUTH_MODE: "dev",
          SESSION_SECRET: "test-session-secret-not-for-production",
          ACCESS_TEAM_DOMAIN: TEST_ACCESS.teamDomain,
          ACCESS_AUD: TEST_ACCESS.audience,
          TEST_MIGRATIONS: await readD1Migrations(fileURLToPath(new URL("./migrations", import.meta.url))),
        },
      },
    })),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["./test/helpers/setup.ts"],
    // The worker's per-request JSON log lines would drown the test report.
    onConsoleLog: (line) => !line.includes('"msg":"request"'),
  },
});
