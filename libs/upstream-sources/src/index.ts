// The upstream sources of ingest: each a cold Observable of `SourceEvent`s. Node only
// (`ws`, `fetch`, `node:zlib`); the service wires them to its publish pipeline.
export type {
  IngestReject,
  SourceEvent,
  UpstreamState,
} from './lib/source-event';
export type { TickerLookup } from './lib/ticker-lookup';
export { edgarSource } from './lib/edgar/edgar-source';
export { validateUserAgent } from './lib/edgar/validate-user-agent';
export { parseRetryAfter } from './lib/edgar/edgar-retry-delay';
export { BoundedSet } from './lib/edgar/bounded-set';
export { replaySource } from './lib/replay/replay-source';
export { secApiSource } from './lib/sec-api/sec-api-source';
export type { SecApiSourceOptions } from './lib/sec-api/sec-api-source-options';
export type { FiledAtMark } from './lib/sec-api/newest-filed-at';
export type { WatermarkStore } from './lib/sec-api/watermark-store';
