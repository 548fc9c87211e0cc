import type { Logger } from '@secfeed/service-runtime';
import { randomUUID } from 'node:crypto';
import type { AlertMetrics } from './alert-metrics';
import { ruleRate, type AlertRule } from '@secfeed/alert-model';
import { channelRequest } from './channel-request';
import { deliveryId } from './delivery-id';
import type { DeliveryOptions } from './delivery-options';
import type { DeliveryStore, QueueHead } from './delivery-store';
import { retryDecision } from './retry-decision';
import { sendRequest, type SendResult } from './send-request';
import { sleep } from './sleep';
import { TokenBucket } from './token-bucket';

type ReadyHead = Extract<QueueHead, { state: 'ready' }>;

/** How long to look again at a rule whose head waits for an older entry still being matched. */
const PENDING_WAIT_MS = 20;

/**
 * Delivers the queued alerts of every rule, one rule at a time per lease: a rule's deliveries
 * go one after another in stream order (a failing one holds that rule's later ones, never
 * another rule's), paced by the rule's token bucket, retried with capped exponential backoff
 * and full jitter, and given up into the rule's dead letters after the limits of
 * {@link DeliveryOptions}. Every outcome is recorded in Redis before the next delivery starts.
 */
export class DeliveryScheduler {
  private readonly running = new Set<string>();
  private readonly notBefore = new Map<string, number>();
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly stopping = new AbortController();
  private wakeUp?: () => void;
  /** A wake that came while the loop was not waiting: the next wait is skipped. */
  private woken = false;
  private loop?: Promise<void>;
  private drives = new Set<Promise<void>>();

  constructor(
    private readonly store: DeliveryStore,
    private readonly options: DeliveryOptions,
    private readonly logger: Logger,
    private readonly metrics: AlertMetrics,
  ) {}

  start(): void {
    this.loop = this.schedule();
  }

  /** Looks at the queued rules now (new deliveries were queued). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Stops taking rules and waits for the attempts in flight to be recorded. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.wake();
    await this.loop;
    await Promise.all([...this.drives]);
  }

  private async schedule(): Promise<void> {
    const { signal } = this.stopping;
    let failures = 0;
    while (!signal.aborted) {
      this.woken = false;
      try {
        const now = Date.now();
        const ids = await this.store.activeRules();
        for (const id of shuffle(ids)) {
          if (this.running.size >= this.options.concurrency) break;
          if (this.running.has(id) || (this.notBefore.get(id) ?? 0) > now)
            continue;
          this.running.add(id);
          const drive = this.drive(id).finally(() => {
            this.running.delete(id);
            this.drives.delete(drive);
            this.wake();
          });
          this.drives.add(drive);
        }
        failures = 0;
      } catch (err) {
        if (failures++ === 0) this.redisFailed(err, 'listing queued rules');
      }
      if (this.woken) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          this.wakeUp = undefined;
          resolve();
        };
      });
    }
  }

  /** Holds a rule's lease and delivers its queue until it is empty, waits, or its turn ends. */
  private async drive(ruleId: string): Promise<void> {
    const { store, options } = this;
    const token = randomUUID();
    try {
      if (!(await store.acquire(ruleId, token, options.leaseMs))) {
        // Another replica delivers this rule: look again at the next poll, not at once.
        this.notBefore.set(ruleId, Date.now() + options.pollMs);
        return;
      }
    } catch (err) {
      this.redisFailed(err, 'taking a lease');
      return;
    }
    const lost = new AbortController();
    const renew = setInterval(() => {
      store.renew(ruleId, token, options.leaseMs).then(
        (held) => held || lost.abort(),
        () => undefined,
      );
    }, options.leaseMs / 3);
    const signal = AbortSignal.any([this.stopping.signal, lost.signal]);
    try {
      for (let turn = 0; turn < options.maxPerTurn && !signal.aborted;) {
        const head = await store.head(ruleId);
        if (head.state === 'empty') return;
        if (head.state === 'gone') return await store.purge(ruleId);
        if (head.state === 'wait') {
          await sleep(PENDING_WAIT_MS, signal);
          continue;
        }
        const wait = Math.max(
          head.nextAt - Date.now(),
          this.bucket(head.rule).wait(),
        );
        if (wait > 0) {
          this.notBefore.set(ruleId, Date.now() + wait);
          return;
        }
        this.bucket(head.rule).take();
        if (!(await this.attempt(ruleId, token, head))) {
          this.metrics.errors.inc({ code: 'LEASE_LOST' });
          this.logger.warn(
            { code: 'LEASE_LOST', ruleId },
            'another replica took over the rule',
          );
          return;
        }
        turn++;
      }
    } catch (err) {
      this.redisFailed(err, 'delivering');
    } finally {
      clearInterval(renew);
      await store.release(ruleId, token).catch(() => undefined);
    }
  }

