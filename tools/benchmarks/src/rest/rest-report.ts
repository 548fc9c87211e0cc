import { loadavg } from 'node:os';
import { ACCEPT_ENCODING } from './http-get';
import { CONCURRENCY, type Run } from './load-run';
import type { PageSize } from './query-mix';

export const TARGET_P99_MS = 10;

/** One loop's figures as printed and in the JSON line. */
export interface RunFigures {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: Record<string, number>;
  bytesPerPage: number;
}

/** `run` over `seconds`: requests, rate, latency to 2 decimals, errors, bytes per page. */
export function runFigures(run: Run, seconds: number): RunFigures {
  return {
    requests: run.latency.count,
    rps: Math.round(run.latency.count / seconds),
    p50: +run.latency.p50.toFixed(2),
    p99: +run.latency.p99.toFixed(2),
    max: +run.latency.max.toFixed(2),
    errors: run.errors,
    bytesPerPage: Math.round(run.bytes / Math.max(1, run.replies)),
  };
}

/** What the REST benchmark measured. */
export interface RestMeasures {
  filings: number;
  seconds: number;
  rate: number;
  pageOf100: Record<string, PageSize>;
  closed: Run;
  open: Run;
}

/** The JSON line's object (its key order is the line's). */
export function restFigures(m: RestMeasures) {
  return {
    benchmark: 'rest',
    node: process.version,
    load: loadavg().map((l) => Number(l.toFixed(2))),
    filings: m.filings,
    concurrency: CONCURRENCY,
    seconds: m.seconds,
    acceptEncoding: ACCEPT_ENCODING,
    pageOf100: m.pageOf100,
    saturation: runFigures(m.closed, m.seconds),
    atRate: { rate: m.rate, ...runFigures(m.open, m.seconds) },
    targetP99Ms: TARGET_P99_MS,
    metAtRate:
      m.open.latency.p99 < TARGET_P99_MS &&
      Object.keys(m.open.errors).length === 0,
    metAtSaturation: m.closed.latency.p99 < TARGET_P99_MS,
  };
}

/** One loop's line: requests, rate, p50/p99/max, bytes per page, non-200 replies. */
export function runLine(name: string, f: RunFigures): string {
  return `${name}: ${f.requests} requests (${f.rps}/s), p50 ${f.p50} ms, p99 ${f.p99} ms, max ${f.max} ms, ${f.bytesPerPage} B/page, non-200 ${JSON.stringify(f.errors)}`;
}

/** The lines for people, before the JSON line. */
export function restReportLines(
  figures: ReturnType<typeof restFigures>,
): string[] {
  const { rate } = figures.atRate;
  return [
    `REST history, pages of 50, ${figures.filings} filings, up to ${CONCURRENCY} concurrent`,
    `Accept-Encoding: ${ACCEPT_ENCODING || '(none)'}; a page of 100: ${Object.entries(
      figures.pageOf100,
    )
      .map(([asked, p]) => `${asked} -> ${p.status} ${p.bytes} B ${p.encoding}`)
      .join(', ')}`,
    runLine('saturation (closed loop)', figures.saturation),
    runLine(`at ${rate} requests/s (open loop)`, figures.atRate),
    `target p99 < ${TARGET_P99_MS} ms: at ${rate}/s ${figures.metAtRate ? 'MET' : 'MISSED'}; at saturation ${figures.metAtSaturation ? 'MET' : 'MISSED'}`,
  ];
}
