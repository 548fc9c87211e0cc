import { TestBed } from '@angular/core/testing';
import type { Filing } from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';
import { insightsOf } from '../shared/filing-insights-of';
import { CFO_SALE, DIRECTOR_BUY, RESULTS_8K } from '../test-support/insights';
import { FEED_LIMITS } from './feed-limits';
import { FeedStore } from './feed-store.service';

describe('FeedStore', () => {
  let store: FeedStore;
  const ids = () => store.entries().map((entry) => entry.filing.accessionNo);

  beforeEach(() => {
    store = TestBed.inject(FeedStore);
  });

  it('merges history pages and live filings into one list, newest first, without doubles', () => {
    const [a, b, c, d] = [1, 2, 3, 4].map((hour) =>
      makeFiling({ filedAt: `2025-01-02T1${hour}:00:00-05:00` }),
    );
    store.replaceHistory([c, b]);
    store.appendHistory([b, a]);
    expect(store.addLive(d, 1000)).toBe(true);
    expect(store.addLive(c, 1000)).toBe(false);
    expect(ids()).toEqual([d, c, b, a].map((f) => f.accessionNo));
    expect(store.entries()[0].liveAt).toBe(1000);
  });

  it('keeps rows that arrived live when history is reloaded', () => {
    const live = makeFiling();
    const old = makeFiling();
    const fresh = makeFiling();
    store.replaceHistory([old]);
    store.addLive(live);
    store.replaceHistory([fresh]);
    expect(ids().sort()).toEqual([live.accessionNo, fresh.accessionNo].sort());
  });

  it('freezes the list while paused, counts what waits, and applies it on resume', () => {
    store.replaceHistory([makeFiling()]);
    store.pause();
    const first = makeFiling();
    const second = makeFiling();
    store.addLive(first);
    store.addLive(second);
    store.addLive(first);
    expect(store.entries()).toHaveLength(1);
    expect(store.pendingCount()).toBe(2);

    store.resume(5000);
    expect(store.paused()).toBe(false);
    expect(store.pendingCount()).toBe(0);
    expect(ids().slice(0, 2)).toEqual([second.accessionNo, first.accessionNo]);
    expect(store.entries()[0].liveAt).toBe(5000);
  });

  describe('bounded for a page kept open for days (maxRows 50)', () => {
    const MAX = 50;
    /** `n` filings, each filed a second after the one before (makeFiling's clock). */
    const series = (n: number): Filing[] =>
      Array.from({ length: n }, () => makeFiling());
    /** Accession numbers the store holds for its duplicate check (its only per-filing set). */
    const knownSize = () =>
      (store as unknown as { known: ReadonlySet<string> }).known.size;

    beforeEach(() => {
      TestBed.resetTestingModule();
      TestBed.configureTestingModule({
        providers: [{ provide: FEED_LIMITS, useValue: { maxRows: MAX } }],
      });
      store = TestBed.inject(FeedStore);
    });

    it('keeps the newest maxRows rows through a long live run, and forgets the rest', () => {
      const day = series(5000);
      store.replaceHistory(day.slice(0, 100).reverse());
      for (const filing of day.slice(100))
        expect(store.addLive(filing)).toBe(true);
      expect(ids()).toEqual(
        day
          .slice(-MAX)
          .reverse()
          .map((f) => f.accessionNo),
      );
      expect(knownSize()).toBe(MAX);
      expect(store.truncated()).toBe(true);
      // A dropped filing delivered again is older than every row: it does not come back.
      store.addLive(day[0]);
      expect(store.entries()).toHaveLength(MAX);
      expect(ids()).not.toContain(day[0].accessionNo);
    });

    it('while paused, keeps the newest maxRows waiting but counts every arrival', () => {
      const day = series(3 * MAX);
      store.replaceHistory(day.slice(0, 10).reverse());
      store.pause();
      for (const filing of day.slice(10)) store.addLive(filing);
      expect(store.pendingCount()).toBe(3 * MAX - 10);
      expect(store.pending()).toHaveLength(MAX);
      expect(knownSize()).toBe(10 + MAX);
      expect(store.entries()).toHaveLength(10);

      store.resume();
      expect(ids()).toEqual(
        day
          .slice(-MAX)
          .reverse()
          .map((f) => f.accessionNo),
      );
      expect(knownSize()).toBe(MAX);
      expect(store.pendingCount()).toBe(0);
    });

    it('cuts an older page that would pass the bound, and says so until history is replaced', () => {
      const day = series(MAX + 20);
      store.replaceHistory(day.slice(40).reverse());
      expect(store.truncated()).toBe(false);
      store.appendHistory(day.slice(0, 40).reverse());
      expect(store.entries()).toHaveLength(MAX);
      expect(ids().at(-1)).toBe(day[20].accessionNo);
      expect(store.truncated()).toBe(true);
      store.replaceHistory(day.slice(-10).reverse());
      expect(store.truncated()).toBe(false);
    });
  });

  describe('applyInsights', () => {
    it('fills a row in where it is, keeping its place and its live mark', () => {
      const [older, newer] = [1, 2].map((hour) =>
        makeFiling({ filedAt: `2025-01-02T1${hour}:00:00-05:00` }),
      );
      store.replaceHistory([older]);
      store.addLive(newer, 500);
      const result = store.applyInsights(newer.accessionNo, CFO_SALE, null);
      expect(result?.added).toBe(false);
      expect(result && insightsOf(result.filing)).toEqual(CFO_SALE);
      expect(ids()).toEqual([newer.accessionNo, older.accessionNo]);
      expect(store.entries()[0].liveAt).toBe(500);
      expect(insightsOf(store.entries()[0].filing)).toEqual(CFO_SALE);
      expect(insightsOf(store.entries()[1].filing)).toBeNull();
    });

    it('adds a filing only an insights message brought, once', () => {
      const filing = makeFiling();
      const first = store.applyInsights(
        filing.accessionNo,
        DIRECTOR_BUY,
        filing,
        700,
      );
      expect(first?.added).toBe(true);
      expect(ids()).toEqual([filing.accessionNo]);
      expect(store.entries()[0].liveAt).toBe(700);
      expect(insightsOf(store.entries()[0].filing)).toEqual(DIRECTOR_BUY);
      expect(
        store.applyInsights(filing.accessionNo, CFO_SALE, filing)?.added,
      ).toBe(false);
      expect(ids()).toHaveLength(1);
      expect(insightsOf(store.entries()[0].filing)).toEqual(CFO_SALE);
    });

    it('ignores insights of a filing it neither shows nor was given', () => {
      expect(
        store.applyInsights(makeFiling().accessionNo, CFO_SALE, null),
      ).toBeNull();
      expect(ids()).toEqual([]);
    });

    it('fills in a filing queued while paused', () => {
      store.pause();
      const filing = makeFiling();
      store.addLive(filing);
      store.applyInsights(filing.accessionNo, RESULTS_8K, null);
      store.resume();
      expect(insightsOf(store.entries()[0].filing)).toEqual(RESULTS_8K);
    });
  });
});
