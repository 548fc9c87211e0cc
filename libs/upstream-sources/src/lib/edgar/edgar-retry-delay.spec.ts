import { edgarRetryDelay, parseRetryAfter } from './edgar-retry-delay';

const top = () => 0.999_999_999;
const bottom = () => 0;

describe('edgarRetryDelay', () => {
  it('starts at the poll interval and grows with consecutive failures', () => {
    expect(edgarRetryDelay({ status: 500 }, 0, 5000, top)).toBe(5000);
    expect(edgarRetryDelay({}, 1, 5000, top)).toBe(10_000);
    expect(edgarRetryDelay({}, 3, 5000, top)).toBe(40_000);
    expect(edgarRetryDelay({}, 30, 5000, top)).toBe(300_000);
  });

  it('never goes below the poll interval', () => {
    expect(edgarRetryDelay({ status: 503 }, 2, 5000, bottom)).toBe(5000);
  });

  it.each([403, 429])('slows down hard on %i', (status) => {
    expect(edgarRetryDelay({ status }, 0, 5000, bottom)).toBe(60_000);
    expect(edgarRetryDelay({ status }, 2, 5000, top)).toBe(240_000);
    expect(edgarRetryDelay({ status }, 10, 5000, top)).toBe(600_000);
  });

  it('honours a longer Retry-After, capped at an hour', () => {
    expect(
      edgarRetryDelay({ status: 429, retryAfterMs: 900_000 }, 0, 5000, bottom),
    ).toBe(900_000);
    expect(
      edgarRetryDelay({ status: 503, retryAfterMs: 9e9 }, 0, 5000, bottom),
    ).toBe(3_600_000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-11-03T21:00:00Z');

  it.each([
    ['120', 120_000],
    ['Mon, 03 Nov 2025 21:10:00 GMT', 600_000],
    ['Mon, 03 Nov 2025 20:00:00 GMT', 0],
    ['soon', undefined],
    [null, undefined],
  ])('%j gives %j', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
