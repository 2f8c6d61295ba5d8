/** API latency seen by a signed-in client: sequential requests, p50/p95. */
import { summarize, type Summary } from "./stats.ts";

/**
 * What Chromium asks for. The local runtime compresses as Cloudflare's edge would, in the client's
 * order of preference: a browser gets gzip; Node's fetch asks for brotli first, which costs the
 * runtime about twice as much on the list.
 */
const BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd";

export async function measureApi(url: string, cookie: string, path: string, requests: number, expectStatus = 200): Promise<Summary> {
  const samples: number[] = [];
  for (let i = 0; i < requests + 5; i++) {
    const started = performance.now();
    const headers: Record<string, string> = { "Accept-Encoding": BROWSER_ACCEPT_ENCODING, ...(cookie ? { Cookie: cookie } : {}) };
    const res = await fetch(`${url}${path}`, { headers });
    await res.arrayBuffer();
    if (res.status !== expectStatus) throw new Error(`${path}: ${res.status}, expected ${expectStatus}`);
    if (i >= 5) samples.push(performance.now() - started);
  }
  return summarize(samples);
}
