import type { Filing } from '@secfeed/filing-model';
import { describeInsights } from '@secfeed/filing-insights/describe';
import { insightsOf } from './filing-insights-of';

/**
 * The one line a trader reads at a glance (issue 11): what the filing says once its insights
 * are known ("CFO sold 12,000 sh at $31.20 ($374k), 10b5-1", "Items 2.02, 9.01: results",
 * "Commodore Capital 9.8% of AN2", from `describeInsights`), else its 8-K items as the feed
 * lists them, else its description.
 */
export function filingSummary(filing: Filing): string {
  const said = describe(filing);
  if (said) return said;
  const { items, description } = filing;
  return items?.length ? items.join(' · ') : (description ?? '');
}

/** The insights' line, or null; insights of a shape the describer does not expect give none. */
function describe(filing: Filing): string | null {
  const insights = insightsOf(filing);
  if (!insights) return null;
  try {
    return describeInsights(filing.formType, insights, {
      ticker: filing.ticker,
    });
  } catch {
    // They arrive as JSON: one odd message must not break the list.
    return null;
  }
}
