import { hashSlot } from './hash-slot';
import { createCompletenessKeys } from './completeness-keys';
import { createRedisKeys } from './redis-keys';

describe('createCompletenessKeys', () => {
  it('names each day and shares the feed hash tag', () => {
    const keys = createCompletenessKeys('t1:');
    expect(keys.report('2020-03-18')).toBe(
      't1:completeness:{t1:sec}:report:2020-03-18',
    );
    expect(keys.late('2020-03-18')).toBe(
      't1:completeness:{t1:sec}:late:2020-03-18',
    );
    expect(keys.progress('2020-03-18')).toBe(
      't1:completeness:{t1:sec}:progress:2020-03-18',
    );
    expect(keys.requests).toBe('t1:completeness:{t1:sec}:requests');
    const slot = hashSlot(createRedisKeys('t1:').stream);
    for (const name of [
      keys.report('2020-03-18'),
      keys.lock('2020-03-18'),
      keys.progress('2020-03-18'),
      keys.attempt('2020-03-18'),
      keys.requests,
    ])
      expect(hashSlot(name)).toBe(slot);
  });

  it('refuses what is no date and a bad prefix', () => {
    const keys = createCompletenessKeys();
    expect(() => keys.report('2020-3-18')).toThrow('YYYY-MM-DD');
    expect(() => keys.lock('x}')).toThrow();
    expect(() => createCompletenessKeys('a{b')).toThrow('invalid key prefix');
  });
});
