import { Injectable, computed, inject, signal } from '@angular/core';
import type { Filing } from '@secfeed/filing-model';
import { matchesFilters } from '@secfeed/filing-model/filters';
import {
  EMPTY_FILTERS,
  toNormalizedFilters,
  type FeedFilters,
} from '../filters/feed-filters';
import { filtersFromQuery, filtersToQuery } from '../filters/filter-query';
import {
  BROWSER_STORAGE,
  readJson,
  writeJson,
} from '../shared/browser-storage';

/** localStorage key of the starred tickers and CIKs. */
export const WATCHLIST_STORAGE_KEY = 'secfeed.watchlist';

interface StoredWatchlist {
  tickers?: unknown;
  ciks?: unknown;
  /** The alert filters as URL query parameters (`codes=P&minvalue=100000`). */
  alertFilters?: unknown;
}

/** The insight filters (contracts §6) a watchlist alert may be narrowed by. */
export type AlertFilters = Pick<
  FeedFilters,
  | 'items'
  | 'transactionCodes'
  | 'minTransactionValue'
  | 'tenb51'
  | 'minStakePercent'
>;

/** The insight part of `filters`, or `null` when it sets none. */
export function alertFiltersOf(filters: FeedFilters): AlertFilters | null {
  const { items, transactionCodes, minTransactionValue, tenb51 } = filters;
  const alert: AlertFilters = {
    items,
    transactionCodes,
    minTransactionValue,
    tenb51,
    minStakePercent: filters.minStakePercent,
  };
  const none =
    !items.length &&
    !transactionCodes.length &&
    minTransactionValue === null &&
    tenb51 === null &&
    filters.minStakePercent === null;
  return none ? null : alert;
}

/** Alert filters in a few words: `codes P · ≥ $100,000 · no 10b5-1`. */
export function describeAlertFilters(alert: AlertFilters): string {
  const parts = [
    alert.items.length ? `items ${alert.items.join(', ')}` : '',
    alert.transactionCodes.length
      ? `codes ${alert.transactionCodes.join(', ')}`
      : '',
    alert.minTransactionValue !== null
      ? `≥ $${alert.minTransactionValue.toLocaleString('en-US')}`
      : '',
    alert.tenb51 === null ? '' : alert.tenb51 ? '10b5-1' : 'no 10b5-1',
    alert.minStakePercent !== null ? `stake ≥ ${alert.minStakePercent}%` : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

/**
 * Starred tickers and CIKs, remembered between visits; a live filing of one raises an alert.
 * Alerts may be narrowed by insight filters ({@link alertFilters}): then only a watched filing
 * whose insights pass them alerts ("insider purchases of $100k or more in my watchlist"), when
 * its insights arrive.
 */
@Injectable({ providedIn: 'root' })
export class Watchlist {
  private readonly storage = inject(BROWSER_STORAGE);
  private readonly tickersState = signal<ReadonlySet<string>>(new Set());
  private readonly ciksState = signal<ReadonlySet<string>>(new Set());
  private readonly alertFiltersState = signal<AlertFilters | null>(null);

  readonly tickers = this.tickersState.asReadonly();
  readonly ciks = this.ciksState.asReadonly();
  readonly size = computed(
    () => this.tickersState().size + this.ciksState().size,
  );
  /** The insight filters alerts must also pass, or `null` for every watched filing. */
  readonly alertFilters = this.alertFiltersState.asReadonly();
  private readonly alertMatch = computed(() => {
    const alert = this.alertFiltersState();
    if (alert === null) return () => true;
    const normalized = toNormalizedFilters({ ...EMPTY_FILTERS, ...alert });
    return (filing: Filing) => matchesFilters(filing, normalized);
  });

  constructor() {
    const stored = readJson<StoredWatchlist>(
      this.storage,
      WATCHLIST_STORAGE_KEY,
      {},
    );
    this.tickersState.set(new Set(strings(stored.tickers)));
    this.ciksState.set(new Set(strings(stored.ciks)));
    const alert = stored.alertFilters;
    this.alertFiltersState.set(
      typeof alert === 'object' && alert !== null
        ? alertFiltersOf(filtersFromQuery(alert as Record<string, unknown>))
        : null,
    );
  }

  /** Narrows alerts to the insight part of `filters` (none: every watched filing alerts). */
  setAlertFilters(filters: FeedFilters | null): void {
    this.alertFiltersState.set(filters && alertFiltersOf(filters));
    this.save();
  }

  toggleTicker(ticker: string): void {
    if (ticker)
      this.tickersState.update((set) => toggled(set, ticker.toUpperCase()));
    this.save();
  }

  toggleCik(cik: string): void {
    if (cik)
      this.ciksState.update((set) =>
        toggled(set, cik.replace(/^0+(?=\d)/, '')),
      );
    this.save();
  }

  /** Whether the filing's ticker or filer CIK is starred. */
  matches(filing: Pick<Filing, 'ticker' | 'cik'>): boolean {
    return (
      (filing.ticker !== '' &&
        this.tickersState().has(filing.ticker.toUpperCase())) ||
      this.ciksState().has(filing.cik.replace(/^0+(?=\d)/, ''))
    );
  }

  /** Whether `filing` raises an alert: watched, and passing the alert filters if any. */
  alerts(filing: Filing): boolean {
    return this.matches(filing) && this.alertMatch()(filing);
  }

  private save(): void {
    const alert = this.alertFiltersState();
    writeJson(this.storage, WATCHLIST_STORAGE_KEY, {
      tickers: [...this.tickersState()],
      ciks: [...this.ciksState()],
      ...(alert
        ? {
            alertFilters: Object.fromEntries(
              Object.entries(
                filtersToQuery({ ...EMPTY_FILTERS, ...alert }),
              ).filter(([, value]) => value !== null),
            ),
          }
        : {}),
    });
  }
}

function toggled(set: ReadonlySet<string>, value: string): ReadonlySet<string> {
  const next = new Set(set);
  if (!next.delete(value)) next.add(value);
  return next;
}

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}
