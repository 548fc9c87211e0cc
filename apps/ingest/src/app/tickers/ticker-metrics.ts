import { Counter, Gauge, type Registry } from 'prom-client';

/** The metrics of the ticker directory, on the ingest service's registry. */
export interface TickerMetrics {
  /**
   * Refreshes from the SEC by outcome: `ok`, `invalid` (the file was refused), `404`, `429`,
   * `403`, `5xx`, `4xx`, `timeout`, `network`, `too_large`.
   */
  refreshes: Counter<'outcome'>;
  /** CIKs in the map in use. */
  ciks: Gauge;
}

/** Registers the ticker metrics on `registry`. */
export function createTickerMetrics(registry: Registry): TickerMetrics {
  const registers = [registry];
  return {
    refreshes: new Counter({
      name: 'secfeed_ingest_ticker_refreshes_total',
      help: "Refreshes of the CIK-to-ticker map from the SEC's company_tickers_exchange.json, by outcome",
      labelNames: ['outcome'],
      registers,
    }),
    ciks: new Gauge({
      name: 'secfeed_ingest_ticker_ciks',
      help: 'CIKs in the CIK-to-ticker map in use',
      registers,
    }),
  };
}
