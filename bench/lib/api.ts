/** API latency seen by a signed-in client: sequential requests, p50/p95. */
import { summarize, type Summary } from "./stats.ts";

export async function measureApi(url: string, cookie: string, path: string, requests: number, expectStatus = 200): Promise<Summary> {
  const samples: number[] = [];
  for (let i = 0; i < requests + 5; i++) {
    const started = performance.now();
    const res = await fetch(`${url}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
    await res.arrayBuffer();
    if (res.status !== expectStatus) throw new Error(`${path}: ${res.status}, expected ${expectStatus}`);
    if (i >= 5) samples.push(performance.now() - started);
  }
  return summarize(samples);
}
