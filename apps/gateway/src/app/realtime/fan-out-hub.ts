import type { NormalizedFilters } from '@secfeed/filing-model';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import type { BroadcastEntry } from './broadcast-entry';
import type { ClientSession } from './client-session';
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
      GatewayMetrics,
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
    this.last = entry.id;
    let sent = 0;
    this.index.forEachMatch(entry.filing, (session) => {
      if (session.deliver(entry)) sent += 1;
    });
    const bytes = entry.frame.length;
    const ageSeconds =
      Math.max(0, this.now() - positionTimeMs(entry.id)) / 1000;
    this.metrics.filingsBroadcast.inc();
    this.metrics.readerLag.set(ageSeconds);
    if (sent > 0) {
      this.metrics.messagesSent.inc({ type: entry.type }, sent);
      this.metrics.bytesSent.inc(sent * bytes);
      this.metrics.broadcastLatency.observe(ageSeconds);
    }
    return sent;
  }

  /** Moves past an entry that could not be broadcast (malformed), so positions stay in step. */
  skip(id: string): void {
    this.last = id;
  }
}
