/**
 * The metrics the REST history records, as structural types: the gateway's `prom-client`
 * counters and histogram (`secfeed_gateway_http_requests_total`,
 * `secfeed_gateway_http_latency_seconds`, `secfeed_gateway_errors_total`) satisfy it, and so
 * does anything else with these methods.
 */
export interface HistoryMetrics {
  /** Requests by route (`filings` or `filing`) and status. */
  readonly httpRequests: {
    inc(labels: { route: string; status: string }): void;
  };
  /** Handling time by route; the returned function ends the measurement. */
  readonly httpLatency: {
    startTimer(labels: { route: string }): () => unknown;
  };
  /** Error replies by code. */
  readonly errors: { inc(labels: { code: string }): void };
}
