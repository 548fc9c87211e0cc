import {
  DAY_MS,
  HOUR_MS,
  TickerRefreshSchedule,
} from './ticker-refresh-schedule';
import { eventually, FakeTimers } from './test-support/fake-timers';

describe('TickerRefreshSchedule', () => {
  it('refreshes at start, a day after a good refresh, an hour after a failed one', async () => {
    const timers = new FakeTimers();
    const outcomes = ['ok', '5xx', 'ok'];
    let calls = 0;
    const schedule = new TickerRefreshSchedule({
      timers,
      refresh: async () => outcomes[calls++],
    });
    schedule.start();
    expect(timers.fire()).toBe(0);
    await eventually(() => timers.pending.length === 1);
    expect(calls).toBe(1);
    expect(timers.fire()).toBe(DAY_MS);
    await eventually(() => timers.pending.length === 1);
    expect(calls).toBe(2);
    expect(timers.fire()).toBe(HOUR_MS);
    await eventually(() => timers.pending.length === 1);
    expect(calls).toBe(3);
    expect(timers.pending[0].ms).toBe(DAY_MS);
    await schedule.stop();
    expect(timers.pending).toHaveLength(0);
  });

  it('takes a refresh that rejects (it should not) as a failure, and goes on', async () => {
    const timers = new FakeTimers();
    const schedule = new TickerRefreshSchedule({
      timers,
      retryMs: 5,
      refresh: () => Promise.reject(new Error('boom')),
    });
    schedule.start();
    timers.fire();
    await eventually(() => timers.pending.length === 1);
    expect(timers.pending[0].ms).toBe(5);
    await schedule.stop();
  });

  it('stops a refresh in flight, waits for it, and schedules nothing after', async () => {
    const timers = new FakeTimers();
    let seen: AbortSignal | undefined;
    const schedule = new TickerRefreshSchedule({
      timers,
      refresh: (signal) => {
        seen = signal;
        return new Promise((resolve) =>
          signal.addEventListener('abort', () => resolve('stopped')),
        );
      },
    });
    schedule.start();
    schedule.start();
    timers.fire();
    expect(seen?.aborted).toBe(false);
    await schedule.stop();
    expect(seen?.aborted).toBe(true);
    expect(timers.pending).toHaveLength(0);
    schedule.start();
    expect(timers.pending).toHaveLength(0);
  });
});
