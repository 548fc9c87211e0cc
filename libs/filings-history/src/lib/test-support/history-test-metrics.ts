import { Registry } from 'prom-client';
import {
  createHistoryMetrics,
  type HistoryPromMetrics,
} from '../create-history-metrics';

/** The history's metrics on a registry of their own, so specs can read the scrape text. */
export interface HistoryTestMetrics extends HistoryPromMetrics {
  readonly registry: Registry;
}

/**
 * The three metrics the REST history records, named and labelled as the gateway exports them
 * at `/metrics` (`secfeed_gateway_*`, from `createHistoryMetrics`), on a fresh registry.
 */
export function createHistoryTestMetrics(): HistoryTestMetrics {
  const registry = new Registry();
  return { registry, ...createHistoryMetrics(registry) };
}
