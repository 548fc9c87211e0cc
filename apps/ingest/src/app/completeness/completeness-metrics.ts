import { Counter, Gauge, type Registry } from 'prom-client';

/** The reconciliation's metrics (`secfeed_ingest_completeness_*`), on ingest's registry. */
export interface CompletenessMetrics {
  /** Runs by outcome: `reconciled`, `not_published` (index 404), `failed`, `malformed`. */
  runs: Counter<'outcome'>;
  /** Accessions EDGAR's index listed that secfeed lacked, published late by the reconciliation. */
  late: Counter;
  /** Accessions the last reconciled day still lacks after its run. */
  lastMissing: Gauge;
  /** Late accessions of the last reconciled day: above 0, that day had misses (the alert). */
  lastLate: Gauge;
  /** Filings the run in progress on this replica still has to fetch and publish; 0 when none runs. */
  backfillRemaining: Gauge;
}

/** Registers the completeness metrics on `registry` (once: a second call gets the same ones). */
export function createCompletenessMetrics(
  registry: Registry,
): CompletenessMetrics {
  const known = registered.get(registry);
  if (known) return known;
  const registers = [registry];
  const metrics: CompletenessMetrics = {
    runs: new Counter({
      name: 'secfeed_ingest_completeness_runs_total',
      help: "Reconciliations with EDGAR's daily index, by outcome",
      labelNames: ['outcome'],
      registers,
    }),
    late: new Counter({
      name: 'secfeed_ingest_completeness_late_total',
      help: "Filings EDGAR's daily index listed that secfeed lacked, published by the reconciliation",
      registers,
    }),
    lastMissing: new Gauge({
      name: 'secfeed_ingest_completeness_last_missing',
      help: 'Filings the last reconciled day still lacks',
      registers,
    }),
    lastLate: new Gauge({
      name: 'secfeed_ingest_completeness_last_late',
      help: 'Filings of the last reconciled day secfeed got only from the reconciliation',
      registers,
    }),
    backfillRemaining: new Gauge({
      name: 'secfeed_ingest_completeness_backfill_remaining',
      help: "Filings of EDGAR's daily index the reconciliation in progress still has to fetch and publish (0 when none runs)",
      registers,
    }),
  };
  registered.set(registry, metrics);
  return metrics;
}

const registered = new WeakMap<Registry, CompletenessMetrics>();
