import { newestPosition } from '@secfeed/filings-history';
import {
  redisStreamReader,
  type StreamEntry,
  type StreamReaderEvent,
} from '@secfeed/stream-client';
import {
  routedCommands,
  type Logger,
  type SecfeedRedis,
} from '@secfeed/service-runtime';
import type { Subscription } from 'rxjs';
import type { RealtimeMetrics } from './realtime-metrics';
import { toBroadcastEntry, type BroadcastEntry } from './broadcast-entry';
import type { FanOutHub } from './fan-out-hub';

/** Code counted in `errors` for a stream entry that cannot be broadcast. */
export const MALFORMED_STREAM_ENTRY = 'MALFORMED_STREAM_ENTRY';

export interface StreamPumpOptions {
  readonly redis: SecfeedRedis;
  readonly streamKey: string;
  readonly hub: FanOutHub;
  readonly metrics: Pick<RealtimeMetrics, 'errors'>;
  readonly logger: Logger;
}

/**
 * The gateway's single stream reader: resolves the newest position, then feeds every later
 * entry to the hub, built once, each read's entries together (one write per client per read).
 * The reader resumes after its last entry across Redis outages,
 * so clients see only a delay. Its state comes in the same Observable as its entries: logged
 * (warn while degraded) and exposed as {@link running} for readiness.
 */
export class StreamPump {
  private subscription?: Subscription;
  private ready = false;
  private degraded = false;
  /** The entries of the read being received, broadcast together once it is all here. */
  private batch: BroadcastEntry[] = [];
  /** The last position of that read, a malformed entry's included. */
  private batchEnd?: string;
  /**
   * The reader emits a read's entries in one synchronous loop: they are handed to the hub
   * together, once the loop is done, so that each client gets the read in one write.
   */
  private readonly flush = () => {
    const entries = this.batch;
    const end = this.batchEnd;
    this.batch = [];
    this.batchEnd = undefined;
    if (end === undefined) return;
    this.options.hub.broadcastBatch(entries);
    // Past a malformed entry at the end of the read too, so positions stay in step.
    this.options.hub.skip(end);
  };

  constructor(private readonly options: StreamPumpOptions) {}

  /** Whether the reader is connected and reading. */
  get running(): boolean {
    return this.ready;
  }

  /**
   * Starts reading after the newest entry; resolves once the reader is connected (or has
   * reported its first failure: it keeps retrying in the background).
   * @throws the node-redis error when the newest position cannot be read.
   */
  async start(): Promise<void> {
    if (this.subscription) return;
    const { redis, streamKey, hub } = this.options;
    const from = await newestPosition(
      routedCommands(redis, streamKey),
      streamKey,
    );
    hub.startAt(from);
    await new Promise<void>((settled) => {
      this.subscription = redisStreamReader({
        client: redis,
        key: streamKey,
        from,
        connectionName: 'secfeed-gateway-reader',
      }).subscribe({
        next: (event) => {
          this.onEvent(event);
          if (event.type === 'ready' || event.type === 'error') settled();
        },
        error: (err: Error) => {
          this.ready = false;
          this.options.logger.error(
            { err: err.message },
            'stream reader gave up',
          );
          settled();
        },
      });
    });
  }

  /** Stops the reader (its dedicated connection closes at once). */
  stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.ready = false;
  }

  private onEntry(entry: StreamEntry): void {
    if (this.batchEnd === undefined) queueMicrotask(this.flush);
    this.batchEnd = entry.id;
    const built = toBroadcastEntry(entry.id, entry.fields);
    if (built.ok) {
      this.batch.push(built.entry);
      return;
    }
    this.options.metrics.errors.inc({ code: MALFORMED_STREAM_ENTRY });
    this.options.logger.warn(
      { position: entry.id, reason: built.reason },
      'stream entry skipped',
    );
  }

  /** Entries go to the hub; the reader's state sets readiness and is logged. */
  private onEvent(event: StreamReaderEvent): void {
    const { logger } = this.options;
    switch (event.type) {
      case 'entry':
        this.onEntry(event.entry);
        return;
      case 'ready':
        this.ready = true;
        if (this.degraded)
          logger.warn({ position: event.position }, 'stream reader recovered');
        else logger.info({ position: event.position }, 'stream reader ready');
        this.degraded = false;
        return;
      case 'error':
        this.ready = false;
        this.degraded = true;
        logger.warn(
          { code: event.code, err: event.message },
          'stream reader failed',
        );
        return;
      case 'retry':
        logger.warn(
          { attempt: event.attempt, delayMs: event.delayMs },
          'stream reader retrying',
        );
        return;
    }
  }
}
