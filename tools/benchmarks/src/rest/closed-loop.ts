import type { Agent } from 'node:http';
import { summarize } from '../lib/percentiles';
import { get } from './http-get';
import { CONCURRENCY, countError, type Run } from './load-run';

/**
 * CONCURRENCY clients, each sending its next request when the last one answers, for 2 s of
 * warm-up (left out of the latencies) then `seconds`.
 */
export async function closedLoop(
  agent: Agent,
  port: number,
  queries: string[],
  seconds: number,
): Promise<Run> {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let bytes = 0;
  let replies = 0;
  const warmUntil = Date.now() + 2000;
  const deadline = warmUntil + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, client) => {
      for (let i = client; Date.now() < deadline; i++) {
        const res = await get(agent, port, queries[i % queries.length]);
        countError(errors, res);
        bytes += res.raw.length;
        replies++;
        if (Date.now() > warmUntil) latencies.push(res.ms);
      }
    }),
  );
  return { latency: summarize(latencies), errors, bytes, replies };
}
