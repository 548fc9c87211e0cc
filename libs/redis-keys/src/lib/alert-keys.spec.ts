import { createAlertKeys } from './alert-keys';
import { hashSlot } from './hash-slot';
import { createRedisKeys } from './redis-keys';

describe('createAlertKeys', () => {
  it('names the keys under the feed hash tag', () => {
    const keys = createAlertKeys();
    expect(keys.rules).toBe('alerts:{sec}:rules');
    expect(keys.queue('r1')).toBe('alerts:{sec}:queue:r1');
    expect(keys.deadLetters('r1')).toBe('alerts:{sec}:dead:r1');
  });

  it('puts every key of a prefix in the slot of that prefix stream', () => {
    const keys = createAlertKeys('t1:');
    const slot = hashSlot(createRedisKeys('t1:').stream);
    for (const key of [
      keys.rules,
      keys.rulesVersion,
      keys.active,
      keys.queue('a'),
      keys.jobs('a'),
      keys.state('a'),
      keys.lease('a'),
      keys.log('a'),
      keys.deadLetters('a'),
    ]) {
      expect(key.startsWith('t1:alerts:{t1:sec}:')).toBe(true);
      expect(hashSlot(key)).toBe(slot);
    }
  });

  it('refuses rule ids that could move the hash tag or are not plain', () => {
    const keys = createAlertKeys();
    for (const id of ['', 'a}b', 'a b', 'x'.repeat(65), 'a:b']) {
      expect(() => keys.queue(id)).toThrow(/rule id/);
    }
    expect(() => createAlertKeys('a{b')).toThrow(/invalid key prefix/);
  });
});
