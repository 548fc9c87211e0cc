import type { Filing } from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';
import { lastValueFrom, Observable, of, throwError, toArray } from 'rxjs';
import type { WatermarkStore } from './watermark-store';
import type { SourceEvent } from '../source-event';
import type { AttemptOutcome } from './backfill-loop';
import { gapBackfill, type GapBackfillDeps } from './gap-backfill';
import { GapTracker } from './gap-tracker';
import type { FiledAtMark } from './newest-filed-at';
import { QueryApiError } from './query-api-error';

const mark = (filedAt: string): FiledAtMark => ({
  filedAt,
  ms: Date.parse(filedAt),
});
const EARLY = '2026-01-02T09:30:00-05:00';
const LATE = '2026-01-02T10:00:00-05:00';
const filingAt = (filedAt: string): Filing =>
  makeFiling({ source: 'sec-api', filedAt });

function memoryWatermark(initial?: string): WatermarkStore & {
  value?: FiledAtMark;
} {
  const store = {
    value: initial ? mark(initial) : undefined,
    read: () => Promise.resolve(store.value),
    advance: (next: FiledAtMark) => {
      const moved = !store.value || next.ms > store.value.ms;
      if (moved) store.value = next;
      return Promise.resolve(moved);
    },
  };
  return store;
}

function deps(overrides: Partial<GapBackfillDeps> = {}) {
  const froms: string[] = [];
  const covered: FiledAtMark[] = [];
  const resolved: GapBackfillDeps = {
    tracker: new GapTracker(),
    watermark: memoryWatermark(),
    lastFiledAt: () => of(undefined),
    settled: () => Promise.resolve(true),
    overlapMs: 0,
    onCovered: (m) => covered.push(m),
    apiKey: 'k-secret-1',
    backfill: (from) => {
      froms.push(from);
      return of([filingAt(LATE)], [filingAt('2026-01-02T10:00:07-05:00')]);
    },
    ...overrides,
  };
  return { deps: resolved, froms, covered };
}
const run = (d: GapBackfillDeps) =>
  lastValueFrom(gapBackfill(d).pipe(toArray()));
const kinds = (events: Array<SourceEvent | AttemptOutcome>) =>
  events.map((e) =>
    e.kind === 'state'
      ? e.upstream.state
      : e.kind === 'error'
        ? e.code
        : e.kind === 'attempt-end'
          ? e.outcome
          : e.kind,
  );

