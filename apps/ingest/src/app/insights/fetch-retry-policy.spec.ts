import { FETCH_RETRY_DEFAULTS, nextFetchStep } from './fetch-retry-policy';

const policy = FETCH_RETRY_DEFAULTS;
const status = (code: number, retryAfterMs?: number) =>
  ({ kind: 'status', status: code, retryAfterMs }) as const;
const half = () => 0.5;

describe('nextFetchStep', () => {
  it('asks again after a 404 with doubling delays, then gives up as DOCUMENT_UNAVAILABLE', () => {
    const delays = [1, 2, 3, 4].map((attempt) =>
      nextFetchStep(status(404), attempt, policy, half),
    );
    expect(delays).toEqual(
      [2000, 4000, 8000, 16000].map((delayMs) => ({
        retry: true,
        delayMs,
        throttled: false,
      })),
    );
    expect(nextFetchStep(status(404), 5, policy)).toEqual({
      retry: false,
      problem: {
        code: 'DOCUMENT_UNAVAILABLE',
        message:
          'EDGAR answered 404 (not in the archive); gave up after 5 requests',
      },
    });
  });

  it('honours Retry-After on 429 and 403, capped, and says the budget is throttled', () => {
    expect(nextFetchStep(status(429, 3000), 1, policy)).toEqual({
      retry: true,
      delayMs: 3000,
      throttled: true,
    });
    expect(nextFetchStep(status(403, 3_600_000), 2, policy)).toEqual({
      retry: true,
      delayMs: 600_000,
      throttled: true,
    });
    const without = nextFetchStep(status(429), 1, policy, half);
    expect(without).toMatchObject({ retry: true, throttled: true });
    expect(nextFetchStep(status(429, 1000), 6, policy).retry).toBe(false);
  });

  it('retries 5xx, timeouts and network errors with capped backoff, up to maxAttempts', () => {
    for (const outcome of [
      status(503),
      { kind: 'timeout', timeoutMs: 30_000 } as const,
      { kind: 'network', message: 'ECONNRESET' } as const,
    ]) {
      const first = nextFetchStep(outcome, 1, policy, () => 0.999);
      expect(first).toMatchObject({ retry: true, throttled: false });
      const late = nextFetchStep(outcome, 5, policy, () => 0.999);
      expect(late.retry && late.delayMs).toBeLessThanOrEqual(policy.maxDelayMs);
      expect(nextFetchStep(outcome, 6, policy).retry).toBe(false);
    }
  });

  it('gives up at once on another 4xx or a body over the cap', () => {
    expect(nextFetchStep(status(400), 1, policy)).toMatchObject({
      retry: false,
      problem: { code: 'DOCUMENT_UNAVAILABLE' },
    });
    expect(nextFetchStep(status(410), 1, policy).retry).toBe(false);
    expect(
      nextFetchStep({ kind: 'too-large', maxBytes: 10 }, 1, policy),
    ).toEqual({
      retry: false,
      problem: {
        code: 'DOCUMENT_UNAVAILABLE',
        message: 'the submission is over 10 bytes; gave up after 1 request',
      },
    });
  });
});
