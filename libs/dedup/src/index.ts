export { FilingPublisher } from './lib/filing-publisher';
export { MAX_RETENTION_MS, PUBLISHER_DEFAULTS } from './lib/publisher-options';
export type { FilingPublisherOptions } from './lib/publisher-options';
export type { PublishableFiling } from './lib/publishable-filing';
export type { PublishResult } from './lib/publish-result';
export type {
  InsightsPublishResult,
  PublishableInsights,
} from './lib/insights-publish-result';
export type { ScriptCall, ScriptClient } from './lib/script-client';
export { STREAM_FIELDS, decodeStreamEntry } from './lib/stream-entry';
export type { DecodedStreamEntry } from './lib/stream-entry';
export { decodeIndexMember, encodeIndexMember } from './lib/index-member';
export type { IndexMember } from './lib/index-member';
export { DedupError } from './lib/dedup-error';
export type { DedupErrorCode } from './lib/dedup-error';
export { seenAccessions } from './lib/seen-accessions';
