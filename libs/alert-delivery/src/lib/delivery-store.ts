import type { AlertKeys } from '@secfeed/redis-keys';
import type { SecfeedRedis } from '@secfeed/service-runtime';
import type {
  AlertRule,
  DeliveryRecord,
  EntryKind,
} from '@secfeed/alert-model';
import {
  DEAD,
  DELIVERED,
  ENQUEUE,
  FAILED,
  HEAD,
  RELEASE,
  RENEW,
  RETRY_DEAD,
} from './delivery-scripts';

/** One queued delivery of a rule: the stream entry it comes from and the filing JSON. */
export interface QueuedDelivery {
  readonly entryId: string;
  readonly kind: EntryKind;
  readonly accessionNo: string;
  /** When it was queued (ms). */
  readonly enqueuedAt: number;
  /** When its dead letter was put back (ms): the give-up clock starts again there. */
  readonly retriedAt?: number;
  /** The stored filing JSON of the entry. */
  readonly data: string;
}

/** What the head of a rule's queue allows now. */
export type QueueHead =
  | { readonly state: 'empty' }
  | { readonly state: 'gone' }
  | { readonly state: 'wait' }
  | {
      readonly state: 'ready';
      readonly member: string;
      readonly job?: QueuedDelivery;
      readonly rule: AlertRule;
      readonly attempts: number;
      readonly nextAt: number;
    };

/** Bounds of the per-rule lists. */
export const LOG_LENGTH = 200;
export const DEAD_LETTER_LENGTH = 1000;

/** `1733100000000-3` → `0001733100000000-0000000003`: sorts as the stream does. */
export function paddedEntryId(entryId: string): string {
  const [ms, seq = '0'] = entryId.split('-');
  return `${ms.padStart(16, '0')}-${seq.padStart(10, '0')}`;
}

/**
 * The delivery state in Redis: each rule's queue (stream order), progress, lease, log and dead
 * letters. Every step that changes a delivery is one script, fenced by the rule's lease, so a
 * replica that lost its lease (paused past it) cannot record over its successor.
 */
export class DeliveryStore {
  constructor(
    private readonly redis: SecfeedRedis,
    private readonly keys: AlertKeys,
    private readonly stream: string,
  ) {}

  /** Queues `job` for each rule and acknowledges the entry; -1 when already handled. */
  async enqueue(
    job: QueuedDelivery,
    ruleIds: readonly string[],
  ): Promise<number> {
    const { keys } = this;
    return Number(
      await this.eval(
        ENQUEUE,
        [
          this.stream,
          keys.active,
          ...ruleIds.flatMap((id) => [keys.queue(id), keys.jobs(id)]),
        ],
        [
          keys.group,
          job.entryId,
          paddedEntryId(job.entryId),
          JSON.stringify(job),
          ...ruleIds,
        ],
      ),
    );
  }

  async head(ruleId: string): Promise<QueueHead> {
    const { keys } = this;
    const reply = (await this.eval(
      HEAD,
      [
        keys.queue(ruleId),
        keys.jobs(ruleId),
        this.stream,
        keys.active,
        keys.rules,
        keys.state(ruleId),
      ],
      [keys.group, ruleId],
    )) as string[];
    const [state, member, job, rule, attempts, nextAt] = reply;
    if (state !== 'ready')
      return { state: state as 'empty' | 'gone' | 'wait' } as QueueHead;
    return {
      state,
      member,
      job: job ? (JSON.parse(job) as QueuedDelivery) : undefined,
      rule: JSON.parse(rule) as AlertRule,
      attempts: Number(attempts),
      nextAt: Number(nextAt),
    };
  }

  async delivered(
    ruleId: string,
    token: string,
    member: string,
    record: DeliveryRecord,
  ): Promise<boolean> {
    const { keys } = this;
    return (
      Number(
        await this.eval(
          DELIVERED,
          [
            keys.lease(ruleId),
            keys.queue(ruleId),
            keys.jobs(ruleId),
            keys.state(ruleId),
            keys.log(ruleId),
            keys.active,
          ],
          [
            token,
            member,
            ruleId,
            record.entryId,
            JSON.stringify(record),
            String(LOG_LENGTH),
          ],
        ),
      ) === 1
    );
  }

  async failed(
    ruleId: string,
    token: string,
    member: string,
    attempts: number,
    nextAt: number,
    record: DeliveryRecord,
  ): Promise<boolean> {
    const { keys } = this;
    return (
      Number(
        await this.eval(
          FAILED,
          [keys.lease(ruleId), keys.state(ruleId), keys.log(ruleId)],
          [
            token,
            member,
            String(attempts),
            String(nextAt),
            JSON.stringify(record),
            String(LOG_LENGTH),
          ],
        ),
      ) === 1
    );
  }

