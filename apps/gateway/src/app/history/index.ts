export { createHistoryHandler } from './create-history-handler';
export type { HistoryHandlerOptions } from './create-history-handler';
export type { HistoryErrorCode } from './history-error';
