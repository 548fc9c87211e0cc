import {
  DestroyRef,
  Injectable,
  Injector,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import {
  EMPTY,
  catchError,
  debounceTime,
  filter,
  switchMap,
  type Subscription,
} from 'rxjs';
import { Alerts } from '../alerts/alerts.service';
import { FeedConnection } from '../connection/feed-connection.service';
import {
  EMPTY_FILTERS,
  sameFilters,
  toSubscriptionFilters,
  type FeedFilters,
} from '../filters/feed-filters';
import { FilterState } from '../filters/filter-state.service';
import { feedFilterPredicate } from '../filters/match-feed-filters';
import { HistoryApi, type HistoryPage } from '../history/history-api.service';
import type { UserError } from '../shared/user-error';
import { FeedStore } from './feed-store.service';

/** Wait after the last filter change before asking the gateway again, in ms. */
export const FILTER_SETTLE_MS = 300;
/** Arrivals closer together than this (ms) are announced as one count. */
export const ANNOUNCE_BURST_MS = 3000;

/**
 * Wires the feed together: filters go to the socket (server-side filters) and to REST
 * (history reload) once they settle, and apply to the rows at once; live filings join the
 * list and raise watchlist alerts; a lost resume reloads history and tells the user.
 */
@Injectable({ providedIn: 'root' })
export class FeedController {
  private readonly store = inject(FeedStore);
  private readonly connection = inject(FeedConnection);
  private readonly history = inject(HistoryApi);
  private readonly filterState = inject(FilterState);
  private readonly alerts = inject(Alerts);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);

  private readonly loadingState = signal(false);
  private readonly historyErrorState = signal<UserError | null>(null);
  private readonly noticeState = signal<string | null>(null);
  private readonly announcementState = signal('');
  private readonly moreState = signal(false);
  private nextCursor: string | null = null;
  private request: Subscription | null = null;
  private subscribeAfterReload: ((position: string | null) => void) | null =
    null;
  private started = false;
  private applied: FeedFilters = EMPTY_FILTERS;
  private burst = 0;
  private burstTimer: ReturnType<typeof setTimeout> | undefined;

  /** Rows that pass the current filters, newest first. */
  readonly rows = computed(() => {
    const matches = feedFilterPredicate(this.filterState.filters());
    return this.store.entries().filter((entry) => matches(entry.filing));
  });
  /** Whether a history page is on its way. */
  readonly loading = this.loadingState.asReadonly();
  /**
   * Whether older pages remain to be shown: the gateway has some, and the list has not reached
   * its bound ({@link FeedStore.truncated}; an older page would land after a hole).
   */
  readonly hasMore = computed(
    () => this.moreState() && !this.store.truncated(),
  );
  readonly historyError = this.historyErrorState.asReadonly();
  /** A one-off message, e.g. that the list was reloaded after a lost resume. */
  readonly notice = this.noticeState.asReadonly();
  /** Polite text for screen readers: how many filings just arrived. */
  readonly announcement = this.announcementState.asReadonly();

  /** Starts history and the live feed with the current filters (once). */
  start(): void {
    if (this.started) return;
    this.started = true;
    const filters = this.filterState.filters;
    this.reloadThenSubscribe(filters());

    this.applied = filters();
    toObservable(filters, { injector: this.injector })
      .pipe(
        debounceTime(FILTER_SETTLE_MS),
        filter((next) => !sameFilters(next, this.applied)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((next) => this.onFiltersSettled(next));
    this.connection.filings
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((filing) => {
        if (this.store.addLive(filing)) {
          this.alerts.consider(filing);
          this.announce();
        }
      });
    // What a filing says fills its row in when it arrives; a filing only an insights message
    // brought (insight filters) joins the list like a live one.
    this.connection.insights
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(({ accessionNo, insights, filing }) => {
        const applied = this.store.applyInsights(accessionNo, insights, filing);
        if (!applied) return;
        this.alerts.consider(applied.filing);
        if (applied.added) this.announce();
      });
    // The seam: the subscription starts from the history page's stream position
    // (reloadThenSubscribe), so the two meet exactly. When history could not be read the feed
    // subscribes without it, at the gateway's newest position; once that is placed, the newest
    // page is read again and merged (never replacing, never cancelling a page on its way).
    this.connection.subscribedFresh
      .pipe(
        switchMap(() =>
          this.history
            .page(this.filterState.filters(), null)
            .pipe(catchError(() => EMPTY)),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((page) => this.store.appendHistory(page.filings));
    this.connection.recoveryLost
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => {
        this.noticeState.set(
          'The connection was down too long to catch up, so the list was reloaded from history.',
        );
        this.reload();
      });
  }

  /** Loads the newest page again and replaces history with it. */
  reload(): void {
    this.request?.unsubscribe();
    this.fetch(null, (page) => {
      this.store.replaceHistory(page.filings);
      this.afterReload(page.position);
    });
  }

  /** Loads the next older page, unless one is loading or none remains. */
  loadMore(): void {
    if (
      this.loadingState() ||
      this.nextCursor === null ||
      !this.hasMore() ||
      this.historyErrorState()
    )
      return;
    this.fetch(this.nextCursor, (page) => {
      // The bound may have cut the list while this page was on its way.
      if (!this.store.truncated()) this.store.appendHistory(page.filings);
    });
  }

  /** The Retry button of a history error: repeats what failed. */
  retryHistory(): void {
    const more = this.nextCursor !== null && this.store.entries().length > 0;
    this.historyErrorState.set(null);
    if (more) this.loadMore();
    else this.reload();
  }

  dismissNotice(): void {
    this.noticeState.set(null);
  }

  private onFiltersSettled(filters: FeedFilters): void {
    this.applied = filters;
    this.reloadThenSubscribe(filters);
  }

  /**
   * History first, then the subscription from the page's stream position: filings published
   * after the page come live, whatever their `filedAt`. Without a position (history failed, or
   * an older gateway) it subscribes at once from the gateway's newest position. A reload that
   * replaces this one before it answers inherits the subscription.
   */
  private reloadThenSubscribe(filters: FeedFilters): void {
    this.subscribeAfterReload = (position) =>
      this.connection.connect(toSubscriptionFilters(filters), position);
    this.reload();
  }

  /** Runs the subscription a reload was waiting for, once. */
  private afterReload(position: string | null): void {
    const subscribe = this.subscribeAfterReload;
    this.subscribeAfterReload = null;
    subscribe?.(position);
  }

  private fetch(
    cursor: string | null,
    apply: (page: HistoryPage) => void,
  ): void {
    this.loadingState.set(true);
    this.historyErrorState.set(null);
    this.request = this.history
      .page(this.filterState.filters(), cursor)
      .subscribe({
        next: (page) => {
          apply(page);
          this.nextCursor = page.next;
          this.moreState.set(page.next !== null);
          this.loadingState.set(false);
        },
        error: (error: UserError) => {
          this.historyErrorState.set(error);
          this.loadingState.set(false);
          if (cursor === null) this.afterReload(null);
        },
      });
  }

  /** Counts arrivals in a burst, so a screen reader hears "5 new filings", not five lines. */
  private announce(): void {
    this.burst += 1;
    clearTimeout(this.burstTimer);
    this.burstTimer = setTimeout(() => (this.burst = 0), ANNOUNCE_BURST_MS);
    const paused = this.store.paused();
    const count = paused ? this.store.pendingCount() : this.burst;
    const noun = count === 1 ? 'filing' : 'filings';
    this.announcementState.set(
      paused ? `${count} new ${noun} while paused` : `${count} new ${noun}`,
    );
  }
}
