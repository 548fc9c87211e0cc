import { createRedisKeys } from '@secfeed/redis-keys';
import {
  PUBLISHER_DEFAULTS,
  resolvePublisherOptions,
} from './publisher-options';

describe('resolvePublisherOptions', () => {
  it('applies the documented defaults', () => {
    const resolved = resolvePublisherOptions();
    expect(resolved).toMatchObject({
      retentionMs: 7 * 24 * 60 * 60 * 1000,
      streamMaxLen: 100_000,
      latestMax: 500,
      tickerMax: 1000,
      now: Date.now,
    });
    expect(resolved.keys.stream).toBe('stream:{sec}:filings');
    expect(
      resolvePublisherOptions({ retentionMs: undefined }).retentionMs,
    ).toBe(PUBLISHER_DEFAULTS.retentionMs);
  });

  it('keeps given values', () => {
    const keys = createRedisKeys('t1:');
    expect(
      resolvePublisherOptions({ keys, tickerMax: 10, retentionMs: 300 }),
    ).toMatchObject({
      keys,
      tickerMax: 10,
      retentionMs: 300,
    });
  });

  it.each([
    ['retentionMs', { retentionMs: 0 }],
    ['retentionMs', { retentionMs: 1.5 }],
    ['retentionMs', { retentionMs: 36_501 * 24 * 60 * 60 * 1000 }],
    ['streamMaxLen', { streamMaxLen: -1 }],
    ['latestMax', { latestMax: Number.NaN }],
    ['tickerMax', { tickerMax: '10' as unknown as number }],
    ['keys', { keys: { stream: 'x' } as never }],
    ['now', { now: 5 as never }],
  ])('throws an error naming %s when it is invalid', (name, options) => {
    expect(() => resolvePublisherOptions(options)).toThrow(name);
  });
});
