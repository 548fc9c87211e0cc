import type { Logger } from '@secfeed/service-runtime';

/**
 * Logs a Redis outage once, when the first request fails, and its end once, when a request
 * succeeds again: at a hundred requests a second, a line per failed request would bury
 * everything else. Every failed request is still counted (`errors{code="REDIS_UNAVAILABLE"}`).
 */
export class RedisOutageLog {
  private down = false;

  constructor(private readonly logger: Logger) {}

  /** A request failed on Redis. */
  failed(err: unknown): void {
    if (this.down) return;
    this.down = true;
    const message = err instanceof Error ? err.message : String(err);
    this.logger.warn(
      { err: message },
      'History API: Redis unavailable, answering 503',
    );
  }

  /** A request got its answer from Redis. */
  succeeded(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.info('History API: Redis answers again');
  }
}
