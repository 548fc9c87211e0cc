/** One listed security of a company: a share class, a preferred series, a warrant... */
export interface ShareClass {
  /** Upper-case, e.g. `BRK-B`. */
  readonly ticker: string;
  /** Where it trades as the SEC names it (`Nasdaq`, `NYSE`, `OTC`, `CBOE`), or null when the SEC gives none. */
  readonly exchange: string | null;
}

/**
 * CIK (digits, no leading zeros) → its listed securities in the SEC's order, the primary listing
 * first. Never empty for a CIK it holds.
 */
export type ShareClassTable = ReadonlyMap<string, readonly ShareClass[]>;
