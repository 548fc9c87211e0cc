import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { formatEastern, relativeAge } from '../shared/eastern-time';
import { filingSummary } from '../shared/filing-summary';
import { NEW_MARK_MS, type FeedEntry } from './feed-entry';
import { formGroupOf } from './form-group-of';

/** Height of one row in px; the virtual scroll relies on every row having it. */
export const ROW_HEIGHT = 56;

/**
 * One filing in the list: time (Eastern) and age, form badge, ticker with its exchange beneath
 * (when known), company, items, links.
 */
@Component({
  selector: 'sf-filing-row',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'option',
    class: 'filing-row',
    'data-testid': 'filing-row',
    '[attr.data-accession]': 'filing().accessionNo',
    '[attr.aria-selected]': 'selected()',
    '[class.filing-row--selected]': 'selected()',
    '[class.filing-row--new]': 'isNew()',
    '[class.filing-row--watched]': 'watched()',
  },
  template: `
    <time
      class="filing-row__time"
      [attr.datetime]="filing().filedAt"
      [title]="filing().filedAt"
    >
      <span class="filing-row__eastern">{{ eastern() }}</span>
      <span class="filing-row__age">{{ age() }}</span>
    </time>
    <span class="badge" [attr.data-group]="group()" data-testid="form-badge">{{
      filing().formType
    }}</span>
    <span class="filing-row__listing">
      <span class="filing-row__ticker" data-testid="row-ticker">{{
        filing().ticker || '—'
      }}</span>
      @if (filing().exchange; as exchange) {
        <span
          class="filing-row__exchange"
          data-testid="row-exchange"
          [title]="'Listed on ' + exchange"
          >{{ exchange }}</span
        >
      }
    </span>
    <span class="filing-row__main">
      <span class="filing-row__company">{{ filing().companyName }}</span>
      <span class="filing-row__desc" data-testid="row-summary">{{
        summary()
      }}</span>
    </span>
    @if (isNew()) {
      <span class="filing-row__new" data-testid="new-mark">new</span>
    }
    <span class="filing-row__links">
      @if (filing().linkToHtml; as index) {
        <a
          [href]="index"
          target="_blank"
          rel="noopener noreferrer"
          data-testid="link-index"
          (click)="$event.stopPropagation()"
          >Index</a
        >
      }
      @if (filing().linkToFilingDetails; as doc) {
        <a
          [href]="doc"
          target="_blank"
          rel="noopener noreferrer"
          data-testid="link-document"
          (click)="$event.stopPropagation()"
          >Document</a
        >
      }
    </span>
  `,
})
export class FilingRow {
  readonly entry = input.required<FeedEntry>();
  /** Epoch ms from the shared clock, for the age and the fading "new" mark. */
  readonly now = input.required<number>();
  readonly selected = input(false);
  readonly watched = input(false);

  protected readonly filing = computed(() => this.entry().filing);
  protected readonly eastern = computed(() =>
    formatEastern(this.filing().filedAtMs),
  );
  protected readonly age = computed(() =>
    relativeAge(this.filing().filedAtMs, this.now()),
  );
  protected readonly group = computed(() =>
    formGroupOf(this.filing().formType),
  );
  protected readonly isNew = computed(() => {
    const liveAt = this.entry().liveAt;
    return liveAt !== null && this.now() - liveAt < NEW_MARK_MS;
  });
  /** What the filing says once its insights arrive, else its 8-K items, else the description. */
  protected readonly summary = computed(() => filingSummary(this.filing()));
}
