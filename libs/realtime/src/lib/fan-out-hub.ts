import type { NormalizedFilters } from '@secfeed/filing-model';
import type { RealtimeMetrics } from './realtime-metrics';
import type { BroadcastEntry } from './broadcast-entry';
import type { ClientSession } from './client-session';
import { DeliveryBatch } from './delivery-batch';
import { positionTimeMs, ZERO_POSITION } from './stream-position';
import { SubscriberIndex } from './subscriber-index';

/**
 * The in-process fan-out: every stream entry the single reader delivers goes to the matching
 * sessions, live or catching up. It remembers the last entry it delivered, the point where a
 * catch-up hands over to live delivery.
 */
export class FanOutHub {
  private readonly index = new SubscriberIndex<ClientSession>();
  private last = ZERO_POSITION;

  constructor(
    private readonly metrics: Pick<
      RealtimeMetrics,
      | 'messagesSent'
      | 'bytesSent'
      | 'broadcastLatency'
      | 'readerLag'
      | 'filingsBroadcast'
      | 'subscriptions'
    >,
    private readonly now: () => number = Date.now,
  ) {}

  /** The position of the last entry delivered (or where the reader started). */
  get lastDelivered(): string {
    return this.last;
  }

  /** Sets where delivery starts, before the reader's first entry. */
  startAt(position: string): void {
    this.last = position;
  }

  /** Subscribed sessions. */
  get subscriptions(): number {
    return this.index.size;
  }

  /** Indexes `session` with `filters`, replacing its previous subscription. */
  subscribe(session: ClientSession, filters: NormalizedFilters): void {
    this.index.set(session, filters);
    this.metrics.subscriptions.set(this.index.size);
  }

  /** Forgets `session`'s subscription; no-op when it has none. */
  unsubscribe(session: ClientSession): void {
    this.index.delete(session);
    this.metrics.subscriptions.set(this.index.size);
  }

  /** Delivers one entry to every matching session; returns how many got it now. */
  broadcast(entry: BroadcastEntry): number {
    return this.broadcastBatch([entry]);
  }

  /**
   * Delivers the entries of one stream read, in order, to every matching session: one write per
   * session for the whole read (see {@link DeliveryBatch}). Returns how many messages were sent.
   */
  broadcastBatch(entries: readonly BroadcastEntry[]): number {
    if (entries.length === 0) return 0;
    if (entries.length === 1) {
      const entry = entries[0];
      let sent = 0;
      this.index.forEachMatch(entry.filing, (session) => {
        if (session.deliver(entry)) sent += 1;
      });
      this.delivered(entry);
      this.sentOf(entry, sent);
      return sent;
    }
    const batch = new DeliveryBatch(entries);
    const taken = new Map<BroadcastEntry, number>();
    for (const entry of entries) {
      let count = 0;
      this.index.forEachMatch(entry.filing, (session) => {
        if (session.take(entry, batch)) count += 1;
      });
      taken.set(entry, count);
      this.delivered(entry);
    }
    batch.send((entry) => taken.set(entry, (taken.get(entry) ?? 1) - 1));
    let sent = 0;
    for (const [entry, count] of taken) {
      this.sentOf(entry, count);
      sent += count;
    }
    return sent;
  }

  /** Moves the handover point past `entry` and records how old it is. */
  private delivered(entry: BroadcastEntry): void {
    this.last = entry.id;
    this.metrics.filingsBroadcast.inc();
    this.metrics.readerLag.set(
      Math.max(0, this.now() - positionTimeMs(entry.id)) / 1000,
    );
  }

  /** Counts `count` clients that were sent `entry`. */
  private sentOf(entry: BroadcastEntry, count: number): void {
    if (count === 0) return;
    this.metrics.messagesSent.inc({ type: entry.type }, count);
    this.metrics.bytesSent.inc(count * entry.frame.length);
    this.metrics.broadcastLatency.observe(
      Math.max(0, this.now() - positionTimeMs(entry.id)) / 1000,
    );
  }

  /** Moves past an entry that could not be broadcast (malformed), so positions stay in step. */
  skip(id: string): void {
    this.last = id;
  }
}
