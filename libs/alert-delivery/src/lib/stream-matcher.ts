import {
  decodeStreamEntryDocument,
  type StreamEntryFields,
} from '@secfeed/filing-model/stored';
import { backoffDelay } from '@secfeed/reconnect-policy';
import type { AlertKeys } from '@secfeed/redis-keys';
import {
  routedCommands,
  type Logger,
  type SecfeedRedis,
} from '@secfeed/service-runtime';
import type { AlertMetrics } from './alert-metrics';
import { CompiledRules } from './compiled-rules';
import type { EntryKind } from '@secfeed/alert-model';
import type { DeliveryStore } from './delivery-store';
import type { RuleStore } from './rule-store';
import { sleep } from './sleep';
import {
  blockingConnection,
  type BlockingConnection,
} from './blocking-connection';

export interface StreamMatcherOptions {
  readonly redis: SecfeedRedis;
  /** The filings stream. */
  readonly stream: string;
  readonly keys: AlertKeys;
  readonly rules: RuleStore;
  readonly store: DeliveryStore;
  readonly logger: Logger;
  readonly metrics: AlertMetrics;
  /** This replica's consumer name in the group; unique per replica. */
  readonly consumer: string;
  /** Entries pending this long in another consumer are claimed (XAUTOCLAIM). */
  readonly claimIdleMs: number;
  /** Where a new group starts: `$` (only entries added from now) or `0` (the whole stream). */
  readonly groupStart: string;
  /** Called after entries queued deliveries, to wake the deliverers. */
  readonly onQueued: () => void;
  /** XREADGROUP BLOCK; default 1000 ms. */
  readonly blockMs?: number;
}

type RawEntry = [string, string[] | null];

const BATCH = 100;

/**
 * Reads the filings stream as a member of the alerts consumer group, matches each entry
 * against the enabled rules and queues a delivery per match, acknowledging the entry in the same
 * script. Entries another replica read and never acknowledged (it died) are claimed after
 * `claimIdleMs`; whichever replica acknowledges first queues them, once.
 */
export class StreamMatcher {
  private compiled = new CompiledRules([]);
  private version = '';
  private readonly stopping = new AbortController();
  private loops: Promise<void>[] = [];
  private connection?: BlockingConnection;
  private reading = false;

  constructor(private readonly options: StreamMatcherOptions) {}

  /** Creates the group when missing, then reads and claims until {@link stop}. */
  async start(): Promise<void> {
    await this.ensureGroup();
    this.loops = [this.readLoop(), this.claimLoop()];
  }

  /** Whether the reader is reading (for `/readyz`). */
  get running(): boolean {
    return this.reading;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.connection?.destroy();
    await Promise.all(this.loops);
  }

  private async ensureGroup(): Promise<void> {
    const { redis, stream, keys, groupStart } = this.options;
    try {
      await routedCommands(redis, stream).sendCommand([
        'XGROUP',
        'CREATE',
        stream,
        keys.group,
        groupStart,
        'MKSTREAM',
      ]);
    } catch (err) {
      if (!String((err as Error).message).startsWith('BUSYGROUP')) throw err;
    }
  }

  private async readLoop(): Promise<void> {
    const { signal } = this.stopping;
    const { stream, keys, consumer, logger, metrics } = this.options;
    let failures = 0;
    while (!signal.aborted) {
      try {
        this.connection ??= await blockingConnection(
          this.options.redis,
          this.options.stream,
          this.options.blockMs ?? 1000,
        );
        this.reading = true;
        const reply = (await this.connection.send([
          'XREADGROUP',
          'GROUP',
          keys.group,
          consumer,
          'COUNT',
          String(BATCH),
          'BLOCK',
          String(this.options.blockMs ?? 1000),
          'STREAMS',
          stream,
          '>',
        ])) as [string, RawEntry[]][] | null;
        failures = 0;
        if (reply) await this.handle(reply[0][1]);
      } catch (err) {
        if (signal.aborted) break;
        this.reading = false;
        this.connection?.destroy();
        this.connection = undefined;
        const message = String((err as Error)?.message ?? err);
        if (message.startsWith('NOGROUP')) {
          await this.ensureGroup().catch(() => undefined);
        }
        if (failures++ === 0) {
          metrics.errors.inc({ code: 'STREAM_READ_FAILED' });
          logger.warn(
            { code: 'STREAM_READ_FAILED', err: message },
            'alerts stream read failed; retrying',
          );
        }
        await sleep(
          backoffDelay(Math.min(failures, 10), {
            minDelayMs: 100,
            maxDelayMs: 5000,
          }),
          signal,
        );
      }
    }
    this.reading = false;
  }

