import { MAX_CONSECUTIVE_ERRORS, MessageGuard } from './message-guard';

describe('MessageGuard', () => {
  it('accepts a burst of twice the rate, refuses, then closes a flood', () => {
    const now = 0;
    const guard = new MessageGuard(5, () => now);
    const admissions = Array.from({ length: 30 }, () => guard.admit());
    expect(admissions.slice(0, 10)).toEqual(Array(10).fill('accept'));
    expect(admissions.slice(10, 19)).toEqual(Array(9).fill('rate-limited'));
    expect(admissions[19]).toBe('close-rate-limited');
  });

  it('forgives refusals once a message is accepted again', () => {
    let now = 0;
    const guard = new MessageGuard(1, () => now);
    expect([guard.admit(), guard.admit(), guard.admit()]).toEqual([
      'accept',
      'accept',
      'rate-limited',
    ]);
    now += 1000;
    expect(guard.admit()).toBe('accept');
    expect(guard.admit()).toBe('rate-limited');
  });

  it('closes after too many errors in a row, unless a valid message comes between', () => {
    const guard = new MessageGuard(100);
    for (let i = 1; i < MAX_CONSECUTIVE_ERRORS; i += 1)
      expect(guard.recordError()).toBe(false);
    guard.recordValid();
    for (let i = 1; i < MAX_CONSECUTIVE_ERRORS; i += 1)
      expect(guard.recordError()).toBe(false);
    expect(guard.recordError()).toBe(true);
  });
});
