import cluster from 'node:cluster';
import type { Registry } from 'prom-client';
import { answerCollects } from './answer-collects';
import { TotalsRegistry } from './totals-registry';

/** What a gateway does differently as one of several workers on one port. */
export interface WorkerRole {
  /** The cluster's id of this worker (a replacement gets a new one), named in `/readyz`. */
  readonly id: number;
  /** What `/metrics` serves: the totals of every worker, summed by the primary. */
  readonly metricsRegistry: Registry;
}

/**
 * In a cluster worker: starts answering the primary's requests for `own` metrics and returns
 * the worker's role; in a single process (`GATEWAY_WORKERS=1`), undefined: nothing changes.
 */
export function workerRole(own: Registry): WorkerRole | undefined {
  const worker = cluster.isWorker ? cluster.worker : undefined;
  if (worker === undefined) return undefined;
  answerCollects(own);
  return { id: worker.id, metricsRegistry: new TotalsRegistry() };
}
