import { Filing, toFiling, easternIsoString } from '@secfeed/filing-model';
import {
  catchError,
  concat,
  concatMap,
  defer,
  from,
  ignoreElements,
  map,
  mergeMap,
  type Observable,
  of,
  repeat,
  timer,
} from 'rxjs';
import type { IngestReject, SourceEvent } from '../source-event';
import {
  resolveReplaySourceOptions,
  type ReplaySourceOptions,
  type ResolvedReplaySourceOptions,
} from './replay-source-options';
import { replaySchedule, type ReplayGroup } from './replay-schedule';

/**
 * A recorded day of filings replayed as if live: a cold Observable of {@link SourceEvent}s.
 *
 * Filing i is due `(t_i - t_0) / speed` after subscription (t = its original `filedAt`), on
 * `scheduler`; the filings due in the same ms come as one `filings` event. Each goes through
 * `toFiling` (source `replay`) with `filedAt` rewritten to the wall-clock time of its emission
 * (`now()`, New York time with its offset, e.g. `2026-11-24T09:15:02-05:00`) and `receivedAt`
 * to the same instant in UTC, so lag metrics and history retention behave as with a live
 * source; accession numbers and links stay the real ones. Without `loop`, `finished` follows
 * the last filing and the Observable completes; with `loop`, the day starts again (from line 0)
 * `1000 / speed` ms after its last filing, with the same accession numbers.
 *
 * Lines that are not filings come as `rejects` events, when due: `LINE_NOT_JSON`,
 * `ELEMENT_NOT_OBJECT`, `ELEMENT_INVALID` (source `replay`). A day that cannot be read is an
 * `error` event `REPLAY_LOAD_FAILED`, then completion. The Observable never errors.
 *
 * @throws Error synchronously, naming the option, for invalid options.
 * @example
 * ```ts
 * replaySource({ file: 'data/replay/edgar-2020-01-03.jsonl.gz', speed: 60 })
 *   .subscribe((event) => pipeline.handle(event));
 * ```
 */
export function replaySource(
  options: ReplaySourceOptions = {},
): Observable<SourceEvent> {
  const resolved = resolveReplaySourceOptions(options);
  return defer(() => from(resolved.loader(resolved.file))).pipe(
    mergeMap((lines) => replayDay(lines, resolved)),
    catchError((error: unknown) =>
      of<SourceEvent>({
        kind: 'error',
        code: 'REPLAY_LOAD_FAILED',
        message: `replay day could not be read: ${(error as Error)?.message ?? String(error)}`,
      }),
    ),
  );
}

function replayDay(
  lines: readonly string[],
  options: ResolvedReplaySourceOptions,
): Observable<SourceEvent> {
  const { speed, startIndex, loop, scheduler } = options;
  const firstLap = lap(replaySchedule(lines.slice(startIndex), speed), options);
  if (!loop) {
    return concat(
      firstLap,
      of<SourceEvent>({ kind: 'state', upstream: { state: 'finished' } }),
    );
  }
  const wholeDay = replaySchedule(lines, speed);
  // At least 1 ms between laps, so that an empty day cannot spin.
  const pause = timer(Math.max(1, Math.round(1000 / speed)), scheduler).pipe(
    ignoreElements(),
  );
  return concat(firstLap, concat(pause, lap(wholeDay, options)).pipe(repeat()));
}

/** One pass over the groups, timed from the moment it is subscribed. */
function lap(
  groups: readonly ReplayGroup[],
  options: ResolvedReplaySourceOptions,
): Observable<SourceEvent> {
  const { scheduler, now } = options;
  return defer(() => {
    const start = scheduler.now();
    // Each delay is taken from the lap's start, not from the previous group: no drift.
    return from(groups).pipe(
      concatMap((group) =>
        timer(
          Math.max(0, start + group.atMs - scheduler.now()),
          scheduler,
        ).pipe(map(() => groupEvents(group, now()))),
      ),
      concatMap((events) => events),
    );
  });
}

function groupEvents(group: ReplayGroup, nowMs: number): SourceEvent[] {
  const filedAt = easternIsoString(nowMs);
  const receivedAt = new Date(nowMs).toISOString();
  const filings: Filing[] = [];
  const rejects: IngestReject[] = [];
  for (const entry of group.entries) {
    if ('reject' in entry) {
      rejects.push(entry.reject);
      continue;
    }
    const result = toFiling(
      { ...entry.raw, filedAt },
      { source: 'replay', receivedAt },
    );
    if (result.ok) filings.push(result.filing);
    else {
      rejects.push({
        code: 'ELEMENT_INVALID',
        source: 'replay',
        raw: entry.raw,
        reasons: result.reasons,
      });
    }
  }
  const events: SourceEvent[] = [];
  if (filings.length > 0) events.push({ kind: 'filings', filings });
  if (rejects.length > 0) events.push({ kind: 'rejects', rejects });
  return events;
}
