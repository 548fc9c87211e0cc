import { toFiling, type Filing } from '@secfeed/filing-model';
import { makeRawFiling } from '@secfeed/filing-model/testing';
import { findDataFile } from '@secfeed/service-runtime';
import {
  lastValueFrom,
  of,
  throwError,
  toArray,
  VirtualTimeScheduler,
} from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { SourceEvent } from '../source-event';
import { loadReplayLines } from './load-replay-lines';
import { replaySource } from './replay-source';
import type { ReplaySourceOptions } from './replay-source-options';

const REAL_DAY = findDataFile('replay/edgar-2020-01-03.jsonl.gz', __dirname);
const WALL = Date.parse('2026-11-24T14:15:00Z'); // 09:15:00 in New York

const raw = (filedAt: string) =>
  makeRawFiling({ filedAt }) as unknown as Record<string, unknown>;
// A tiny day: two filings at 16:00:00, one at 16:01:00, one at 16:10:00.
const day = [
  raw('2020-01-03T16:00:00-05:00'),
  raw('2020-01-03T16:00:00-05:00'),
  raw('2020-01-03T16:01:00-05:00'),
  raw('2020-01-03T16:10:00-05:00'),
];
const lines = day.map((f) => JSON.stringify(f));

/** What the source must emit for `raws` at `virtualMs`: rebased filedAt, replay source. */
function filingsAt(
  virtualMs: number,
  ...raws: Record<string, unknown>[]
): SourceEvent {
  const wall = new Date(WALL + virtualMs);
  const filedAt = `2026-11-24T09:${String(15 + Math.floor(virtualMs / 60_000)).padStart(2, '0')}:${String(Math.floor(virtualMs / 1000) % 60).padStart(2, '0')}-05:00`;
  const filings = raws.map((r) => {
    const result = toFiling(
      { ...r, filedAt },
      { source: 'replay', receivedAt: wall.toISOString() },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.reasons));
    return result.filing;
  });
  return { kind: 'filings', filings };
}
const finished: SourceEvent = {
  kind: 'state',
  upstream: { state: 'finished' },
};

