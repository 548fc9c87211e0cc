/** What a filing builder asks of the ticker directory. */
export interface TickerLookup {
  /** The primary ticker of a CIK (digits, leading zeros or not), or undefined when it lists none. */
  primaryTicker(cik: string): string | undefined;
}
