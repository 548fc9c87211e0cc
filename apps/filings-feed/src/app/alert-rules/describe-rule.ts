import { hasFilters, type FeedFilters } from '../filters/feed-filters';
import { describeAlertFilters } from '../alerts/watchlist.service';
import type { AlertChannel } from './alert-rule';
import { filtersFromRule } from './rule-draft';

/** A rule's filters in one line: `AAPL, MSFT · forms 8-K · codes P · ≥ $100,000`. */
export function describeRuleFilters(
  json: Readonly<Record<string, unknown>>,
): string {
  const filters: FeedFilters = filtersFromRule(json);
  if (!hasFilters(filters)) return 'every filing';
  const parts = [
    filters.tickers.join(', '),
    filters.ciks.length ? `CIK ${filters.ciks.join(', ')}` : '',
    filters.formTypes.length ? `forms ${filters.formTypes.join(', ')}` : '',
    filters.includeAmendments ? '' : 'no amendments',
    describeAlertFilters(filters),
  ];
  return parts.filter(Boolean).join(' · ');
}

/** Where a rule's alerts go, secrets as the API masked them: `webhook https://hooks.example.com/x`. */
export function describeChannel(channel: AlertChannel): string {
  switch (channel.type) {
    case 'webhook':
    case 'slack':
    case 'discord':
      return channel.url;
    case 'telegram':
      return `chat ${channel.chatId}`;
  }
}
