import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { RouterLink, type Params } from '@angular/router';
import { Alerts } from '../alerts/alerts.service';
import { ToastStack } from '../alerts/toast-stack';
import {
  Watchlist,
  alertFiltersOf,
  describeAlertFilters,
} from '../alerts/watchlist.service';
import { ConnectionStatus } from '../connection/connection-status';
import { FeedConnection } from '../connection/feed-connection.service';
import { FilterBar } from '../filters/filter-bar';
import { FilterState } from '../filters/filter-state.service';
import { ClockService } from '../shared/clock.service';
import { countLabel } from '../shared/count-label';
import { ErrorBanner } from '../shared/error-banner';
import { ThemeService } from '../shared/theme.service';
import { FeedController } from './feed-controller.service';
import type { FeedEntry } from './feed-entry';
import { FeedStore } from './feed-store.service';
import { FilingDetail } from './filing-detail';
import { FilingList } from './filing-list';
import { keyboardCommand } from './keyboard-command';

/** Fewer matching rows than this, with older pages left, loads another page by itself. */
const MIN_ROWS = 30;

/**
 * The dashboard: status, filters, the hybrid list, details, alerts. Filter query parameters
 * arrive as inputs (`withComponentInputBinding`); keyboard shortcuts are handled here.
 */
@Component({
  selector: 'sf-feed-page',
  imports: [
    RouterLink,
    ConnectionStatus,
    FilterBar,
    FilingList,
    FilingDetail,
    ErrorBanner,
    ToastStack,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'page', '(document:keydown)': 'onKey($event)' },
  templateUrl: './feed-page.html',
})
export class FeedPage implements OnInit {
  // Query parameters, bound by the router.
  readonly tickers = input<string>();
  readonly ciks = input<string>();
  readonly forms = input<string>();
  readonly q = input<string>();
  readonly from = input<string>();
  readonly to = input<string>();
  readonly amendments = input<string>();
  readonly items = input<string>();
  readonly codes = input<string>();
  readonly minvalue = input<string>();
  readonly tenb51 = input<string>();
  readonly minstake = input<string>();

  protected readonly controller = inject(FeedController);
  protected readonly store = inject(FeedStore);
  protected readonly connection = inject(FeedConnection);
  protected readonly filterState = inject(FilterState);
  protected readonly watchlist = inject(Watchlist);
  protected readonly alerts = inject(Alerts);
  protected readonly theme = inject(ThemeService);
  protected readonly clock = inject(ClockService);

  protected readonly selectedId = signal<string | null>(null);
  protected readonly detailOpen = signal(false);
  protected readonly rows = this.controller.rows;
  /** `1 filing`, `3 filings`: the list's size beside the filters. */
  protected readonly rowCount = computed(() =>
    countLabel(this.rows().length, 'filing'),
  );
  protected readonly detailFiling = computed(() => {
    const id = this.selectedId();
    if (!this.detailOpen() || id === null) return null;
    return (
      this.store.entries().find((entry) => entry.filing.accessionNo === id)
        ?.filing ?? null
    );
  });
  protected readonly isWatched = computed(() => {
    this.watchlist.tickers();
    this.watchlist.ciks();
    return (entry: FeedEntry) => this.watchlist.matches(entry.filing);
  });

  /** Whether the filters hold insight filters a watchlist alert could be narrowed by. */
  protected readonly insightFiltersSet = computed(
    () => alertFiltersOf(this.filterState.filters()) !== null,
  );
  protected readonly describeAlert = describeAlertFilters;

  private readonly list = viewChild.required(FilingList);
  private readonly filterBar = viewChild.required(FilterBar);
  private readonly query = computed<Params>(() => ({
    tickers: this.tickers(),
    ciks: this.ciks(),
    forms: this.forms(),
    q: this.q(),
    from: this.from(),
    to: this.to(),
    amendments: this.amendments(),
    items: this.items(),
    codes: this.codes(),
    minvalue: this.minvalue(),
    tenb51: this.tenb51(),
    minstake: this.minstake(),
  }));

  constructor() {
    effect(() => {
      const query = this.query();
      untracked(() => this.filterState.applyQuery(query));
    });
    effect(() => {
      const short = this.rows().length < MIN_ROWS;
      if (short && this.controller.hasMore() && !this.controller.loading()) {
        untracked(() => this.controller.loadMore());
      }
    });
  }

  ngOnInit(): void {
    this.filterState.applyQuery(this.query());
    this.controller.start();
  }

  protected togglePause(): void {
    if (this.store.paused()) this.store.resume();
    else this.store.pause();
  }

  protected select(id: string): void {
    this.selectedId.set(id);
  }

  protected open(id: string): void {
    this.selectedId.set(id);
    this.detailOpen.set(true);
  }

  protected onKey(event: KeyboardEvent): void {
    const command = keyboardCommand(event);
    if (command === null) return;
    event.preventDefault();
    switch (command) {
      case 'next':
      case 'previous':
        return this.move(command === 'next' ? 1 : -1);
      case 'open':
        if (this.selectedId() !== null) this.detailOpen.set(true);
        return;
      case 'search':
        return this.filterBar().focusSearch();
      case 'close':
        (event.target as HTMLElement | null)?.blur?.();
        this.detailOpen.set(false);
        return;
    }
  }

  private move(step: number): void {
    const rows = this.rows();
    if (rows.length === 0) return;
    const current = rows.findIndex(
      (entry) => entry.filing.accessionNo === this.selectedId(),
    );
    const index =
      current === -1
        ? 0
        : Math.min(rows.length - 1, Math.max(0, current + step));
    this.selectedId.set(rows[index].filing.accessionNo);
    this.list().reveal(index);
    if (index >= rows.length - 5) this.controller.loadMore();
  }
}
