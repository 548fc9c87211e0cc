import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import {
  BROWSER_STORAGE,
  type KeyValueStorage,
} from '../shared/browser-storage';
import { FILTERS_STORAGE_KEY, FilterState } from './filter-state.service';

describe('FilterState', () => {
  let memory: Map<string, string>;
  let state: FilterState;
  let router: Router;

  beforeEach(() => {
    memory = new Map();
    const storage: KeyValueStorage = {
      getItem: (key) => memory.get(key) ?? null,
      setItem: (key, value) => void memory.set(key, value),
    };
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: BROWSER_STORAGE, useValue: storage },
      ],
    });
    state = TestBed.inject(FilterState);
    router = TestBed.inject(Router);
  });

  it('takes the filters from the URL and remembers them', () => {
    state.applyQuery({ tickers: 'AAPL', forms: '4' });
    expect(state.filters().tickers).toEqual(['AAPL']);
    expect(state.filters().formTypes).toEqual(['4']);
    expect(JSON.parse(memory.get(FILTERS_STORAGE_KEY) ?? '{}')).toEqual({
      tickers: 'AAPL',
      forms: '4',
    });
  });

  it('restores remembered filters on a visit whose URL has none, and puts them in the URL', async () => {
    memory.set(
      FILTERS_STORAGE_KEY,
      JSON.stringify({ tickers: 'MSFT', amendments: '0' }),
    );
    state.applyQuery({});
    expect(state.filters().tickers).toEqual(['MSFT']);
    expect(state.filters().includeAmendments).toBe(false);
    await new Promise((resolve) => setTimeout(resolve));
    expect(router.url).toBe('/?tickers=MSFT&amendments=0');
  });

  it('prefers the URL over what was remembered', () => {
    memory.set(FILTERS_STORAGE_KEY, JSON.stringify({ tickers: 'MSFT' }));
    state.applyQuery({ tickers: 'AAPL' });
    expect(state.filters().tickers).toEqual(['AAPL']);
  });

  it('writes changes to the URL query so the view can be shared', async () => {
    state.applyQuery({});
    state.patch({ ciks: ['320193'], q: 'apple' });
    await new Promise((resolve) => setTimeout(resolve));
    expect(router.url).toBe('/?ciks=320193&q=apple');
    state.patch({ ciks: [], q: '' });
    await new Promise((resolve) => setTimeout(resolve));
    expect(router.url).toBe('/');
  });
});
