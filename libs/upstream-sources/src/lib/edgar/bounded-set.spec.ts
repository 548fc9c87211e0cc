import { BoundedSet } from './bounded-set';

describe('BoundedSet', () => {
  it('forgets the oldest key beyond its capacity', () => {
    const set = new BoundedSet<string>(3);
    ['a', 'b', 'c', 'd'].forEach((key) => set.add(key));
    expect(set.has('a')).toBe(false);
    expect(['b', 'c', 'd'].every((key) => set.has(key))).toBe(true);
    expect(set.size).toBe(3);
  });

  it('does not refresh the age of a key added again', () => {
    const set = new BoundedSet<string>(2).add('a').add('b').add('a').add('c');
    expect(set.has('a')).toBe(false);
    expect(set.has('b')).toBe(true);
  });

  it('stays at capacity over many insertions', () => {
    const set = new BoundedSet<number>(10_000);
    for (let i = 0; i < 25_000; i++) set.add(i);
    expect(set.size).toBe(10_000);
    expect(set.has(14_999)).toBe(false);
    expect(set.has(15_000)).toBe(true);
  });

  it('forgets a deleted key, and counts it as the newest when added again', () => {
    const set = new BoundedSet<string>(3).add('a').add('b').add('c');
    expect(set.delete('a')).toBe(true);
    expect(set.delete('a')).toBe(false);
    expect(set.has('a')).toBe(false);
    expect(set.size).toBe(2);
    set.add('a').add('d');
    expect(set.has('b')).toBe(false);
    expect(['c', 'a', 'd'].every((key) => set.has(key))).toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses capacity %p', (capacity) => {
    expect(() => new BoundedSet(capacity)).toThrow(RangeError);
  });
});