  private async claimLoop(): Promise<void> {
    const { signal } = this.stopping;
    const { redis, stream, keys, consumer, claimIdleMs, logger, metrics } =
      this.options;
    const commands = routedCommands(redis, stream);
    while (!signal.aborted) {
      await sleep(Math.max(100, claimIdleMs / 2), signal);
      if (signal.aborted) break;
      try {
        let cursor = '0-0';
        do {
          const [next, entries, deleted = []] = (await commands.sendCommand([
            'XAUTOCLAIM',
            stream,
            keys.group,
            consumer,
            String(claimIdleMs),
            cursor,
            'COUNT',
            String(BATCH),
          ])) as [string, RawEntry[], string[]?];
          cursor = next;
          // Trimmed away while pending: nothing to deliver, only to acknowledge.
          const gone = [
            ...deleted,
            ...entries.filter(([, f]) => !f).map(([id]) => id),
          ];
          if (gone.length > 0)
            await commands.sendCommand(['XACK', stream, keys.group, ...gone]);
          const live = entries.filter(([, f]) => f);
          if (live.length > 0) {
            logger.info(
              { entries: live.length },
              'claimed stream entries another replica left pending',
            );
            await this.handle(live);
          }
        } while (cursor !== '0-0' && !signal.aborted);
      } catch (err) {
        metrics.errors.inc({ code: 'STREAM_CLAIM_FAILED' });
        logger.warn(
          {
            code: 'STREAM_CLAIM_FAILED',
            err: String((err as Error)?.message ?? err),
          },
          'claiming idle entries failed',
        );
      }
    }
  }

  /** Matches and queues a batch of entries, in stream order. */
  private async handle(entries: readonly RawEntry[]): Promise<void> {
    const { store, metrics, logger, onQueued } = this.options;
    await this.refreshRules();
    let queued = 0;
    for (const [id, flat] of entries) {
      const fields = toFields(flat ?? []);
      const decoded = decodeStreamEntryDocument(fields);
      metrics.entriesRead.inc();
      if (!decoded.ok) {
        metrics.errors.inc({ code: 'ENTRY_UNREADABLE' });
        logger.warn(
          { code: 'ENTRY_UNREADABLE', entryId: id, reason: decoded.error.code },
          'stream entry skipped',
        );
        await store.enqueue(emptyJob(id), []);
        continue;
      }
      const { filing, data } = decoded.value;
      const kind: EntryKind =
        fields['kind'] === 'insights' ? 'insights' : 'filing';
      const accessionNo = fields['accessionNo'] ?? filing.accessionNo ?? id;
      const ruleIds = this.compiled.matching(filing.document);
      const n = await store.enqueue(
        { entryId: id, kind, accessionNo, enqueuedAt: Date.now(), data },
        ruleIds,
      );
      if (n > 0) {
        queued += n;
        metrics.deliveriesQueued.inc(n);
      }
    }
    if (queued > 0) onQueued();
  }

  private async refreshRules(): Promise<void> {
    const { rules } = this.options;
    const version = await rules.version();
    if (version === this.version) return;
    this.compiled = new CompiledRules(await rules.list());
    this.version = version;
  }
}

function toFields(flat: readonly string[]): StreamEntryFields {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]] = flat[i + 1];
  return fields;
}

function emptyJob(entryId: string) {
  return {
    entryId,
    kind: 'filing' as const,
    accessionNo: entryId,
    enqueuedAt: 0,
    data: 'null',
  };
}
