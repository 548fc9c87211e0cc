import type { Agent } from 'node:http';
import { summarize } from '../lib/percentiles';
import { get } from './http-get';
import { CONCURRENCY, countError, type Run } from './load-run';

/** Requests started at a fixed rate (whatever the answers), at most CONCURRENCY in flight. */
export async function openLoop(
  agent: Agent,
  port: number,
  queries: string[],
  seconds: number,
  rate: number,
): Promise<Run> {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const pending = new Set<Promise<void>>();
  const started = Date.now();
  let sent = 0;
  let bytes = 0;
  while (Date.now() - started < seconds * 1000) {
    const due = Math.floor(((Date.now() - started) * rate) / 1000);
    while (sent < due && pending.size < CONCURRENCY) {
      const request = get(agent, port, queries[sent++ % queries.length]).then(
        (res) => {
          countError(errors, res);
          bytes += res.raw.length;
          latencies.push(res.ms);
        },
      );
      const tracked = request.finally(() => pending.delete(tracked));
      pending.add(tracked);
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(pending);
  return { latency: summarize(latencies), errors, bytes, replies: sent };
}
