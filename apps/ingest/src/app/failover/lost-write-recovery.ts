import type { Filing } from '@secfeed/filing-model';
import {
  routedCommands,
  type Logger,
  type SecfeedRedis,
} from '@secfeed/service-runtime';
import { Counter, type Registry } from 'prom-client';
import type { BatchPublisher } from '../pipeline/publish-pipeline';
import { findLostWrites } from './find-lost-writes';
import { markLostPositions, nextPosition } from './mark-lost-positions';
import { RecentPublications } from './recent-publications';

/** Options of {@link LostWriteRecovery}. */
export interface LostWriteRecoveryOptions {
  readonly redis: SecfeedRedis;
  readonly streamKey: string;
  readonly logger: Logger;
  /** Where `secfeed_ingest_lost_writes_republished_total` is registered. */
  readonly registry: Registry;
  /** Queues filings to be published again (the publish pipeline, behind what waits there). */
  readonly republish: (filings: readonly Filing[]) => void;
  /** Publications remembered. Default {@link RECENT_PUBLICATIONS}. */
  readonly capacity?: number;
  /** Wait before checking again after a check failed, in ms. Default 1000. */
  readonly retryMs?: number;
}

/**
 * Publishes again what Redis acknowledged and then lost. Replication is asynchronous: when a
 * master fails over, what its replica had not received yet is gone from the new master, the
 * stream entries and, written by the same script, their seen-marks. The same happens when a
 * Redis is replaced empty or restarts with the last second of its AOF missing.
 *
 * It remembers the newest filings this process published ({@link recording}). When the
 * connection is lost it notes how many it had published; once Redis answers again it checks
 * that each of those is still in the stream at its position. If some are gone, it first marks
 * the stream (IDs up to the newest lost one count as deleted: new entries come after it, and a
 * client resuming from before it is told `recovered: false`), then queues the lost filings, in
 * their order: dedup publishes them again, with new positions. Logged (`Redis lost
 * acknowledged filings; publishing them again`, warn) and counted
 * (`secfeed_ingest_lost_writes_republished_total`). A check that fails while the connection
 * stays up (Redis still loading its AOF) is retried, and publishes wait until one succeeds; one
 * that fails because the connection is lost again is run again at the next reconnect.
 */
export class LostWriteRecovery {
  private readonly recent: RecentPublications;
  private readonly republished: Counter;
  /** Publications made before the last loss of the connection that are not checked yet. */
  private pendingUpTo = 0;
  private checking?: Promise<void>;
  private recheck = false;
  private retry?: NodeJS.Timeout;
  /** Ends the wait before the next attempt of a check that failed. */
  private wake?: () => void;
  /** The last connection change: up (or not told yet) or lost. */
  private up = true;
  private stopped = false;

  constructor(private readonly options: LostWriteRecoveryOptions) {
    this.recent = new RecentPublications(options.capacity);
    this.republished = new Counter({
      name: 'secfeed_ingest_lost_writes_republished_total',
      help: 'Filings Redis had acknowledged, then lost (failover, replaced empty), published again',
      registers: [options.registry],
    });
  }

  /** `publisher`, with every filing it publishes remembered. */
  recording(publisher: BatchPublisher): BatchPublisher {
    const recorded = this.recent.recording(publisher);
    return {
      // A publish waits for a check in progress, its retries included: the stream is marked
      // before any new entry, so new IDs come after the lost ones whatever the new master's
      // clock, and a new entry never raises the stream's last ID over a lost position first.
      publishBatch: async (filings) => {
        await this.checking;
        return recorded.publishBatch(filings);
      },
    };
  }

  /**
   * Feed it every connection change (`connectRedis`'s `onUpChange`). Resolves when the check a
   * reconnect starts is over, retries included (at once when there is nothing to check); never
   * rejects.
   */
  redisUp(up: boolean): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.up = up;
    // A check waiting to try again: at once when Redis is back; not at all while it is away.
    this.wake?.();
    if (!up) {
      this.pendingUpTo = this.recent.count;
      return Promise.resolve();
    }
    return this.runCheck();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    this.wake?.();
  }

  /** Starts checking unless a check runs (then resolves with it) or nothing waits for one. */
  private runCheck(): Promise<void> {
    if (!this.checking && this.pendingUpTo > 0)
      this.checking = this.checkUntilDone().finally(() => {
        this.checking = undefined;
        // The connection was lost again while it ran: check what was published since.
        if (this.recheck) void this.runCheck();
      });
    return this.checking ?? Promise.resolve();
  }

  /**
   * Checks until a check succeeds, `retryMs` between attempts, while the connection is up. Once
   * it is lost (a dying server can accept a reconnect and then reset it), the check ends and
   * publishes go on: they fail and buffer as in any outage, rather than wait, and the next
   * reconnect checks again.
   */
  private async checkUntilDone(): Promise<void> {
    const goOn = () => this.up && !this.stopped;
    while (!(await this.check()) && goOn()) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.retry = setTimeout(resolve, this.options.retryMs ?? 1000).unref();
      });
      this.wake = undefined;
      if (!goOn()) return;
    }
  }

  /** One check; false when it failed (Redis erroring) and must be tried again. */
  private async check(): Promise<boolean> {
    this.recheck = false;
    const upTo = this.pendingUpTo;
    const { redis, streamKey, logger } = this.options;
    const commands = routedCommands(redis, streamKey);
    let failed = false;
    try {
      const lost = await findLostWrites(
        commands,
        streamKey,
        this.recent.upTo(upTo),
      );
      if (this.pendingUpTo === upTo) this.pendingUpTo = 0;
      if (lost.length === 0) {
        logger.info(
          { checked: upTo },
          'Redis back; no acknowledged filing lost',
        );
      } else {
        const newest = lost[lost.length - 1].position;
        await markLostPositions(commands, streamKey, nextPosition(newest));
        logger.warn(
          { lost: lost.length, from: lost[0].position, to: newest },
          'Redis lost acknowledged filings; publishing them again',
        );
        this.republished.inc(lost.length);
        this.options.republish(lost.map((p) => p.filing));
      }
    } catch (err) {
      failed = true;
      if (this.pendingUpTo === 0) this.pendingUpTo = upTo;
      logger.warn(
        { err: (err as Error).message },
        'Lost-write check failed; retrying',
      );
    }
    this.recheck = !failed && this.pendingUpTo > upTo;
    return !failed;
  }
}
