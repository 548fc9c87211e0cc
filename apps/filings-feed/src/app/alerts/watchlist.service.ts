import { Injectable, computed, inject, signal } from '@angular/core';
import type { Filing } from '@secfeed/filing-model';
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
}

/** Starred tickers and CIKs, remembered between visits; a live filing of one raises an alert. */
@Injectable({ providedIn: 'root' })
export class Watchlist {
  private readonly storage = inject(BROWSER_STORAGE);
  private readonly tickersState = signal<ReadonlySet<string>>(new Set());
  private readonly ciksState = signal<ReadonlySet<string>>(new Set());

  readonly tickers = this.tickersState.asReadonly();
  readonly ciks = this.ciksState.asReadonly();
  readonly size = computed(
    () => this.tickersState().size + this.ciksState().size,
  );

  constructor() {
    const stored = readJson<StoredWatchlist>(
      this.storage,
      WATCHLIST_STORAGE_KEY,
      {},
    );
    this.tickersState.set(new Set(strings(stored.tickers)));
    this.ciksState.set(new Set(strings(stored.ciks)));
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

  private save(): void {
    writeJson(this.storage, WATCHLIST_STORAGE_KEY, {
      tickers: [...this.tickersState()],
      ciks: [...this.ciksState()],
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
