import { setTimeout as sleep } from 'node:timers/promises';
import type { NodeChild } from '../lib/node-child';
import { rssKiB } from '../lib/proc-stats';
import { LatencyHistogram } from './latency-histogram';
import type { LoadGenerator } from './load-generators';

/** How the wait for the last deliveries ended. */
export interface Drain {
  drainMs: number;
  drainComplete: boolean;
  rssPeakKiB: number;
}

/** What the clients got, merged over every load generator. */
export interface Counts {
  delivered: number;
  lost: number;
  duplicated: number;
  clientsMissingSome: number;
  closes: Record<string, number>;
  clientErrors: number;
  latencyMs: {
    samples: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
    mean: number;
  };
}

/** Until every client has every filing, or no progress for 5 s, or `drainSeconds`. */
export async function drainClients(
  drainSeconds: number,
  generators: LoadGenerator[],
  expected: number,
  server: NodeChild,
): Promise<Drain> {
  const started = Date.now();
  let lastReceived = -1;
  let lastProgressAt = Date.now();
  let rssPeakKiB = 0;
  while (Date.now() - started < drainSeconds * 1000) {
    const progress = await Promise.all(generators.map((g) => g.progress()));
    const got = progress.reduce((sum, p) => sum + p.received, 0);
    if (got >= expected) {
      return { drainMs: Date.now() - started, drainComplete: true, rssPeakKiB };
    }
    if (got !== lastReceived) {
      lastReceived = got;
      lastProgressAt = Date.now();
    } else if (Date.now() - lastProgressAt > 5000) break;
    rssPeakKiB = Math.max(rssPeakKiB, rssKiB(server.pid) || 0);
    await sleep(250);
  }
  return { drainMs: Date.now() - started, drainComplete: false, rssPeakKiB };
}

/** Every generator's counts and histogram, merged; lost and duplicated per client. */
export async function collectReports(
  generators: LoadGenerator[],
  published: number,
): Promise<Counts> {
  const reports = await Promise.all(generators.map((g) => g.report()));
  const histogram = new LatencyHistogram();
  const counts = {
    delivered: 0,
    lost: 0,
    duplicated: 0,
    clientsMissingSome: 0,
  };
  const closes: Record<string, number> = {};
  let clientErrors = 0;
  for (const report of reports) {
    histogram.merge(report.histogram);
    clientErrors += report.errors;
    for (const [code, count] of Object.entries(report.closes)) {
      closes[code] = (closes[code] ?? 0) + count;
    }
    for (const got of report.perClient) {
      if (got < 0) continue;
      counts.delivered += got;
      if (got < published) {
        counts.lost += published - got;
        counts.clientsMissingSome += 1;
      } else counts.duplicated += got - published;
    }
  }
  return {
    ...counts,
    closes,
    clientErrors,
    latencyMs: {
      samples: histogram.count,
      p50: histogram.percentile(50),
      p90: histogram.percentile(90),
      p99: histogram.percentile(99),
      max: histogram.max,
      mean: histogram.mean,
    },
  };
}
