import type { FieldError, Filing, FilingSource } from '@secfeed/filing-model';

/** Upstream input that could not become a filing; it goes to the dead-letter stream. */
export interface IngestReject {
  /** Stable UPPER_SNAKE code (the frame codes of filing-model, plus the source's own). */
  code: string;
  source: FilingSource;
  /** The element or frame as received (whole-frame rejects: the text, truncated). */
  raw: unknown;
  reasons: FieldError[];
}

/** What a source is doing, for logs, metrics and readiness. */
export type UpstreamState =
  | { state: 'connecting'; attempt: number }
  | { state: 'open' }
  | { state: 'closed'; code?: number; reason?: string }
  | { state: 'retry'; attempt: number; delayMs: number }
  | { state: 'backfilling'; from: string }
  | { state: 'backfilled'; filings: number }
  | { state: 'polling' }
  | { state: 'finished' };

/**
 * One event of a source. A source is a cold Observable of these: subscribing starts it,
 * unsubscribing stops it and releases every socket and timer. Filings come in upstream order;
 * the same filing may come more than once (reconnects, backfill, EDGAR's one entry per entity):
 * the publish pipeline keeps each exactly once.
 */
export type SourceEvent =
  | { kind: 'filings'; filings: Filing[] }
  | { kind: 'rejects'; rejects: IngestReject[] }
  /** `source`: which upstream, when one process runs several (`INGEST_SOURCE=sec-api,edgar`). */
  | { kind: 'state'; upstream: UpstreamState; source?: FilingSource }
  | { kind: 'error'; code: string; message: string }
  /** A gap backfill failed and is tried again after `delayMs` (attempt: failures in a row). */
  | { kind: 'backfill-retry'; attempt: number; delayMs: number }
  /** The durable watermark is at least here: every filing older is in the stream. */
  | { kind: 'watermark'; filedAt: string; ms: number };
