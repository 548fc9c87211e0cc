import { makeFiling } from '@secfeed/filing-model/testing';
import type { FeedEntry } from './feed-entry';
import { insertEntry, mergeEntries } from './merge-entries';

const at = (filedAt: string, accessionNo?: string) =>
  makeFiling({ filedAt, ...(accessionNo ? { accessionNo } : {}) });
const history = (...filings: ReturnType<typeof at>[]): FeedEntry[] =>
  filings.map((filing) => ({ filing, liveAt: null }));
const ids = (entries: FeedEntry[]) =>
  entries.map((entry) => entry.filing.accessionNo);

describe('mergeEntries', () => {
  const nine = at('2025-01-02T09:00:00-05:00');
  const ten = at('2025-01-02T10:00:00-05:00');
  const eleven = at('2025-01-02T11:00:00-05:00');

  it('orders newest first by filedAt whatever the arrival order', () => {
    expect(ids(mergeEntries(history(eleven, nine), history(ten)))).toEqual(
      ids(history(eleven, ten, nine)),
    );
  });

  it('compares instants, not strings, across UTC offsets', () => {
    const utc = at('2025-01-02T15:30:00Z'); // 10:30 Eastern
    expect(ids(mergeEntries(history(eleven, ten), history(utc)))).toEqual(
      ids(history(eleven, utc, ten)),
    );
  });

  it('keeps one row per accession number, the one already shown (with its live mark)', () => {
    const live: FeedEntry = { filing: ten, liveAt: 5 };
    const merged = mergeEntries(
      [live],
      history(ten, { ...ten } as typeof ten, nine),
    );
    expect(ids(merged)).toEqual([ten.accessionNo, nine.accessionNo]);
    expect(merged[0].liveAt).toBe(5);
  });

  it('breaks ties in filedAt by accession number, newest first', () => {
    const a = at('2025-01-02T10:00:00-05:00', '0000000001-25-000001');
    const b = at('2025-01-02T10:00:00-05:00', '0000000001-25-000002');
    expect(ids(mergeEntries(history(a), history(b)))).toEqual([
      b.accessionNo,
      a.accessionNo,
    ]);
  });

  it('does not mutate the current list', () => {
    const current = history(ten);
    mergeEntries(current, history(eleven));
    expect(ids(current)).toEqual([ten.accessionNo]);
  });
});

describe('insertEntry', () => {
  const live = (filedAt: string) => ({ filing: at(filedAt), liveAt: 1 });
  const list = history(
    at('2025-01-02T11:00:00-05:00'),
    at('2025-01-02T10:00:00-05:00'),
    at('2025-01-02T09:00:00-05:00'),
  );

  it('puts the newest filing first without touching the list it was given', () => {
    const newest = live('2025-01-02T12:00:00-05:00');
    const result = insertEntry(list, newest);
    expect(ids(result)).toEqual([newest.filing.accessionNo, ...ids(list)]);
    expect(list).toHaveLength(3);
  });

  it('puts a late filing in its place by filedAt, and one older than all at the end', () => {
    const late = live('2025-01-02T09:30:00-05:00');
    const oldest = live('2025-01-02T08:00:00-05:00');
    expect(ids(insertEntry(list, late))).toEqual([
      ...ids(list).slice(0, 2),
      late.filing.accessionNo,
      ids(list)[2],
    ]);
    expect(ids(insertEntry(list, oldest))).toEqual([
      ...ids(list),
      oldest.filing.accessionNo,
    ]);
  });

  it('agrees with mergeEntries', () => {
    const late = live('2025-01-02T10:30:00-05:00');
    expect(ids(insertEntry(list, late))).toEqual(
      ids(mergeEntries(list, [late])),
    );
  });
});
