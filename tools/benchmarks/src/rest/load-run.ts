import type { LatencySummary } from '../lib/percentiles';
import type { Reply } from './http-get';

/** Up to this many requests in flight, in both loops. */
export const CONCURRENCY = 100;

/** What one loop of requests measured. */
export interface Run {
  latency: LatencySummary;
  errors: Record<string, number>;
  /** Body bytes received, over every request of the run (warm-up included). */
  bytes: number;
  replies: number;
}

/** Counts a reply that is not a 200 under its connection error code, else its status. */
export function countError(errors: Record<string, number>, reply: Reply): void {
  if (reply.status === 200) return;
  const key = reply.error ?? reply.status;
  errors[key] = (errors[key] ?? 0) + 1;
}
