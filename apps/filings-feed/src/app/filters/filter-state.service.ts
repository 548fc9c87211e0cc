import { Injectable, inject, signal } from '@angular/core';
import { Router, type Params } from '@angular/router';
import {
  BROWSER_STORAGE,
  readJson,
  writeJson,
} from '../shared/browser-storage';
import { EMPTY_FILTERS, sameFilters, type FeedFilters } from './feed-filters';
import {
  filtersFromQuery,
  filtersToQuery,
  queryHasFilters,
} from './filter-query';

/** localStorage key of the remembered filters. */
export const FILTERS_STORAGE_KEY = 'secfeed.filters';

/**
 * The current filters. The URL query is the source of truth (so a link shares a view); the
 * last filters are remembered in localStorage and restored when a visit's URL carries none.
 */
@Injectable({ providedIn: 'root' })
export class FilterState {
  private readonly router = inject(Router);
  private readonly storage = inject(BROWSER_STORAGE);
  private readonly filtersState = signal<FeedFilters>(EMPTY_FILTERS);
  private restored = false;

  readonly filters = this.filtersState.asReadonly();

  /** Applies the URL's query: its filters, or on the first visit without any, the remembered ones. */
  applyQuery(params: Params): void {
    const first = !this.restored;
    this.restored = true;
    if (first && !queryHasFilters(params)) {
      const remembered = filtersFromQuery(
        readJson<Params>(this.storage, FILTERS_STORAGE_KEY, {}),
      );
      this.set(remembered);
      return;
    }
    const fromUrl = filtersFromQuery(params);
    if (!sameFilters(fromUrl, this.filtersState())) {
      this.filtersState.set(fromUrl);
      this.remember(fromUrl);
    }
  }

  /** Changes the filters: applied at once, written to the URL and remembered. */
  set(filters: FeedFilters): void {
    this.filtersState.set(filters);
    this.remember(filters);
    void this.router.navigate([], {
      queryParams: filtersToQuery(filters),
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  /** Changes some fields. */
  patch(change: Partial<FeedFilters>): void {
    this.set({ ...this.filtersState(), ...change });
  }

  private remember(filters: FeedFilters): void {
    const query = Object.fromEntries(
      Object.entries(filtersToQuery(filters)).filter(
        ([, value]) => value !== null,
      ),
    );
    writeJson(this.storage, FILTERS_STORAGE_KEY, query);
  }
}
