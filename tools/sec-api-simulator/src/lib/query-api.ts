import type { WireFiling } from './replay-day';

/** The Query API request the ingest's gap backfill sends (sec-api.io's documented shape). */
interface QueryRequest {
  query?: unknown;
  from?: unknown;
  size?: unknown;
}

const RANGE = /^filedAt:\[\s*"?([^"\s]+)"?\s+TO\s+\*\s*\]$/;

/**
 * Answers a Query API request from the filings the simulator has sent: `filedAt:[X TO *]`
 * (quoted or not), sorted by filedAt ascending, paged with `from`/`size` (strings, as
 * sec-api.io takes them). Returns undefined for a query it does not understand.
 */
export function answerQuery(
  body: QueryRequest,
  sent: readonly WireFiling[],
):
  | { total: { value: number; relation: 'eq' }; filings: WireFiling[] }
  | undefined {
  const match =
    typeof body.query === 'string' ? RANGE.exec(body.query.trim()) : null;
  const fromMs = match ? Date.parse(match[1]) : NaN;
  if (Number.isNaN(fromMs)) return undefined;
  const offset = Number(body.from ?? 0);
  const size = Math.min(Number(body.size ?? 50), 50);
  const hits = sent
    .filter((f) => Date.parse(f.filedAt) >= fromMs)
    .sort((a, b) => Date.parse(a.filedAt) - Date.parse(b.filedAt));
  return {
    total: { value: hits.length, relation: 'eq' },
    filings: hits.slice(offset, offset + size),
  };
}
