// The REST history of secfeed's gateway: GET /api/filings and /api/filings/:accessionNo, read
// from the indexes and documents dedup maintains. Node only; the gateway routes requests to it.
export { createHistoryHandler } from './lib/create-history-handler';
export type { HistoryHandlerOptions } from './lib/create-history-handler';
export type { HistoryMetrics } from './lib/history-metrics';
export {
  createHistoryMetrics,
  gatewayErrorsCounter,
  type HistoryPromMetrics,
} from './lib/create-history-metrics';
export { HistoryError, type HistoryErrorCode } from './lib/history-error';
export { parseHistoryQuery } from './lib/parse-history-query';
export type { HistoryQuery } from './lib/history-query';
export { newestPosition, type StreamCommands } from './lib/newest-position';