describe('gapBackfill (one attempt)', () => {
  it('with no watermark and nothing stored, asks nothing and covers from the first live filing', async () => {
    const { deps: d, froms } = deps();
    expect(kinds(await run(d))).toEqual(['covered']);
    expect(froms).toEqual([]);
    expect(d.tracker.covered).toBe(true);
  });

  it('covering from scratch hands on the newest live filing that came meanwhile, for the watermark', async () => {
    const { deps: d, covered } = deps();
    d.tracker.opened();
    d.tracker.live([filingAt(LATE)]);
    expect(kinds(await run(d))).toEqual(['covered']);
    expect(covered).toEqual([mark(LATE)]);
  });

  it('starts at the watermark minus the overlap, and moves it to the newest filing once they are published', async () => {
    const {
      deps: d,
      froms,
      covered,
    } = deps({
      watermark: memoryWatermark(LATE),
      overlapMs: 60_000,
    });
    const events = await run(d);
    expect(froms).toEqual(['2026-01-02T09:59:00-05:00']);
    expect(kinds(events)).toEqual([
      'watermark',
      'backfilling',
      'filings',
      'filings',
      'backfilled',
      'covered',
    ]);
    expect(events[4]).toEqual({
      kind: 'state',
      upstream: { state: 'backfilled', filings: 2 },
    });
    expect(covered).toEqual([mark('2026-01-02T10:00:07-05:00')]);
    expect(d.tracker.covered).toBe(true);
  });

  it('without a watermark, starts at the newest filing stored (lastFiledAt)', async () => {
    const { deps: d, froms } = deps({ lastFiledAt: () => of(EARLY) });
    await run(d);
    expect(froms).toEqual([EARLY]);
  });

  it('asks nothing until what was handed on before has left the publish queue', async () => {
    let release: (ok: boolean) => void = () => undefined;
    const { deps: d, froms } = deps({
      watermark: memoryWatermark(EARLY),
      settled: () => new Promise((resolve) => (release = resolve)),
    });
    const events: Array<SourceEvent | AttemptOutcome> = [];
    gapBackfill(d).subscribe((e) => events.push(e));
    await Promise.resolve();
    expect(froms).toEqual([]);
    release(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(froms).toEqual([EARLY]);
    // The pages were handed on; coverage waits for them to be published too.
    expect(kinds(events)).not.toContain('covered');
    release(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(kinds(events).at(-1)).toBe('covered');
  });

  it('stops, without asking, when the consumer is stopping', async () => {
    const { deps: d, froms } = deps({
      watermark: memoryWatermark(EARLY),
      settled: () => Promise.resolve(false),
    });
    expect(kinds(await run(d))).toEqual(['stopped']);
    expect(froms).toEqual([]);
  });

  it('turns a Query API failure into BACKFILL_FAILED (key scrubbed) and a failed outcome with its Retry-After; the next start is the last filing received', async () => {
    const { deps: d } = deps({
      watermark: memoryWatermark(EARLY),
      backfill: () =>
        new Observable<Filing[]>((subscriber) => {
          subscriber.next([filingAt(LATE)]);
          subscriber.error(
            new QueryApiError(
              'QUERY_API_HTTP_STATUS',
              'HTTP 429 for key k-secret-1',
              429,
              30_000,
            ),
          );
        }),
    });
    const events = await run(d);
    expect(kinds(events)).toEqual([
      'watermark',
      'backfilling',
      'filings',
      'BACKFILL_FAILED',
      'failed',
    ]);
    expect(events[3]).toMatchObject({
      message: 'gap backfill failed: HTTP 429 for key ***',
    });
    expect(events[4]).toEqual({
      kind: 'attempt-end',
      outcome: 'failed',
      retryAfterMs: 30_000,
    });
    expect(d.tracker.pending).toEqual({ mark: mark(LATE), exact: false });
  });

  it('at the offset cap reports BACKFILL_TRUNCATED and goes on (again) exactly from the last filing', async () => {
    const { deps: d } = deps({
      watermark: memoryWatermark(EARLY),
      overlapMs: 60_000,
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
          subscriber.next([filingAt(LATE)]);
          onCapReached(10_000);
          subscriber.complete();
        }),
    });
    expect(kinds(await run(d))).toEqual([
      'watermark',
      'backfilling',
      'rejects',
      'filings',
      'BACKFILL_TRUNCATED',
      'again',
    ]);
    expect(d.tracker.pending).toEqual({ mark: mark(LATE), exact: true });
    // The continuation needs no margin: it would return the same capped pages.
    const next = deps({
      tracker: d.tracker,
      watermark: memoryWatermark(EARLY),
      overlapMs: 60_000,
    });
    await run(next.deps);
    expect(next.froms).toEqual([LATE]);
  });

  it('does not cover when filings were dropped while it ran: again, from the oldest dropped', async () => {
    const tracker = new GapTracker();
    const { deps: d, covered } = deps({
      tracker,
      watermark: memoryWatermark(EARLY),
      backfill: () =>
        new Observable<Filing[]>((subscriber) => {
          subscriber.next([filingAt(LATE)]);
          tracker.dropped([filingAt('2026-01-02T09:45:00-05:00')]);
          subscriber.complete();
        }),
    });
    expect(kinds(await run(d)).at(-1)).toBe('again');
    expect(covered).toEqual([]);
    expect(tracker.covered).toBe(false);
    expect(tracker.pending?.mark).toEqual(mark('2026-01-02T09:45:00-05:00'));
  });

  it.each([
    [
      'the watermark cannot be read',
      {
        watermark: {
          read: () => Promise.reject(new Error('redis down')),
          advance: () => Promise.resolve(false),
        },
      },
    ],
    [
      'lastFiledAt gives a non-date',
      { lastFiledAt: () => Promise.resolve('yesterday') },
    ],
  ] as const)('reports BACKFILL_FAILED when %s', async (_what, override) => {
    const { deps: d, froms } = deps(override as Partial<GapBackfillDeps>);
    expect(kinds(await run(d))).toEqual(['BACKFILL_FAILED', 'failed']);
    expect(froms).toEqual([]);
  });

  it('stops the Query API paging on unsubscribe and keeps its progress', async () => {
    let unsubscribed = false;
    const { deps: d } = deps({
      watermark: memoryWatermark(EARLY),
      backfill: () =>
        new Observable<Filing[]>((subscriber) => {
          subscriber.next([filingAt(LATE)]);
          return () => (unsubscribed = true);
        }),
    });
    const subscription = gapBackfill(d).subscribe();
    await new Promise((resolve) => setImmediate(resolve));
    subscription.unsubscribe();
    expect(unsubscribed).toBe(true);
    expect(d.tracker.pending).toEqual({ mark: mark(LATE), exact: false });
  });

  it('never errors, even when the pages throw', async () => {
    const { deps: d } = deps({
      watermark: memoryWatermark(EARLY),
      backfill: () => throwError(() => new Error('boom')),
    });
    expect(kinds(await run(d)).slice(-2)).toEqual([
      'BACKFILL_FAILED',
      'failed',
    ]);
  });
});
