/** SEC's `company_tickers.json`: `{"0":{"cik_str":320193,"ticker":"AAPL","title":"Apple Inc."},...}`. */
export type SecCompanyTickers = Record<
  string,
  { cik_str: number; ticker: string; title: string }
>;

/**
 * CIK (digits, no leading zeros) to ticker. One CIK can list several tickers (share classes);
 * the SEC's file is ordered by size, so the first one seen is the primary listing.
 */
export function tickerMap(source: SecCompanyTickers): Record<string, string> {
  const map: Record<string, string> = {};
  for (const { cik_str, ticker } of Object.values(source)) {
    const cik = String(cik_str);
    if (!(cik in map)) map[cik] = ticker.toUpperCase();
  }
  return map;
}
