export { createCompletenessHandler } from './create-completeness-handler';
export type { CompletenessHandlerOptions } from './create-completeness-handler';
