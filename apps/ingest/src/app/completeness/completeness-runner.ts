import type { CompletenessKeys } from '@secfeed/redis-keys';
import type { Logger, SecfeedRedis } from '@secfeed/service-runtime';
import type { ReconcileOutcome } from './reconcile-day';
import {
  SCHEDULE_DEFAULTS,
  scheduledDates,
  type ScheduleOptions,
} from './scheduled-dates';

/** Options of {@link CompletenessRunner}; the first four are required. */
export interface CompletenessRunnerOptions {
  readonly redis: Pick<SecfeedRedis, 'zPopMin' | 'get' | 'set'>;
  readonly completenessKeys: CompletenessKeys;
  /** One day's reconciliation (`reconcileDay` with ingest's dependencies). */
  readonly reconcile: (date: string) => Promise<ReconcileOutcome>;
  readonly logger: Logger;
  /** Whether business days are reconciled by themselves in the evening. Default true. */
  readonly schedule?: boolean;
  /** How often the on-demand requests are looked at, ms. Default 5000. */
  readonly tickMs?: number;
  /** How often the schedule is looked at, ms. Default 60000. */
  readonly scheduleEveryMs?: number;
  /** How long after an attempt (index not there yet, or failed) a day is asked for again. Default 30 min. */
  readonly retryMs?: number;
  readonly scheduleOptions?: Partial<ScheduleOptions>;
  readonly now?: () => number;
}

/** Requests served per tick at most, so the schedule is never starved. */
const REQUESTS_PER_TICK = 10;

/**
 * Runs the reconciliation when it is due: each day asked for on demand (the CLI, `POST
 * /api/completeness/reconcile` through the gateway: a ZSET of dates every replica watches,
 * so a date asked twice is run once), and, every business day in the evening New York time,
 * the days of {@link scheduledDates} whose report has no `checkedAt` yet, at most once per
 * `retryMs` across every replica (a Redis key with that TTL), until the index is there.
 */
export class CompletenessRunner {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private lastScheduleMs = -Infinity;
  private stopped = false;

  constructor(private readonly options: CompletenessRunnerOptions) {}

  start(): void {
    this.stopped = false;
    this.arm();
  }

  /** Stops the timer and waits for the tick in progress (its reconciliation sees the abort of its own signal). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One look at the requests and, when due, the schedule. Never throws. */
  async tick(): Promise<void> {
    const { redis, completenessKeys: keys, logger } = this.options;
    const now = this.options.now ?? Date.now;
    try {
      for (
        let served = 0;
        served < REQUESTS_PER_TICK && !this.stopped;
        served++
      ) {
        const request = await redis.zPopMin(keys.requests);
        if (!request) break;
        await this.run(request.value, 'request');
      }
      if (this.options.schedule === false) return;
      if (
        now() - this.lastScheduleMs <
        (this.options.scheduleEveryMs ?? 60_000)
      )
        return;
      this.lastScheduleMs = now();
      const schedule = {
        ...SCHEDULE_DEFAULTS,
        ...this.options.scheduleOptions,
      };
      for (const date of scheduledDates(now(), schedule)) {
        if (this.stopped) return;
        const stored = await redis.get(keys.report(date));
        if (stored && checkedAt(stored)) continue;
        const turn = await redis.set(keys.attempt(date), String(now()), {
          NX: true,
          PX: this.options.retryMs ?? 30 * 60_000,
        });
        if (turn === 'OK') await this.run(date, 'schedule');
      }
    } catch (err) {
      logger.warn(
        { err: (err as Error).message },
        'Completeness: Redis unavailable',
      );
    }
  }

  private async run(date: string, why: 'request' | 'schedule'): Promise<void> {
    const outcome = await this.options.reconcile(date);
    this.options.logger.debug(
      { date, why, outcome: outcome.kind },
      'Completeness run',
    );
  }

  private arm(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => this.arm());
    }, this.options.tickMs ?? 5000);
    this.timer.unref?.();
  }
}

function checkedAt(stored: string): boolean {
  try {
    return (
      typeof (JSON.parse(stored) as { checkedAt?: unknown }).checkedAt ===
      'string'
    );
  } catch {
    return false;
  }
}
