import { AggregatorRegistry, type Registry } from 'prom-client';
import type { WorkerMetricsJson } from './worker-messages';

/**
 * One scrape's text from the metrics of every worker that answered, plus the primary's own:
 * each metric of the same name and labels is combined by its `aggregator` (prom-client's
 * `AggregatorRegistry.aggregate`): a sum unless the metric says otherwise (`max` for the
 * reader lag, `first` for the Node version, `omit` for the start time...).
 *
 * @example
 * // worker A has 3 connections, worker B 4: the scrape says secfeed_gateway_connections 7
 * await sumWorkerMetrics([await a.getMetricsAsJSON(), await b.getMetricsAsJSON()], primary);
 */
export async function sumWorkerMetrics(
  workers: readonly WorkerMetricsJson[],
  primary: Registry,
): Promise<string> {
  const own = await primary.getMetricsAsJSON();
  return AggregatorRegistry.aggregate([...workers, own]).metrics();
}
