/** API latency seen by a signed-in client: sequential requests, p50/p95. */
import { summarize, type Summary } from "./stats.ts";

export async function measureApi(url: string, cookie: string, path: string, requests: number): Promise<Summary> {
  const samples: number[] = [];
  for (let i = 0; i < requests + 5; i++) {
    const started = performance.now();
    const res = await fetch(`${url}${path}`, { headers: { Cookie: cookie } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    if (i >= 5) samples.push(performance.now() - started);
  }
  return summarize(samples);
}
