import type { Filing, FilingInsights } from '@secfeed/filing-model';

/** A filing as it travels in JSON (what REST and the socket deliver). */
export function wire(filing: Filing): Record<string, unknown> {
  return JSON.parse(JSON.stringify(filing)) as Record<string, unknown>;
}

/** A `sec_filing` message. */
export function filingMessage(filing: Filing, position: string): object {
  return { type: 'sec_filing', position, data: wire(filing) };
}

/** A `sec_filing_insights` message (contracts §6), carrying the filing unless told not to. */
export function insightsMessage(
  filing: Filing,
  position: string,
  insights: FilingInsights,
  carryFiling = true,
): object {
  return {
    type: 'sec_filing_insights',
    position,
    accessionNo: filing.accessionNo,
    insights,
    ...(carryFiling ? { filing: { ...wire(filing), insights } } : {}),
  };
}
