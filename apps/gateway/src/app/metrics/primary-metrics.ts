import { Counter, Gauge, Registry } from 'prom-client';

/**
 * The metrics of the cluster primary (`GATEWAY_WORKERS` > 1), added to the workers' totals at
 * every scrape of `/metrics`. The primary serves no client, so it has no process metrics of its
 * own here: `secfeed_gateway_process_*` are the workers' sums.
 */
export interface PrimaryMetrics {
  registry: Registry;
  /** Workers running now. */
  workers: Gauge;
  /** Workers whose metrics are in this scrape (fewer than `workers`: one did not answer). */
  workersScraped: Gauge;
  /** Workers that exited while the gateway was not stopping, each replaced. */
  workerRestarts: Counter;
}

/** Creates the primary's metrics on their own registry. */
export function createPrimaryMetrics(): PrimaryMetrics {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    workers: new Gauge({
      name: 'secfeed_gateway_workers',
      help: 'Gateway worker processes running (GATEWAY_WORKERS)',
      registers,
    }),
    workersScraped: new Gauge({
      name: 'secfeed_gateway_workers_scraped',
      help: 'Workers whose metrics this scrape sums (below secfeed_gateway_workers: one did not answer in time)',
      registers,
    }),
    workerRestarts: new Counter({
      name: 'secfeed_gateway_worker_restarts_total',
      help: 'Gateway workers that exited unasked and were replaced',
      registers,
    }),
  };
}