describe('replaySource', () => {
  let scheduler: TestScheduler;
  beforeEach(
    () =>
      (scheduler = new TestScheduler((actual, expected) =>
        expect(actual).toEqual(expected),
      )),
  );
  const replay = (
    options: ReplaySourceOptions = {},
    dayLines: readonly string[] = lines,
  ) =>
    replaySource({
      file: 'in-memory',
      loader: () => of(dayLines),
      scheduler,
      now: () => WALL + scheduler.now(),
      ...options,
    });

  it('keeps the day spacing divided by speed, batches filings due together, and rebases filedAt to the emission time', () => {
    scheduler.run(({ expectObservable }) => {
      expectObservable(replay({ speed: 60 })).toBe('a 999ms b 8999ms (cd|)', {
        a: filingsAt(0, day[0], day[1]),
        b: filingsAt(1000, day[2]),
        c: filingsAt(10_000, day[3]),
        d: finished,
      });
    });
  });

  it('keeps the real accession numbers and links, and writes filedAt in New York time', () => {
    scheduler.run(({ expectObservable }) => {
      const first = replay({ speed: 60 });
      expectObservable(first).toBe('a 999ms b 8999ms (cd|)', {
        a: {
          kind: 'filings',
          filings: [
            expect.objectContaining({
              accessionNo: day[0]['accessionNo'],
              linkToHtml: day[0]['linkToHtml'],
              filedAt: '2026-11-24T09:15:00-05:00',
              filedAtMs: WALL,
              receivedAt: '2026-11-24T14:15:00.000Z',
              source: 'replay',
            }),
            expect.objectContaining({ accessionNo: day[1]['accessionNo'] }),
          ],
        },
        b: {
          kind: 'filings',
          filings: [
            expect.objectContaining({ filedAt: '2026-11-24T09:15:01-05:00' }),
          ],
        },
        c: {
          kind: 'filings',
          filings: [
            expect.objectContaining({ filedAt: '2026-11-24T09:15:10-05:00' }),
          ],
        },
        d: finished,
      });
    });
  });

  it('starts at startIndex, timing from that filing, at any speed', () => {
    scheduler.run(({ expectObservable }) => {
      // 16:01 -> 16:10 is 540 s; at speed 120 that is 4.5 s.
      expectObservable(replay({ speed: 120, startIndex: 2 })).toBe(
        'a 4499ms (bc|)',
        {
          a: filingsAt(0, day[2]),
          b: filingsAt(4500, day[3]),
          c: finished,
        },
      );
    });
  });

  it('loops from line 0, 1000 / speed ms after the last filing, when asked', () => {
    const twoLines = [
      raw('2020-01-03T16:00:00-05:00'),
      raw('2020-01-03T16:00:01-05:00'),
    ];
    scheduler.run(({ expectObservable }) => {
      const looping = replay(
        { speed: 1, loop: true, startIndex: 1 },
        twoLines.map((f) => JSON.stringify(f)),
      );
      // Lap 1 is line 1 only (at 0); lap 2 starts 1000 ms later, lap 3 1000 ms after its end.
      expectObservable(looping, '^ 4500ms !').toBe(
        'a 999ms b 999ms c 999ms d 999ms e',
        {
          a: filingsAt(0, twoLines[1]),
          b: filingsAt(1000, twoLines[0]),
          c: filingsAt(2000, twoLines[1]),
          d: filingsAt(3000, twoLines[0]),
          e: filingsAt(4000, twoLines[1]),
        },
      );
    });
  });

  it('turns lines that are not filings into rejects, due with the line above them', () => {
    const badAccession = { ...day[2], accessionNo: 'nope' };
    const dayLines = [
      lines[0],
      'not json {',
      '[1,2]',
      JSON.stringify({ ...day[1], filedAt: 'yesterday' }),
      JSON.stringify(badAccession),
    ];
    scheduler.run(({ expectObservable }) => {
      expectObservable(replay({ speed: 60 }, dayLines)).toBe(
        '(ab) 996ms (cd|)',
        {
          a: filingsAt(0, day[0]),
          b: {
            kind: 'rejects',
            rejects: [
              expect.objectContaining({
                code: 'LINE_NOT_JSON',
                source: 'replay',
                raw: 'not json {',
              }),
              expect.objectContaining({
                code: 'ELEMENT_NOT_OBJECT',
                raw: [1, 2],
              }),
              expect.objectContaining({
                code: 'ELEMENT_INVALID',
                reasons: [
                  { field: 'filedAt', reason: 'must be an ISO 8601 date-time' },
                ],
              }),
            ],
          },
          c: {
            kind: 'rejects',
            rejects: [
              expect.objectContaining({
                code: 'ELEMENT_INVALID',
                raw: badAccession,
              }),
            ],
          },
          d: finished,
        },
      );
    });
  });

  it('reports a day that cannot be read as REPLAY_LOAD_FAILED and completes', async () => {
    scheduler.run(({ expectObservable }) => {
      const failing = replay({
        loader: () => throwError(() => new Error('EACCES')),
      });
      expectObservable(failing).toBe('(e|)', {
        e: {
          kind: 'error',
          code: 'REPLAY_LOAD_FAILED',
          message: 'replay day could not be read: EACCES',
        },
      });
    });
    const missing = await lastValueFrom(
      replaySource({ file: '/nonexistent/day.jsonl.gz' }).pipe(toArray()),
    );
    expect(missing).toEqual([
      expect.objectContaining({ kind: 'error', code: 'REPLAY_LOAD_FAILED' }),
    ]);
  });

  it('validates its options, naming the bad one', () => {
    expect(() => replaySource({ speed: 0 })).toThrow(/speed/);
    expect(() => replaySource({ speed: Infinity })).toThrow(/speed/);
    expect(() => replaySource({ startIndex: -1 })).toThrow(/startIndex/);
    expect(() => replaySource({ startIndex: 1.5 })).toThrow(/startIndex/);
    expect(() => replaySource({ file: '' })).toThrow(/file/);
  });

  it('replays the real day: 4,655 valid filings, no rejects, in about 16 minutes at speed 60', async () => {
    const realLines = await loadReplayLines(REAL_DAY);
    const virtual = new VirtualTimeScheduler();
    const events: Array<{ at: number; event: SourceEvent }> = [];
    replaySource({
      file: REAL_DAY,
      loader: () => of(realLines),
      scheduler: virtual,
      speed: 60,
    }).subscribe((event) => events.push({ at: virtual.now(), event }));
    virtual.flush();
    const filings = events.flatMap(({ event }) =>
      event.kind === 'filings' ? event.filings : [],
    );
    expect(filings).toHaveLength(4655);
    expect(new Set(filings.map((f: Filing) => f.accessionNo)).size).toBe(4655);
    expect(events.filter(({ event }) => event.kind === 'rejects')).toEqual([]);
    expect(filings.every((f) => f.source === 'replay')).toBe(true);
    expect(events[events.length - 1].event).toEqual(finished);
    const minutes = events[events.length - 1].at / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(16);
  }, 20_000);
});