  async deadLetter(
    ruleId: string,
    token: string,
    member: string,
    job: QueuedDelivery | undefined,
    record: DeliveryRecord,
  ): Promise<boolean> {
    const { keys } = this;
    const dead = JSON.stringify({
      ...record,
      member,
      job: JSON.stringify(job ?? null),
    });
    return (
      Number(
        await this.eval(
          DEAD,
          [
            keys.lease(ruleId),
            keys.queue(ruleId),
            keys.jobs(ruleId),
            keys.state(ruleId),
            keys.log(ruleId),
            keys.deadLetters(ruleId),
            keys.active,
          ],
          [
            token,
            member,
            ruleId,
            JSON.stringify(record),
            dead,
            String(LOG_LENGTH),
            String(DEAD_LETTER_LENGTH),
          ],
        ),
      ) === 1
    );
  }

  /** Puts a rule's dead letters back in its queue; returns how many. */
  async retryDeadLetters(ruleId: string, now = Date.now()): Promise<number> {
    const { keys } = this;
    return Number(
      await this.eval(
        RETRY_DEAD,
        [
          keys.deadLetters(ruleId),
          keys.queue(ruleId),
          keys.jobs(ruleId),
          keys.active,
        ],
        [ruleId, String(now)],
      ),
    );
  }

  /** Takes a rule's lease for `ms` unless another replica holds it. */
  async acquire(ruleId: string, token: string, ms: number): Promise<boolean> {
    return (
      (await this.redis.set(this.keys.lease(ruleId), token, {
        NX: true,
        PX: ms,
      })) === 'OK'
    );
  }

  async renew(ruleId: string, token: string, ms: number): Promise<boolean> {
    return (
      Number(
        await this.eval(RENEW, [this.keys.lease(ruleId)], [token, String(ms)]),
      ) === 1
    );
  }

  async release(ruleId: string, token: string): Promise<void> {
    await this.eval(RELEASE, [this.keys.lease(ruleId)], [token]);
  }

  /** Rule ids with deliveries queued. */
  async activeRules(): Promise<string[]> {
    return this.redis.sMembers(this.keys.active);
  }

  /** Deliveries queued for `ruleIds`, summed. */
  async depth(ruleIds: readonly string[]): Promise<number> {
    let total = 0;
    for (const id of ruleIds)
      total += await this.redis.zCard(this.keys.queue(id));
    return total;
  }

  /** A rule's log (newest first), dead letters (newest first), queue length and progress. */
  async report(
    ruleId: string,
    limit = 50,
  ): Promise<{
    recent: DeliveryRecord[];
    deadLetters: DeliveryRecord[];
    queued: number;
    progress: Record<string, string>;
  }> {
    const { keys, redis } = this;
    const [recent, dead, queued, progress] = await Promise.all([
      redis.lRange(keys.log(ruleId), 0, limit - 1),
      redis.lRange(keys.deadLetters(ruleId), 0, limit - 1),
      redis.zCard(keys.queue(ruleId)),
      redis.hGetAll(keys.state(ruleId)),
    ]);
    return {
      recent: recent.map((line) => JSON.parse(line) as DeliveryRecord),
      deadLetters: dead.map((line) => {
        // eslint-disable-next-line @typescript-eslint/no-unused-vars
        const { job, member, ...record } = JSON.parse(
          line,
        ) as DeliveryRecord & { job: string; member: string };
        return record;
      }),
      queued,
      progress: { ...progress },
    };
  }

  /** Every key of one rule's deliveries, for its deletion. */
  ruleKeys(ruleId: string): string[] {
    const { keys } = this;
    return [
      keys.queue(ruleId),
      keys.jobs(ruleId),
      keys.state(ruleId),
      keys.lease(ruleId),
      keys.log(ruleId),
      keys.deadLetters(ruleId),
    ];
  }

  /** Drops what is left of a deleted rule. */
  async purge(ruleId: string): Promise<void> {
    await this.redis
      .multi()
      .unlink(this.ruleKeys(ruleId))
      .sRem(this.keys.active, ruleId)
      .exec();
  }

  private eval(
    script: string,
    keys: string[],
    args: string[],
  ): Promise<unknown> {
    return this.redis.eval(script, { keys, arguments: args });
  }
}
