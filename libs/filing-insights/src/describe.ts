/**
 * The one-line summary alone, for the browser: no XML parser and nothing of the readers, so a
 * dashboard that only describes insights it receives ships a few kilobytes, not the parsers.
 */
export { describeInsights } from './lib/describe-insights';
export type { DescribeContext } from './lib/describe-insights';
