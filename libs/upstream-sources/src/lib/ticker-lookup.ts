/** What a filing builder asks of the ticker directory. */
export interface TickerLookup {
  /** The primary ticker of a CIK (digits, leading zeros or not), or undefined when it lists none. */
  primaryTicker(cik: string): string | undefined;
  /**
   * The exchange of a CIK's primary listing as the SEC names it (`Nasdaq`, `NYSE`...), null when
   * the SEC gives none, undefined when the CIK lists no security.
   */
  exchangeOf(cik: string): string | null | undefined;
}
