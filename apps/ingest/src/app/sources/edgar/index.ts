export { edgarSource, EDGAR_SEEN_CAPACITY } from './edgar-source';
export {
  DEFAULT_EDGAR_FEED_URL,
  MAX_EDGAR_PAGE_SIZE,
  MAX_EDGAR_REQUESTS_PER_SECOND,
  type EdgarSourceOptions,
} from './edgar-source-options';
export { EDGAR_ERROR_CODES, edgarHttpCode } from './edgar-error-codes';
export { validateUserAgent } from './validate-user-agent';
