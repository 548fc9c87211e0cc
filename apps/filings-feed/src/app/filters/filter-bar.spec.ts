import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { EMPTY_FILTERS, type FeedFilters } from './feed-filters';
import { FilterBar } from './filter-bar';

describe('FilterBar', () => {
  let fixture: ComponentFixture<FilterBar>;
  let emitted: FeedFilters[];
  const q = <T extends HTMLElement>(id: string) =>
    (fixture.nativeElement as HTMLElement).querySelector<T>(
      `[data-testid="${id}"]`,
    ) as T;

  async function render(filters: FeedFilters = EMPTY_FILTERS) {
    fixture = TestBed.createComponent(FilterBar);
    fixture.componentRef.setInput('filters', filters);
    emitted = [];
    fixture.componentInstance.filtersChange.subscribe((f) => emitted.push(f));
    await fixture.whenStable();
  }

  it('adds ticker chips on Enter, upper-cased and without repeats, and removes them', async () => {
    await render({ ...EMPTY_FILTERS, tickers: ['AAPL'] });
    const input = q<HTMLInputElement>('filter-tickers');
    input.value = 'msft, aapl';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(emitted.at(-1)?.tickers).toEqual(['AAPL', 'MSFT']);
    expect(input.value).toBe('');
    q<HTMLElement>('filter-chip').querySelector('button')?.click();
    expect(emitted.at(-1)?.tickers).toEqual([]);
  });

  it('selects a whole form group or single forms', async () => {
    await render();
    q<HTMLInputElement>('form-group-insider').click();
    expect(emitted.at(-1)?.formTypes).toEqual(['3', '4', '5']);
    fixture.componentRef.setInput('filters', emitted.at(-1));
    await fixture.whenStable();
    expect(q<HTMLInputElement>('form-4').checked).toBe(true);
    q<HTMLInputElement>('form-4').click();
    expect(emitted.at(-1)?.formTypes).toEqual(['3', '5']);
  });

  it('keeps only valid CIKs without leading zeros, and sets dates and amendments', async () => {
    await render();
    const cik = q<HTMLInputElement>('filter-cik');
    cik.value = '0000320193, abc';
    cik.dispatchEvent(new Event('change'));
    expect(emitted.at(-1)?.ciks).toEqual(['320193']);
    const from = q<HTMLInputElement>('filter-from');
    from.value = '2025-01-02';
    from.dispatchEvent(new Event('change'));
    expect(emitted.at(-1)?.from).toBe('2025-01-02');
    q<HTMLInputElement>('filter-amendments').click();
    expect(emitted.at(-1)?.includeAmendments).toBe(false);
  });

  it('offers Clear only when something is filtered', async () => {
    await render();
    expect(q('filter-clear')).toBeNull();
    fixture.componentRef.setInput('filters', { ...EMPTY_FILTERS, q: 'apple' });
    await fixture.whenStable();
    q<HTMLElement>('filter-clear').click();
    expect(emitted.at(-1)).toEqual(EMPTY_FILTERS);
  });

  it('sets the insight filters, keeping only values the gateway takes', async () => {
    await render();
    const set = (id: string, value: string) => {
      const input = q<HTMLInputElement | HTMLSelectElement>(id);
      input.value = value;
      input.dispatchEvent(new Event('change'));
    };
    set('filter-items', '2.02, 2.2 9.01');
    expect(emitted.at(-1)?.items).toEqual(['2.02', '9.01']);
    set('filter-codes', 'p,s b');
    expect(emitted.at(-1)?.transactionCodes).toEqual(['P', 'S']);
    set('filter-min-value', '100000');
    expect(emitted.at(-1)?.minTransactionValue).toBe(100_000);
    set('filter-min-value', '-3');
    expect(emitted.at(-1)?.minTransactionValue).toBeNull();
    set('filter-tenb51', '0');
    expect(emitted.at(-1)?.tenb51).toBe(false);
    set('filter-tenb51', '');
    expect(emitted.at(-1)?.tenb51).toBeNull();
    set('filter-min-stake', '9.8');
    expect(emitted.at(-1)?.minStakePercent).toBe(9.8);
  });

  it('shows the insight filters it is given', async () => {
    await render({
      ...EMPTY_FILTERS,
      transactionCodes: ['P'],
      minTransactionValue: 100_000,
      tenb51: true,
    });
    expect(q<HTMLInputElement>('filter-codes').value).toBe('P');
    expect(q<HTMLInputElement>('filter-min-value').value).toBe('100000');
    expect(q<HTMLSelectElement>('filter-tenb51').value).toBe('1');
    expect(q('filter-clear')).not.toBeNull();
  });
});
