import { withTimeout } from './with-timeout';

describe('withTimeout', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('resolves with the value of work that settles in time', async () => {
    const answer = withTimeout(Promise.resolve('filed'), 1000);
    await expect(answer).resolves.toBe('filed');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('passes on the rejection of work that fails in time', async () => {
    const answer = withTimeout(Promise.reject(new Error('down')), 1000);
    await expect(answer).rejects.toThrow('down');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('rejects after the time with a message naming what was waited for', async () => {
    const answer = withTimeout(new Promise<never>(() => undefined), 500);
    let settled = false;
    const outcome = answer
      .then(
        () => 'resolved',
        (err: Error) => err.message,
      )
      .finally(() => (settled = true));
    jest.advanceTimersByTime(499);
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(settled).toBe(false);
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(1);
    await expect(outcome).resolves.toBe('no answer from Redis within 500 ms');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('names another thing waited for', async () => {
    const answer = withTimeout(
      new Promise<never>(() => undefined),
      20,
      'EDGAR',
    );
    jest.advanceTimersByTime(20);
    await expect(answer).rejects.toThrow('no answer from EDGAR within 20 ms');
  });

  it('clears its timer once the work settles', async () => {
    let finish: (value: number) => void = () => undefined;
    const answer = withTimeout(
      new Promise<number>((resolve) => (finish = resolve)),
      1000,
    );
    expect(jest.getTimerCount()).toBe(1);
    finish(7);
    await expect(answer).resolves.toBe(7);
    expect(jest.getTimerCount()).toBe(0);
  });
});
