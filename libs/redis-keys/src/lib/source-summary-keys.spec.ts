import { hashSlot } from './hash-slot';
import { createRedisKeys } from './redis-keys';
import { createSourceSummaryKeys } from './source-summary-keys';

describe('createSourceSummaryKeys', () => {
  it('names one hash per source and day under the feed hash tag', () => {
    const keys = createSourceSummaryKeys('t1:');
    expect(keys.day('edgar', '2020-03-18')).toBe(
      't1:sources:{t1:sec}:edgar:2020-03-18',
    );
    expect(hashSlot(keys.day('sec-api', '2020-03-18'))).toBe(
      hashSlot(createRedisKeys('t1:').stream),
    );
  });

  it('refuses a bad source, date or prefix', () => {
    const keys = createSourceSummaryKeys();
    expect(() => keys.day('Edgar', '2020-03-18')).toThrow(/source/);
    expect(() => keys.day('a{b}', '2020-03-18')).toThrow(/source/);
    expect(() => keys.day('edgar', '2020-3-18')).toThrow(/YYYY-MM-DD/);
    expect(() => createSourceSummaryKeys('a{b}')).toThrow(/prefix/);
  });
});
