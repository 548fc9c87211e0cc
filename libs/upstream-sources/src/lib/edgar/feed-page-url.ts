/**
 * The URL of one page of the Latest Filings feed: every form type, insider filings included
 * (`owner=include`, or Forms 3/4/5 would be missing), `count` entries from offset `start`.
 *
 * @example
 * ```ts
 * feedPageUrl('https://www.sec.gov/cgi-bin/browse-edgar', 100, 100);
 * // 'https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=&company=&dateb=&owner=include&start=100&count=100&output=atom'
 * ```
 */
export function feedPageUrl(
  feedUrl: string,
  start: number,
  count: number,
): string {
  const query = new URLSearchParams([
    ['action', 'getcurrent'],
    ['type', ''],
    ['company', ''],
    ['dateb', ''],
    ['owner', 'include'],
    ['start', String(start)],
    ['count', String(count)],
    ['output', 'atom'],
  ]);
  return `${feedUrl}?${query.toString()}`;
}
