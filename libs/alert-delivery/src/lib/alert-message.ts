import type { FilingInsights } from '@secfeed/filing-model';
import type { EntryKind } from '@secfeed/alert-model';

/** The filing fields a message reads; any stored filing has them (insights optional). */
export interface MessageFiling {
  readonly accessionNo?: string;
  readonly formType?: string;
  readonly companyName?: string;
  readonly ticker?: string;
  readonly filedAt?: string;
  readonly linkToFilingDetails?: string;
  readonly linkToHtml?: string;
  readonly insights?: FilingInsights;
}

/** A message short enough for a phone's lock screen, in the parts every channel formats. */
export interface AlertMessage {
  /** `Form 4 · APPLE INC (AAPL)` */
  readonly title: string;
  /** One line of what the insights say, when there are any. */
  readonly summary?: string;
  /** `Filed 2025-01-03T16:05:12-05:00` */
  readonly filed: string;
  readonly link?: string;
}

/**
 * The readable form of one alert: form, company, ticker, a line from the insights and the link.
 *
 * @example
 * alertMessage({ formType: '8-K', companyName: 'Apple Inc.', ticker: 'AAPL', insights: { items: [{ code: '2.02', title: 'Results' }] } }, 'insights');
 * // { title: 'Form 8-K · Apple Inc. (AAPL)', summary: 'Items 2.02 Results', ... }
 */
export function alertMessage(
  filing: MessageFiling,
  kind: EntryKind,
): AlertMessage {
  const ticker = filing.ticker ? ` (${filing.ticker})` : '';
  const summary = insightsSummary(filing.insights);
  return {
    title: `Form ${filing.formType ?? '?'} · ${filing.companyName ?? filing.accessionNo ?? 'unknown filer'}${ticker}`,
    summary:
      summary ??
      (kind === 'insights'
        ? 'Documents read; nothing to summarize'
        : undefined),
    filed: `Filed ${filing.filedAt ?? 'unknown'}`,
    link: filing.linkToFilingDetails || filing.linkToHtml || undefined,
  };
}

/** Plain text of a message, one part a line (Telegram, logs, tests). */
export function messageText(message: AlertMessage): string {
  return [message.title, message.summary, message.filed, message.link]
    .filter((part): part is string => Boolean(part))
    .join('\n');
}

const money = (n: number) =>
  `$${n.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;

function insightsSummary(
  insights: FilingInsights | undefined,
): string | undefined {
  if (!insights) return undefined;
  if (insights.items?.length) {
    return `Items ${insights.items.map((item) => `${item.code} ${item.title}`).join('; ')}`;
  }
  if (insights.ownership) {
    const { owners, transactions, tenb51 } = insights.ownership;
    const owner = owners[0];
    const role =
      owner?.officerTitle ??
      (owner?.director
        ? 'Director'
        : owner?.tenPercentOwner
          ? '10% owner'
          : undefined);
    const who = owner
      ? `${owner.name}${role ? ` (${role})` : ''}`
      : 'An insider';
    const main = transactions.find((tx) => !tx.derivative) ?? transactions[0];
    if (!main) return `${who}: no transactions reported`;
    const verb = main.acquired ? 'acquired' : 'disposed of';
    const price = main.price !== null ? ` at ${money(main.price)}` : '';
    const more =
      transactions.length > 1 ? ` (+${transactions.length - 1} more)` : '';
    return `${who} ${verb} ${main.shares.toLocaleString('en-US')} sh${price}, code ${main.code}${more}${tenb51 ? ', 10b5-1 plan' : ''}`;
  }
  if (insights.stake) {
    const { filers, percent, issuer } = insights.stake;
    const who = filers[0]?.name ?? 'A filer';
    return `${who}: ${percent !== null ? `${percent}%` : 'a stake'} of ${issuer.name}`;
  }
  if (insights.problems?.length) {
    return `Documents could not be read (${insights.problems[0].code})`;
  }
  return undefined;
}
