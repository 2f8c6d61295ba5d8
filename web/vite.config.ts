/**
 * Builds the web shell. Run from the repository root: `vite build --config web/vite.config.ts`.
 * Output goes to web/dist, which wrangler.toml serves as static assets behind the worker.
 */
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const webRoot = fileURLToPath(new URL(".", import.meta.url));
const outDir = fileURLToPath(new URL("./dist", import.meta.url));
// `npm run dev:web` proxies API and auth calls to a running worker (wrangler dev).
const apiOrigin = process.env.TIP_API_ORIGIN ?? "http://127.0.0.1:8787";

export default defineConfig({
  root: webRoot,
  base: "/",
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    // Fonts and icons ship as files from the bundle (no data: URIs of our own, no CDN).
    assetsInlineLimit: 0,
    // CSP is `script-src 'self'`: nothing may be injected inline.
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      "/api": { target: apiOrigin, changeOrigin: false },
      "/auth": { target: apiOrigin, changeOrigin: false },
    },
  },
});
