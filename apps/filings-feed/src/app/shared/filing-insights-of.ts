import type { Filing, FilingInsights } from '@secfeed/filing-model';

/**
 * The insights (contracts §6) a filing carries, or `null` before they are known. They arrive
 * as JSON (REST, or a `sec_filing_insights` message), so anything but an object counts as none.
 */
export function insightsOf(filing: Filing): FilingInsights | null {
  const value = (filing as { insights?: unknown }).insights;
  return isInsights(value) ? value : null;
}

/** Whether `value` can be read as insights: a JSON object (its fields are read with care). */
export function isInsights(value: unknown): value is FilingInsights {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `filing` with `insights` attached, as REST returns it once they are known. */
export function withInsights(filing: Filing, insights: FilingInsights): Filing {
  return { ...filing, insights } as Filing;
}
