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
  validNumber,
  validValues,
  type FeedFilters,
} from './feed-filters';
import { FormTypePicker } from './form-type-picker';
import { TickerChips } from './ticker-chips';

/**
 * Every filter in one bar; each change is emitted as the whole new filter state. With
 * `scope="rule"` (the alert rule form) it shows only what a subscription filters on: no company
 * search and no dates.
 */
@Component({
  selector: 'sf-filter-bar',
  imports: [TickerChips, FormTypePicker],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'filter-bar', role: 'search' },
  template: `
    @if (scope() === 'feed') {
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
    }
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
    @if (scope() === 'feed') {
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
    }
    <label class="field field--inline">
      <input
        type="checkbox"
        data-testid="filter-amendments"
        [checked]="filters().includeAmendments"
        (change)="patch({ includeAmendments: $any($event.target).checked })"
      />
      Amendments
    </label>
    <label class="field">
      <span class="field__label">8-K items</span>
      <input
        data-testid="filter-items"
        placeholder="2.02, 5.02"
        size="10"
        [value]="filters().items.join(', ')"
        (change)="setItems($any($event.target).value)"
      />
    </label>
    <label class="field">
      <span class="field__label">Insider codes</span>
      <input
        data-testid="filter-codes"
        placeholder="P, S"
        size="6"
        title="Form 4 transaction codes: P purchase, S sale, A grant, M exercise, F tax, G gift"
        [value]="filters().transactionCodes.join(', ')"
        (change)="setCodes($any($event.target).value)"
      />
    </label>
    <label class="field">
      <span class="field__label">Min $ value</span>
      <input
        type="number"
        min="0"
        step="any"
        data-testid="filter-min-value"
        placeholder="100000"
        size="9"
        [value]="filters().minTransactionValue ?? ''"
        (change)="setMinValue($any($event.target).value)"
      />
    </label>
    <label class="field">
      <span class="field__label">10b5-1</span>
      <select
        data-testid="filter-tenb51"
        [value]="tenb51Choice()"
        (change)="setTenb51($any($event.target).value)"
      >
        <option value="">Any</option>
        <option value="1">Plan only</option>
        <option value="0">No plan</option>
      </select>
    </label>
    <label class="field">
      <span class="field__label">Min stake %</span>
      <input
        type="number"
        min="0"
        max="100"
        step="any"
        data-testid="filter-min-stake"
        placeholder="5"
        size="5"
        [value]="filters().minStakePercent ?? ''"
        (change)="setMinStake($any($event.target).value)"
      />
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
  /** `feed`: every filter; `rule`: the server-side ones only (tickers, CIKs, forms, insights). */
  readonly scope = input<'feed' | 'rule'>('feed');
  readonly filtersChange = output<FeedFilters>();

  protected readonly empty = EMPTY_FILTERS;
  private readonly search = viewChild<ElementRef<HTMLInputElement>>('search');

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

  protected tenb51Choice(): string {
    const tenb51 = this.filters().tenb51;
    return tenb51 === null ? '' : tenb51 ? '1' : '0';
  }

  protected setItems(text: string): void {
    this.patch({ items: validValues('item', text.split(/[\s,]+/)) });
  }

  protected setCodes(text: string): void {
    this.patch({
      transactionCodes: validValues('transactionCode', text.split(/[\s,]+/)),
    });
  }

  protected setMinValue(text: string): void {
    this.patch({
      minTransactionValue: validNumber('minTransactionValue', text),
    });
  }

  protected setTenb51(choice: string): void {
    this.patch({ tenb51: choice === '' ? null : choice === '1' });
  }

  protected setMinStake(text: string): void {
    this.patch({ minStakePercent: validNumber('minStakePercent', text) });
  }

  /** Puts the cursor in the company search (the `/` shortcut). */
  focusSearch(): void {
    this.search()?.nativeElement.focus();
    this.search()?.nativeElement.select();
  }
}
