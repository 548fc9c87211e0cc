import { makeFiling } from '@secfeed/filing-model/testing';
import { lastValueFrom, Observable, of, throwError, toArray } from 'rxjs';
import type { SourceEvent } from '../source-event';
import { gapBackfill, type GapBackfillDeps } from './gap-backfill';
import type { FiledAtMark } from './newest-filed-at';

const mark = (filedAt: string): FiledAtMark => ({
  filedAt,
  ms: Date.parse(filedAt),
});
const EARLY = '2025-01-02T09:30:00-05:00';
const LATE = '2025-01-02T10:00:00-05:00';

function deps(overrides: Partial<GapBackfillDeps> = {}) {
  const froms: string[] = [];
  const resolved: GapBackfillDeps = {
    newestSeen: () => undefined,
    lastFiledAt: () => of(undefined),
    apiKey: 'k-secret-1',
    backfill: (from) => {
      froms.push(from);
      return of(
        [makeFiling({ source: 'sec-api' })],
        [makeFiling({ source: 'sec-api' })],
      );
    },
    ...overrides,
  };
  return { deps: resolved, froms };
}
const run = (d: GapBackfillDeps) =>
  lastValueFrom(gapBackfill(d).pipe(toArray()));
const kinds = (events: SourceEvent[]) =>
  events.map((e) =>
    e.kind === 'state'
      ? e.upstream.state
      : e.kind === 'error'
        ? e.code
        : e.kind,
  );

describe('gapBackfill', () => {
  it('does nothing when no filedAt is known', async () => {
    const { deps: d, froms } = deps();
    expect(await run(d)).toEqual([]);
    expect(froms).toEqual([]);
  });

  it.each([
    ['seen', mark(LATE), EARLY],
    ['stored', mark(EARLY), LATE],
  ])(
    'starts from the newer of seen and stored (%s wins)',
    async (_winner, seen, stored) => {
      const { deps: d, froms } = deps({
        newestSeen: () => seen,
        lastFiledAt: () => Promise.resolve(stored),
      });
      const events = await run(d);
      expect(froms).toEqual([LATE]);
      expect(kinds(events)).toEqual([
        'backfilling',
        'filings',
        'filings',
        'backfilled',
      ]);
      expect(events[0]).toEqual({
        kind: 'state',
        upstream: { state: 'backfilling', from: LATE },
      });
      expect(events[3]).toEqual({
        kind: 'state',
        upstream: { state: 'backfilled', filings: 2 },
      });
    },
  );

  it('reports invalid elements as rejects and the offset cap as BACKFILL_TRUNCATED', async () => {
    const { deps: d } = deps({
      newestSeen: () => mark(EARLY),
      backfill: (_from, onRejects, onCapReached) =>
        new Observable((subscriber) => {
          onRejects([
            {
              code: 'ELEMENT_INVALID',
              source: 'sec-api',
              raw: {},
              reasons: [],
            },
          ]);
          subscriber.next([makeFiling()]);
          onCapReached(10_000);
          subscriber.complete();
        }),
    });
    const events = await run(d);
    expect(kinds(events)).toEqual([
      'backfilling',
      'rejects',
      'filings',
      'BACKFILL_TRUNCATED',
      'backfilled',
    ]);
  });

  it('turns a Query API failure into BACKFILL_FAILED with the key scrubbed, and completes', async () => {
    const { deps: d } = deps({
      newestSeen: () => mark(EARLY),
      backfill: () =>
        throwError(() => new Error('HTTP 401 for key k-secret-1')),
    });
    const events = await run(d);
    expect(kinds(events)).toEqual(['backfilling', 'BACKFILL_FAILED']);
    expect(events[1]).toEqual({
      kind: 'error',
      code: 'BACKFILL_FAILED',
      message: 'gap backfill failed: HTTP 401 for key ***',
    });
  });

  it.each([
    ['rejects', () => Promise.reject(new Error('redis down'))],
    ['gives a non-date', () => Promise.resolve('yesterday')],
  ])(
    'reports BACKFILL_FAILED when lastFiledAt %s',
    async (_what, lastFiledAt) => {
      const { deps: d, froms } = deps({
        lastFiledAt,
        newestSeen: () => mark(EARLY),
      });
      expect(kinds(await run(d))).toEqual(['BACKFILL_FAILED']);
      expect(froms).toEqual([]);
    },
  );

  it('stops the Query API paging on unsubscribe', () => {
    let unsubscribed = false;
    const { deps: d } = deps({
      newestSeen: () => mark(EARLY),
      backfill: () => new Observable<never>(() => () => (unsubscribed = true)),
    });
    gapBackfill(d).subscribe().unsubscribe();
    expect(unsubscribed).toBe(true);
  });
});
