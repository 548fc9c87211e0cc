import { TestBed } from '@angular/core/testing';
import { makeFiling } from '@secfeed/filing-model/testing';
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
});
