import type { InsightsEntryDocument } from '@secfeed/filing-model/stored';

/**
 * The `sec_filing_insights` message of an insights entry (contracts §6), built once per entry:
 * `{"type":"sec_filing_insights","position":P,"accessionNo":A,"insights":INSIGHTS,"filing":FILING}`.
 *
 * The filing (with its `insights`) always comes along, so one prepared buffer serves every
 * subscriber, and a subscriber whose filters need insights (it never got the plain
 * `sec_filing`) gets one complete message. `filing` is the stored text spliced in as is; the
 * accession number and the insights are serialized here, once.
 *
 * @example
 * insightsFrame('1736000000000-1', decoded);
 * // '{"type":"sec_filing_insights","position":"1736000000000-1","accessionNo":"0000320193-25-000079",
 * //   "insights":{"items":[...]},"filing":{...}}'
 */
export function insightsFrame(
  position: string,
  entry: Pick<InsightsEntryDocument, 'accessionNo' | 'insights' | 'data'>,
): string {
  return `{"type":"sec_filing_insights","position":"${position}","accessionNo":${JSON.stringify(
    entry.accessionNo,
  )},"insights":${JSON.stringify(entry.insights)},"filing":${entry.data}}`;
}
