import { filtersToJson } from '@secfeed/filing-model';
import type { Logger } from '@secfeed/service-runtime';
import { Counter, type Registry } from 'prom-client';
import type { ClientSession } from './client-session';
import { streamRetention, type HistoryClient } from './stream-history';
import { comparePositions } from './stream-position';

/** How often the last delivered entry is looked for, in ms. */
export const ROLLBACK_CHECK_MS = 1000;

/** Options of {@link RollbackWatch}. */
export interface RollbackWatchOptions {
  readonly redis: HistoryClient;
  readonly streamKey: string;
  /** The position of the last entry this gateway delivered (the hub's). */
  readonly lastDelivered: () => string;
  readonly sessions: () => Iterable<ClientSession>;
  readonly logger: Logger;
  /** Where `secfeed_gateway_stream_rollbacks_total` is registered. */
  readonly registry: Registry;
  readonly intervalMs?: number;
}

/**
 * Tells subscribed clients when the stream went back behind what they were given. A Redis
 * failover can lose the newest entries; ingest publishes them again with new positions and
 * marks the lost positions deleted (docs/operations.md, "Redis failover"), so clients that got
 * them from the old master get them a second time. Every `intervalMs` this reads
 * the stream's deleted mark (`XINFO STREAM`'s `max-deleted-entry-id`, which ingest raises past
 * the lost entries and the retention's trims leave alone); when it moved and this gateway had
 * delivered anything after its previous value, each subscribed client gets
 * `{"type":"subscribed","position":P,"recovered":false,"filters":...}` unasked (P: the newest position delivered now), the same answer as a `since` the stream no
 * longer holds, once per rollback. A gateway that delivered only the entries published again
 * tells its clients too: one needless re-sync, never a silent repeat. Logged (`stream rolled back; clients told recovered:false`,
 * warn) and counted. Redis errors are left to the stream reader (it reports them); the next
 * tick tries again.
 */
export class RollbackWatch {
  private timer?: NodeJS.Timeout;
  /** The stream's deleted mark at the last look (`undefined` before the first). */
  private observedMaxDeleted?: string;
  private readonly rollbacks: Counter;

  constructor(private readonly options: RollbackWatchOptions) {
    this.rollbacks = new Counter({
      name: 'secfeed_gateway_stream_rollbacks_total',
      help: 'Times the stream lost entries this gateway had delivered (Redis failover); clients were told recovered:false',
      registers: [options.registry],
    });
  }

  start(): void {
    this.timer ??= setInterval(
      () => void this.check().catch(() => undefined),
      this.options.intervalMs ?? ROLLBACK_CHECK_MS,
    ).unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One look; resolves true when it told the clients. Rejects on a Redis error. */
  async check(): Promise<boolean> {
    const { redis, streamKey, logger } = this.options;
    const delivered = this.options.lastDelivered();
    const { maxDeletedId } = await streamRetention(redis, streamKey);
    const before = this.observedMaxDeleted;
    this.observedMaxDeleted = maxDeletedId;
    // Only ingest's repair after a lost write moves the stream's deleted mark (the retention's
    // trims do not), and what was deleted before this gateway looked is not its clients' loss.
    if (before === undefined || comparePositions(maxDeletedId, before) <= 0)
      return false;
    // Entries after `before`, up to the new mark, are gone. When this gateway delivered anything
    // after `before`, clients may hold some of them; the entries ingest published again may
    // already have been delivered too, so the mark, not the last delivered entry, decides.
    if (comparePositions(delivered, before) <= 0) return false;
    let told = 0;
    for (const session of this.options.sessions()) {
      const filters = session.filters;
      if (!filters || !session.open) continue;
      session.sendJson({
        type: 'subscribed',
        position: this.options.lastDelivered(),
        recovered: false,
        filters: filtersToJson(filters),
      });
      told++;
    }
    this.rollbacks.inc();
    logger.warn(
      { deletedAfter: before, deletedUpTo: maxDeletedId, clients: told },
      'stream rolled back; clients told recovered:false',
    );
    return true;
  }
}
