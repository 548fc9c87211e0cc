import type { ScriptCall, ScriptClient } from '@secfeed/dedup';
import {
  EDGAR_BUDGET_SCRIPT,
  EDGAR_BUDGET_SCRIPT_SHA,
} from './edgar-budget-script';

/** Requests per second by default: under the SEC's 10, leaving room for rounding and tools. */
export const DEFAULT_EDGAR_REQUESTS_PER_SECOND = 8;
/**
 * The highest rate accepted. The SEC blocks a caller over 10 requests per second for 10 minutes
 * (contracts §2); the bucket spaces requests `1000 / rate` ms apart, so a second can hold
 * `rate + 1` of them (its first and last instants): 9 is the highest rate that keeps every
 * second at 10 or under (measured in docs/benchmarks.md).
 */
export const MAX_EDGAR_REQUESTS_PER_SECOND = 9;

/** Options of {@link EdgarBudget}. */
export interface EdgarBudgetOptions {
  /** Where the bucket lives (`keys.edgarBudget` of `@secfeed/redis-keys`). */
  readonly key: string;
  /** Requests per second for every replica together, over 0 and at most 9. Default 8. */
  readonly requestsPerSecond?: number;
}

/**
 * EDGAR's fair-access budget, shared by every ingest replica and every EDGAR request they make
 * (the insights fetches and the Latest Filings poller): a token bucket in Redis (see
 * {@link EDGAR_BUDGET_SCRIPT}). `take()` before each request; `pause(ms)` after a 429 or 403 so
 * that every replica holds back.
 *
 * @example
 * const budget = new EdgarBudget(redis, { key: keys.edgarBudget });
 * await budget.take();
 * await fetch(url, { headers: { 'User-Agent': userAgent } });
 */
export class EdgarBudget {
  readonly requestsPerSecond: number;

  /** @throws RangeError for a rate not over 0 and at most {@link MAX_EDGAR_REQUESTS_PER_SECOND} (a deployment mistake). */
  constructor(
    private readonly client: ScriptClient,
    private readonly options: EdgarBudgetOptions,
  ) {
    const rate = options.requestsPerSecond ?? DEFAULT_EDGAR_REQUESTS_PER_SECOND;
    if (
      !Number.isFinite(rate) ||
      rate <= 0 ||
      rate > MAX_EDGAR_REQUESTS_PER_SECOND
    ) {
      throw new RangeError(
        `EDGAR requests per second must be over 0 and at most ${MAX_EDGAR_REQUESTS_PER_SECOND}, got ${rate}`,
      );
    }
    this.requestsPerSecond = rate;
  }

  /**
   * Reserves one request and resolves when it may be sent (at once when `signal` aborts: the
   * caller checks it and sends nothing).
   *
   * @throws the Redis error when Redis fails (nothing was reserved).
   */
  async take(signal?: AbortSignal): Promise<void> {
    const wait = await this.run('take', '0');
    if (wait > 0 && !signal?.aborted) await abortableSleep(wait, signal);
  }

  /** Holds every replica's next request back at least `ms` (EDGAR said 429 or 403). */
  async pause(ms: number): Promise<void> {
    await this.run('pause', String(Math.max(0, Math.ceil(ms))));
  }

  private async run(mode: string, ms: string): Promise<number> {
    const call: ScriptCall = {
      keys: [this.options.key],
      arguments: [mode, String(this.requestsPerSecond), '1', ms],
    };
    let reply: unknown;
    try {
      reply = await this.client.evalSha(EDGAR_BUDGET_SCRIPT_SHA, call);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT'))
        throw error;
      reply = await this.client.eval(EDGAR_BUDGET_SCRIPT, call);
    }
    return typeof reply === 'number' ? reply : Number(reply) || 0;
  }
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
