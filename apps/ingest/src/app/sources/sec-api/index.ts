export { secApiSource } from './sec-api-source';
export {
  DEFAULT_STREAM_URL,
  type SecApiSourceOptions,
} from './sec-api-source-options';
export { queryApiBackfill } from './query-api-backfill';
export {
  DEFAULT_QUERY_API_URL,
  MAX_QUERY_OFFSET,
  MAX_QUERY_PAGE_SIZE,
  type QueryApiBackfillOptions,
} from './query-api-backfill-options';
export { QueryApiError, type QueryApiErrorCode } from './query-api-error';
export {
  BINARY_PREVIEW_BYTES,
  type BinaryFrameRaw,
} from './binary-frame-reject';
