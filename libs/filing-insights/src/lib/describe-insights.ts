import type {
  FilingInsights,
  FilingItem,
  OwnershipInsights,
  OwnershipTransaction,
  StakeInsights,
} from '@secfeed/filing-model';
import { eightKItemByCode } from './eight-k-items';
import { normalizeFormType } from './form-kind';
import { roleOf, shortName } from './owner-role';
import { TRANSACTION_CODE_NAMES } from './transaction-code-names';
import {
  formatPercent,
  formatPrice,
  formatShares,
  formatValue,
} from './format-amounts';

/** What the caller knows beyond the insights. */
export interface DescribeContext {
  /** The issuer's ticker, used for stakes (`of AN2`); without it the issuer's short name is. */
  ticker?: string;
}

/** Item labels shown before "+N more". */
const MAX_LABELS = 3;

/**
 * The one line a trader reads at a glance, or null when the insights say nothing (only
 * problems, or `{}`). Pure: the same input always gives the same line.
 * - items: `Items 2.02, 9.01: results` (9.01, exhibits, is named only when alone);
 * - ownership: who (officer title abbreviated, else Director, else the owner's name), then the
 *   open-market purchases and sales (`bought`/`sold` N sh at the weighted average price, total
 *   value), else the largest other kind of transaction (`acquired 757,756 sh (grant)`), then
 *   `, 10b5-1` when `tenb51`: `CFO sold 12,000 sh at $31.20 ($374k), 10b5-1`;
 * - stake: first filer, largest percent, issuer: `Commodore Capital 9.9% of AN2`.
 */
export function describeInsights(
  formType: string,
  insights: FilingInsights,
  context: DescribeContext = {},
): string | null {
  if (insights === null || typeof insights !== 'object') return null;
  if (insights.items && insights.items.length > 0)
    return describeItems(insights.items);
  if (insights.ownership)
    return describeOwnership(formType, insights.ownership);
  if (insights.stake) return describeStake(insights.stake, context);
  return null;
}

function describeItems(items: FilingItem[]): string {
  const codes = items.map((item) => item.code);
  const labels = items
    .filter((item) => item.code !== '9.01' || items.length === 1)
    .map((item) => eightKItemByCode(item.code)?.label)
    .filter((label): label is string => !!label);
  const shown = labels.slice(0, MAX_LABELS);
  if (labels.length > MAX_LABELS)
    shown.push(`+${labels.length - MAX_LABELS} more`);
  const head = `${codes.length === 1 ? 'Item' : 'Items'} ${codes.join(', ')}`;
  return shown.length > 0 ? `${head}: ${shown.join(', ')}` : head;
}

function describeOwnership(
  formType: string,
  ownership: OwnershipInsights,
): string {
  const who =
    ownership.owners.length > 0 ? roleOf(ownership.owners[0]) : 'Insider';
  const nonDerivative = ownership.transactions.filter((tx) => !tx.derivative);
  const pool =
    nonDerivative.length > 0 ? nonDerivative : ownership.transactions;
  if (pool.length === 0) {
    return normalizeFormType(formType).startsWith('3')
      ? `${who}: initial holdings report`
      : `${who}: no transactions reported`;
  }
  const openMarket = ['P', 'S']
    .map((code) => pool.filter((tx) => tx.code === code))
    .filter((group) => group.length > 0);
  const what =
    openMarket.length > 0
      ? openMarket.map(describeTrades).join('; ')
      : describeOther(pool);
  return `${who} ${what}${ownership.tenb51 ? ', 10b5-1' : ''}`;
}

/** `sold 200,000 sh at $151.34 ($30.3M)`: one code's rows, price weighted by shares. */
function describeTrades(rows: OwnershipTransaction[]): string {
  const verb = rows[0].code === 'P' ? 'bought' : 'sold';
  const shares = rows.reduce((sum, tx) => sum + tx.shares, 0);
  const priced = rows.filter((tx) => tx.price !== null && tx.price > 0);
  const pricedShares = priced.reduce((sum, tx) => sum + tx.shares, 0);
  const value = priced.reduce(
    (sum, tx) => sum + tx.shares * (tx.price ?? 0),
    0,
  );
  const line = `${verb} ${formatShares(shares)} sh`;
  if (pricedShares === 0) return line;
  return `${line} at ${formatPrice(value / pricedShares)} (${formatValue(value)})`;
}

/** `acquired 757,756 sh (grant)`: the kind of transaction with the most shares. */
function describeOther(rows: OwnershipTransaction[]): string {
  const byKind = new Map<string, OwnershipTransaction[]>();
  for (const tx of rows) {
    const key = `${tx.code}${tx.acquired ? 'A' : 'D'}`;
    const group = byKind.get(key);
    if (group) group.push(tx);
    else byKind.set(key, [tx]);
  }
  const total = (group: OwnershipTransaction[]) =>
    group.reduce((sum, tx) => sum + tx.shares, 0);
  const largest = [...byKind.values()].reduce((best, group) =>
    total(group) > total(best) ? group : best,
  );
  const { code, acquired } = largest[0];
  const verb = acquired ? 'acquired' : 'disposed of';
  const kind = TRANSACTION_CODE_NAMES[code];
  return `${verb} ${formatShares(total(largest))} sh${kind ? ` (${kind})` : ` (code ${code})`}`;
}

function describeStake(stake: StakeInsights, context: DescribeContext): string {
  const issuer =
    context.ticker?.trim() || shortName(stake.issuer.name) || 'the issuer';
  const filer = stake.filers.length > 0 ? shortName(stake.filers[0].name) : '';
  if (stake.percent === null) {
    return filer ? `${filer} stake in ${issuer}` : `Stake in ${issuer}`;
  }
  return `${filer || 'Filers'} ${formatPercent(stake.percent)} of ${issuer}`;
}
