import { DEFAULT_DELIVERY_OPTIONS } from './delivery-options';
import { retryDecision } from './retry-decision';

const options = DEFAULT_DELIVERY_OPTIONS;
const serverError = {
  ok: false as const,
  code: 'SERVER_ERROR' as const,
  retryable: true,
};
const T0 = 1_700_000_000_000;

describe('retryDecision', () => {
  it('backs off exponentially with full jitter under the 5 min cap', () => {
    const top = (attempt: number) =>
      retryDecision(serverError, attempt, T0, T0, options, () => 0.999999);
    expect(top(1)).toEqual({ giveUp: false, delayMs: 1000 });
    expect(top(2)).toEqual({ giveUp: false, delayMs: 2000 });
    expect(top(5)).toEqual({ giveUp: false, delayMs: 16_000 });
    expect(top(20)).toEqual({ giveUp: false, delayMs: 300_000 });
    const low = retryDecision(serverError, 20, T0, T0, options, () => 0);
    expect(low).toEqual({ giveUp: false, delayMs: 100 });
  });

  it('waits at least what Retry-After asks, up to an hour', () => {
    const limited = { ...serverError, code: 'RATE_LIMITED' as const };
    expect(
      retryDecision(
        { ...limited, retryAfterMs: 30_000 },
        1,
        T0,
        T0,
        options,
        () => 0.5,
      ),
    ).toEqual({ giveUp: false, delayMs: 30_000 });
    expect(
      retryDecision(
        { ...limited, retryAfterMs: 86_400_000 },
        1,
        T0,
        T0,
        options,
        () => 0.5,
      ),
    ).toEqual({ giveUp: false, delayMs: 3_600_000 });
  });

  it('gives up what cannot succeed, at the attempt limit, and past the age limit', () => {
    const rejected = {
      ok: false as const,
      code: 'REJECTED' as const,
      retryable: false,
      status: 404,
    };
    expect(retryDecision(rejected, 1, T0, T0, options)).toEqual({
      giveUp: true,
    });
    expect(retryDecision(serverError, 59, T0, T0, options).giveUp).toBe(false);
    expect(retryDecision(serverError, 60, T0, T0, options)).toEqual({
      giveUp: true,
    });
    expect(
      retryDecision(serverError, 3, T0, T0 + 7_199_999, options).giveUp,
    ).toBe(false);
    expect(retryDecision(serverError, 3, T0, T0 + 7_200_000, options)).toEqual({
      giveUp: true,
    });
  });
});
