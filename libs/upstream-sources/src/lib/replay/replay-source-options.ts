import { resolve } from 'node:path';
import { asyncScheduler, type Observable, type SchedulerLike } from 'rxjs';
import { loadReplayLines } from './load-replay-lines';

/** The day shipped in the repo, resolved from the working directory (the service runs from the workspace root). */
export const DEFAULT_REPLAY_FILE = resolve(
  process.cwd(),
  'data/replay/edgar-2020-01-03.jsonl.gz',
);

/** Reads the day: the JSON lines of `file`, in order. */
export type ReplayLoader = (
  file: string,
) => Promise<readonly string[]> | Observable<readonly string[]>;

/** Options of {@link replaySource}; every field is optional. */
export interface ReplaySourceOptions {
  /** The gzip JSON-lines day (`data/README.md`). Default `data/replay/edgar-2020-01-03.jsonl.gz` under the working directory. */
  readonly file?: string;
  /** How many times faster than real time, > 0: 60 plays the 16 h day in 16 min. Default `60`. */
  readonly speed?: number;
  /** Line of the day to start from (0-based integer). Default `0`. */
  readonly startIndex?: number;
  /** Start again from the first line after the last one (later laps start at line 0). Default `false`. */
  readonly loop?: boolean;
  /** The pacing timers; a `TestScheduler` in tests. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** Wall clock (epoch ms) for the rewritten `filedAt` and `receivedAt`. Default `scheduler.now()`. */
  readonly now?: () => number;
  /** Reads the day; an in-memory day in tests. Default: gunzip and split `file`. */
  readonly loader?: ReplayLoader;
}

/** {@link ReplaySourceOptions} after defaults and validation. */
export type ResolvedReplaySourceOptions = Required<ReplaySourceOptions>;

/** Applies defaults and validates; throws an Error naming the bad option. */
export function resolveReplaySourceOptions(
  options: ReplaySourceOptions = {},
): ResolvedReplaySourceOptions {
  const fail = (message: string): never => {
    throw new Error(`replaySource: ${message}`);
  };
  const scheduler = options.scheduler ?? asyncScheduler;
  const resolved: ResolvedReplaySourceOptions = {
    file: options.file ?? DEFAULT_REPLAY_FILE,
    speed: options.speed ?? 60,
    startIndex: options.startIndex ?? 0,
    loop: options.loop ?? false,
    scheduler,
    now: options.now ?? (() => scheduler.now()),
    loader: options.loader ?? loadReplayLines,
  };
  if (typeof resolved.file !== 'string' || resolved.file === '')
    fail('file must be a non-empty path');
  if (!Number.isFinite(resolved.speed) || resolved.speed <= 0)
    fail(`speed must be a finite number > 0, got ${resolved.speed}`);
  if (!Number.isInteger(resolved.startIndex) || resolved.startIndex < 0)
    fail(`startIndex must be an integer >= 0, got ${resolved.startIndex}`);
  if (typeof resolved.loop !== 'boolean')
    fail(`loop must be a boolean, got ${String(resolved.loop)}`);
  return resolved;
}
