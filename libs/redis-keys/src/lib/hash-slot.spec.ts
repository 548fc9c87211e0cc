import { hashSlot } from './hash-slot';

describe('hashSlot', () => {
  it('matches the reference values of the Redis Cluster specification', () => {
    // CRC16/XMODEM("123456789") = 0x31C3 is the check value the spec quotes.
    expect(hashSlot('123456789')).toBe(0x31c3);
    expect(hashSlot('foo')).toBe(12182);
    expect(hashSlot('bar')).toBe(5061);
  });

  it('hashes only the first non-empty hash tag', () => {
    expect(hashSlot('{user1000}.following')).toBe(
      hashSlot('{user1000}.followers'),
    );
    expect(hashSlot('a{user1000}b')).toBe(hashSlot('user1000'));
    expect(hashSlot('foo{}{bar}')).not.toBe(hashSlot('bar'));
    expect(hashSlot('foo{{bar}}zap')).toBe(hashSlot('{bar'));
  });
});
