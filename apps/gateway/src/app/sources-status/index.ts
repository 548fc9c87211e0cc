export {
  COUNTED_SOURCES,
  createSourcesStatusHandler,
} from './create-sources-status-handler';
export type { SourcesStatusHandlerOptions } from './create-sources-status-handler';
export type { SourceDaySummary } from './source-day-summary';