  /** One attempt of the head delivery, recorded; false when the lease was lost. */
  private async attempt(
    ruleId: string,
    token: string,
    head: ReadyHead,
  ): Promise<boolean> {
    const { store, options, metrics, logger } = this;
    const { rule, job, member } = head;
    const channel = rule.channel.type;
    const at = new Date();
    if (!job) {
      return store.deadLetter(ruleId, token, member, undefined, {
        deliveryId: '',
        entryId: member,
        accessionNo: '',
        kind: 'filing',
        outcome: 'dead_lettered',
        attempt: 0,
        code: 'JOB_MISSING',
        at: at.toISOString(),
      });
    }
    const id = deliveryId(rule.id, job.accessionNo, job.kind);
    const attempt = head.attempts + 1;
    if (attempt > 1) metrics.retries.inc({ channel });
    const result = await this.send(rule, id, job.kind, job.data);
    const now = Date.now();
    const entryMs = Number(job.entryId.split('-')[0]);
    const base = {
      deliveryId: id,
      entryId: job.entryId,
      accessionNo: job.accessionNo,
      kind: job.kind,
      attempt,
      status: result.status,
      at: new Date(now).toISOString(),
    };
    if (result.ok) {
      const lagMs = now - entryMs;
      metrics.deliveries.inc({ channel, outcome: 'delivered' });
      metrics.lag.observe({ channel }, lagMs / 1000);
      this.notBefore.delete(ruleId);
      return store.delivered(ruleId, token, member, {
        ...base,
        outcome: 'delivered',
        lagMs,
      });
    }
    const failure = {
      ruleId,
      channel,
      deliveryId: id,
      entryId: job.entryId,
      code: result.code,
      status: result.status,
      detail: result.detail,
      attempt,
    };
    const decision = retryDecision(
      result,
      attempt,
      Math.max(entryMs, job.retriedAt ?? 0),
      now,
      options,
    );
    if (decision.giveUp) {
      metrics.deliveries.inc({ channel, outcome: 'dead_lettered' });
      metrics.deadLetters.inc({ channel, code: result.code });
      logger.error(failure, 'alert delivery given up into the dead letters');
      return store.deadLetter(ruleId, token, member, job, {
        ...base,
        outcome: 'dead_lettered',
        code: result.code,
      });
    }
    const delay = decision.delayMs;
    metrics.deliveries.inc({ channel, outcome: 'failed' });
    logger.warn(
      { ...failure, retryInMs: delay },
      'alert delivery failed; retrying',
    );
    this.notBefore.set(ruleId, now + delay);
    return store.failed(ruleId, token, member, attempt, now + delay, {
      ...base,
      outcome: 'failed',
      code: result.code,
      nextAttemptAt: new Date(now + delay).toISOString(),
    });
  }

  private send(
    rule: AlertRule,
    id: string,
    kind: 'filing' | 'insights',
    data: string,
  ): Promise<SendResult> {
    let filing: Record<string, unknown> = {};
    try {
      filing = JSON.parse(data) as Record<string, unknown>;
    } catch {
      // Stored data is JSON; a message without fields still names the delivery.
    }
    return sendRequest(
      channelRequest(
        rule,
        { deliveryId: id, kind, data, filing },
        this.options.endpoints,
      ),
      { timeoutMs: this.options.timeoutMs },
    );
  }

  private bucket(rule: AlertRule): TokenBucket {
    const rate = ruleRate(rule);
    const burst = Math.max(1, Math.ceil(rate));
    let bucket = this.buckets.get(rule.id);
    if (!bucket) {
      bucket = new TokenBucket(rate, burst);
      this.buckets.set(rule.id, bucket);
    }
    bucket.setRate(rate, burst);
    return bucket;
  }

  private redisFailed(err: unknown, doing: string): void {
    this.metrics.errors.inc({ code: 'REDIS_UNAVAILABLE' });
    this.logger.warn(
      {
        code: 'REDIS_UNAVAILABLE',
        err: String((err as Error)?.message ?? err),
      },
      `alerts: Redis failed while ${doing}`,
    );
  }
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
