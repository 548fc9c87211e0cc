import type { Filing } from '@secfeed/filing-model';
import { newerMark, type FiledAtMark } from './newest-filed-at';

/** How a backfill attempt ended, for {@link GapTracker.end}. */
export type AttemptEnd = 'failed' | 'truncated' | 'cancelled' | 'completed';

interface Attempt {
  readonly start: FiledAtMark;
  lastReceived?: FiledAtMark;
  /** The oldest point of a gap that opened while the attempt ran. */
  gapSince?: FiledAtMark;
}

/**
 * What the sec-api source knows about gaps, in memory: whether the live socket continues what
 * is published ("covered"), and if not, the one point from which a backfill must ask the Query
 * API again (`pending`). One point is enough because every backfill is open-ended
 * (`filedAt:["X" TO *]`): from the oldest gap it also covers every newer one.
 *
 * - A socket that closes while covered leaves a gap from the newest filing it delivered.
 * - Filings the publish pipeline dropped leave a gap from the oldest of them.
 * - A backfill attempt owns the pending point while it runs; when it fails, is cancelled or
 *   stops at the offset cap, the point moves to the last `filedAt` it received (nothing older
 *   is missing: pages come sorted by `filedAt`), or back to a gap that opened meanwhile.
 * - Only an attempt that completed, whose filings all left the publish queue, with no gap
 *   opened meanwhile and the socket open throughout, makes the source covered again.
 *
 * Plain state, no timers and no I/O: the backfill loop drives it.
 */
export class GapTracker {
  private coveredFlag = false;
  /** Bumped whenever a gap opens: an advance decided before it is stale. */
  private gen = 0;
  private pendingMark?: FiledAtMark;
  private pendingExact = false;
  /** Newest filing handed on while covered, or the point coverage was restored at. */
  private coveredTo?: FiledAtMark;
  /** Newest live filing since the socket opened. */
  private liveNewest?: FiledAtMark;
  private attempt?: Attempt;
  /**
   * False until the first attempt began: before it, `pending` (a drop) says nothing about what
   * is older, so the start must not pass the watermark.
   */
  private anchored = false;

  /** True while live filings continue, without a gap, what is published. */
  get covered(): boolean {
    return this.coveredFlag;
  }

  get generation(): number {
    return this.gen;
  }

  /** Where the next attempt starts, if a gap is known; `exact`: no overlap margin needed. */
  get pending(): { mark: FiledAtMark; exact: boolean } | undefined {
    return this.pendingMark
      ? { mark: this.pendingMark, exact: this.pendingExact }
      : undefined;
  }

  opened(): void {
    this.liveNewest = undefined;
  }

  closed(): void {
    this.gen += 1;
    if (!this.coveredFlag) return;
    this.coveredFlag = false;
    if (this.coveredTo) this.openGap(this.coveredTo);
  }

  /** Filings the publish pipeline dropped. */
  dropped(filings: readonly Filing[]): void {
    const oldest = oldestMark(filings);
    if (!oldest) return;
    this.gen += 1;
    this.coveredFlag = false;
    if (this.attempt)
      this.attempt.gapSince = older(this.attempt.gapSince, oldest);
    else this.openGap(oldest);
  }

  /**
   * Live filings handed on. Returns the mark the watermark may move to once they are
   * published (only while covered), else undefined.
   */
  live(filings: readonly Filing[]): FiledAtMark | undefined {
    const newest = newestMark(filings);
    if (!newest) return undefined;
    this.liveNewest = newerMark(this.liveNewest, newest);
    if (!this.coveredFlag) return undefined;
    this.coveredTo = newerMark(this.coveredTo, newest);
    return newest;
  }

  /**
   * Nothing to backfill from (an empty feed): covered from the first live filing on. Returns
   * the newest live filing already handed on, which the watermark may move to once published.
   */
  coverFromScratch(): FiledAtMark | undefined {
    this.anchored = true;
    this.coveredFlag = true;
    this.coveredTo = this.liveNewest;
    return this.liveNewest;
  }

  /**
   * Where the next attempt starts, given the durable watermark (or, without one, the newest
   * filing stored): the newer of it and the pending point, since everything older than either is
   * safe; before the first attempt, the older of the two. Undefined: nothing is known at all.
   */
  startPoint(watermark: FiledAtMark | undefined): FiledAtMark | undefined {
    const pending = this.pendingMark;
    if (!pending || !watermark) return pending ?? watermark;
    if (!this.anchored) return older(pending, watermark);
    return newerMark(pending, watermark);
  }

  /** An attempt starts at `start` (from {@link startPoint}). */
  begin(start: FiledAtMark): void {
    this.anchored = true;
    this.attempt = { start };
    this.pendingMark = undefined;
    this.pendingExact = false;
  }

  /** A page of the running attempt was handed on. */
  received(filings: readonly Filing[]): void {
    if (!this.attempt) return;
    this.attempt.lastReceived = newerMark(
      this.attempt.lastReceived,
      newestMark(filings),
    );
  }

  /**
   * Ends the running attempt. `completed` must be called only once its filings have left the
   * publish queue. Returns the mark the watermark may move to when coverage is restored.
   */
  end(how: AttemptEnd): FiledAtMark | undefined {
    const attempt = this.attempt;
    if (!attempt) return undefined;
    this.attempt = undefined;
    const { start, lastReceived, gapSince } = attempt;
    if (how === 'completed' && !gapSince) {
      const reached = newerMark(lastReceived, this.liveNewest);
      this.coveredFlag = true;
      this.coveredTo = newerMark(start, reached);
      return reached;
    }
    if (how === 'completed' && gapSince) {
      this.openGap(gapSince);
      return undefined;
    }
    const resumeAt = lastReceived ?? start;
    this.openGap(gapSince ? older(resumeAt, gapSince) : resumeAt);
    // A page sorted by filedAt leaves nothing older behind: no margin, or the cap would
    // keep returning the same first 10,000 filings.
    this.pendingExact = how === 'truncated' && !gapSince;
    return undefined;
  }

  private openGap(at: FiledAtMark): void {
    this.pendingMark = older(this.pendingMark, at);
    this.pendingExact = false;
  }
}

function older(a: FiledAtMark | undefined, b: FiledAtMark): FiledAtMark {
  return a !== undefined && a.ms <= b.ms ? a : b;
}

function newestMark(filings: readonly Filing[]): FiledAtMark | undefined {
  let mark: FiledAtMark | undefined;
  for (const f of filings)
    if (!mark || f.filedAtMs > mark.ms)
      mark = { filedAt: f.filedAt, ms: f.filedAtMs };
  return mark;
}

function oldestMark(filings: readonly Filing[]): FiledAtMark | undefined {
  let mark: FiledAtMark | undefined;
  for (const f of filings)
    if (!mark || f.filedAtMs < mark.ms)
      mark = { filedAt: f.filedAt, ms: f.filedAtMs };
  return mark;
}
