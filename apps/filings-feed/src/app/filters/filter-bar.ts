import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  input,
  output,
  viewChild,
} from '@angular/core';
import {
  EMPTY_FILTERS,
  cleanCik,
  hasFilters,
  type FeedFilters,
} from './feed-filters';
import { FormTypePicker } from './form-type-picker';
import { TickerChips } from './ticker-chips';

/** Every filter in one bar; each change is emitted as the whole new filter state. */
@Component({
  selector: 'sf-filter-bar',
  imports: [TickerChips, FormTypePicker],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'filter-bar', role: 'search' },
  template: `
    <label class="field field--grow">
      <span class="field__label">Company</span>
      <input
        #search
        type="search"
        data-testid="filter-search"
        placeholder="Search company  ( / )"
        [value]="filters().q"
        (input)="patch({ q: $any($event.target).value })"
      />
    </label>
    <div class="field">
      <span class="field__label">Tickers</span>
      <sf-ticker-chips
        [values]="filters().tickers"
        (valuesChange)="patch({ tickers: $event })"
      />
    </div>
    <div class="field">
      <span class="field__label">Forms</span>
      <sf-form-type-picker
        [selected]="filters().formTypes"
        (selectedChange)="patch({ formTypes: $event })"
      />
    </div>
    <label class="field">
      <span class="field__label">CIK</span>
      <input
        data-testid="filter-cik"
        inputmode="numeric"
        placeholder="320193"
        size="10"
        [value]="filters().ciks.join(', ')"
        (change)="setCiks($any($event.target).value)"
      />
    </label>
    <label class="field">
      <span class="field__label">From</span>
      <input
        type="date"
        data-testid="filter-from"
        [value]="filters().from"
        (change)="patch({ from: $any($event.target).value })"
      />
    </label>
    <label class="field">
      <span class="field__label">To</span>
      <input
        type="date"
        data-testid="filter-to"
        [value]="filters().to"
        (change)="patch({ to: $any($event.target).value })"
      />
    </label>
    <label class="field field--inline">
      <input
        type="checkbox"
        data-testid="filter-amendments"
        [checked]="filters().includeAmendments"
        (change)="patch({ includeAmendments: $any($event.target).checked })"
      />
      Amendments
    </label>
    @if (active()) {
      <button
        type="button"
        class="link-button"
        data-testid="filter-clear"
        (click)="filtersChange.emit(empty)"
      >
        Clear
      </button>
    }
  `,
})
export class FilterBar {
  readonly filters = input.required<FeedFilters>();
  readonly filtersChange = output<FeedFilters>();

  protected readonly empty = EMPTY_FILTERS;
  private readonly search =
    viewChild.required<ElementRef<HTMLInputElement>>('search');

  protected active(): boolean {
    return hasFilters(this.filters());
  }

  protected patch(change: Partial<FeedFilters>): void {
    this.filtersChange.emit({ ...this.filters(), ...change });
  }

  protected setCiks(text: string): void {
    const ciks = [
      ...new Set(
        text
          .split(/[\s,]+/)
          .map(cleanCik)
          .filter(Boolean),
      ),
    ];
    this.patch({ ciks });
  }

  /** Puts the cursor in the company search (the `/` shortcut). */
  focusSearch(): void {
    this.search().nativeElement.focus();
    this.search().nativeElement.select();
  }
}
