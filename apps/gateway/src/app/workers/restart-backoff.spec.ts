import { RestartBackoff } from './restart-backoff';

describe('RestartBackoff', () => {
  const top = () => 0.999_999;

  it('waits at most half a second after a worker that ran a minute or more', () => {
    const backoff = new RestartBackoff(undefined, top);
    expect(backoff.next(3_600_000)).toBe(500);
    expect(backoff.next(60_000)).toBe(500);
    expect(backoff.failures).toBe(1);
  });

  it('doubles the pause for each worker that dies soon after its start, up to 30 s', () => {
    const backoff = new RestartBackoff(undefined, top);
    const delays = Array.from({ length: 9 }, () => backoff.next(200));
    expect(delays).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('never restarts at once, whatever the draw: a crash loop cannot spin', () => {
    const backoff = new RestartBackoff(undefined, () => 0);
    expect(backoff.next(0)).toBe(50);
    expect(backoff.next(0)).toBe(50);
  });

  it('starts again from the first pause once a worker lived long enough', () => {
    const backoff = new RestartBackoff(undefined, top);
    backoff.next(10);
    backoff.next(10);
    expect(backoff.next(10)).toBe(2000);
    expect(backoff.next(120_000)).toBe(500);
    expect(backoff.next(10)).toBe(1000);
  });
});
