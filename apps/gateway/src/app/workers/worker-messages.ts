// The messages the cluster primary and its gateway workers exchange over the IPC channel
// (`GATEWAY_WORKERS` > 1). Only `/metrics` needs them: everything else a worker does alone.
import type { MetricObjectWithValues, MetricValue } from 'prom-client';

/** One worker's metrics as `registry.getMetricsAsJSON()` gives them. */
export type WorkerMetricsJson = MetricObjectWithValues<MetricValue<string>>[];

/** Worker to primary: a scrape of `/metrics` reached me; send me the totals of every worker. */
export interface TotalsRequest {
  readonly type: 'secfeed:totals?';
  readonly id: number;
}

/** Primary to worker: the totals in Prometheus text format, or why there are none. */
export interface TotalsAnswer {
  readonly type: 'secfeed:totals';
  readonly id: number;
  readonly text?: string;
  readonly error?: string;
}

/** Primary to worker: send me your own metrics. */
export interface CollectRequest {
  readonly type: 'secfeed:collect?';
  readonly id: number;
}

/** Worker to primary: my own metrics, or why there are none. */
export interface CollectAnswer {
  readonly type: 'secfeed:collect';
  readonly id: number;
  readonly metrics?: WorkerMetricsJson;
  readonly error?: string;
}

type WorkerMessage =
  TotalsRequest | TotalsAnswer | CollectRequest | CollectAnswer;

/** Whether an IPC message is ours and of `type` (the channel also carries Node's own). */
export function isWorkerMessage<T extends WorkerMessage['type']>(
  message: unknown,
  type: T,
): message is Extract<WorkerMessage, { type: T }> {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === type &&
    typeof (message as { id?: unknown }).id === 'number'
  );
}
