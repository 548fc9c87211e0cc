import { hashSlot } from './hash-slot';
import { createRedisKeys, RedisKeys } from './redis-keys';

const ACC = '0000320193-25-000079';

function everyKey(keys: RedisKeys): string[] {
  return [
    keys.stream,
    keys.latest,
    keys.history,
    keys.deadLetters,
    keys.watermark,
    keys.edgarBudget,
    keys.ticker('AAPL'),
    keys.seen(ACC),
    keys.insightsSeen(ACC),
    keys.filing(ACC),
    keys.cik('320193'),
    keys.formType('10-K'),
  ];
}

describe('createRedisKeys', () => {
  it('defaults to the seed names with one {sec} hash tag', () => {
    const keys = createRedisKeys();
    expect(keys.prefix).toBe('');
    expect(keys.hashTag).toBe('{sec}');
    expect(everyKey(keys)).toEqual([
      'stream:{sec}:filings',
      'cache:{sec}:filings:latest',
      'index:{sec}:filings:all',
      'deadletter:{sec}:filings',
      'watermark:{sec}:filings',
      'budget:{sec}:edgar',
      'cache:{sec}:filings:ticker:AAPL',
      `dedup:{sec}:filings:${ACC}`,
      `dedup:{sec}:insights:${ACC}`,
      `doc:{sec}:filings:${ACC}`,
      'index:{sec}:filings:cik:320193',
      'index:{sec}:filings:form:10-K',
    ]);
  });

  it('puts the prefix in front of every key and inside the hash tag', () => {
    const keys = createRedisKeys('t1:');
    expect(keys.hashTag).toBe('{t1:sec}');
    expect(keys.stream).toBe('t1:stream:{t1:sec}:filings');
    expect(keys.seen(ACC)).toBe(`t1:dedup:{t1:sec}:filings:${ACC}`);
    expect(keys.insightsSeen(ACC)).toBe(`t1:dedup:{t1:sec}:insights:${ACC}`);
    for (const key of everyKey(keys)) {
      expect(key.startsWith('t1:')).toBe(true);
      expect(key).toContain('{t1:sec}');
    }
  });

  it('places all keys of one prefix in one cluster slot, and two prefixes in different slots', () => {
    const slotsOf = (prefix: string) =>
      new Set(everyKey(createRedisKeys(prefix)).map(hashSlot));
    const plain = slotsOf('');
    const tenant = slotsOf('t1:');
    expect(plain.size).toBe(1);
    expect(tenant.size).toBe(1);
    expect([...plain][0]).toBe(hashSlot('sec'));
    expect([...tenant][0]).not.toBe([...plain][0]);
    expect([...slotsOf('t2:')][0]).not.toBe([...tenant][0]);
  });

  it('normalizes key parts the way filters compare them', () => {
    const keys = createRedisKeys();
    expect(keys.ticker(' brk-b ')).toBe('cache:{sec}:filings:ticker:BRK-B');
    expect(keys.formType('10-k/a ')).toBe('index:{sec}:filings:form:10-K/A');
    expect(keys.formType('SC  13d')).toBe('index:{sec}:filings:form:SC_13D');
    expect(keys.cik('0000320193')).toBe(keys.cik('320193'));
    expect(keys.cik('0')).toBe('index:{sec}:filings:cik:0');
  });

  it('returns a frozen object', () => {
    const keys = createRedisKeys();
    expect(Object.isFrozen(keys)).toBe(true);
    expect(() => {
      (keys as { stream: string }).stream = 'other';
    }).toThrow(TypeError);
  });

  it.each([
    ['a brace', 'a{b'],
    ['a closing brace', 'a}'],
    ['a space', 'a b'],
    ['a newline', 'a\n'],
    ['non-ASCII', 'tenant-é'],
    ['too many characters', 'x'.repeat(65)],
  ])('rejects a prefix with %s', (_, prefix) => {
    expect(() => createRedisKeys(prefix)).toThrow(/invalid key prefix/);
  });

  it.each([
    ['ticker', (k: RedisKeys) => k.ticker('A{B')],
    ['ticker', (k: RedisKeys) => k.ticker('BRK B')],
    ['ticker', (k: RedisKeys) => k.ticker('  ')],
    ['form type', (k: RedisKeys) => k.formType('8-K}')],
    ['form type', (k: RedisKeys) => k.formType('')],
    ['form type', (k: RedisKeys) => k.formType('10-\nK')],
    ['form type', (k: RedisKeys) => k.formType('SC\t13D')],
    ['accession number', (k: RedisKeys) => k.seen('')],
    ['accession number', (k: RedisKeys) => k.filing('0000320193 25 000079')],
    ['accession number', (k: RedisKeys) => k.seen('{x}')],
    ['CIK', (k: RedisKeys) => k.cik('AAPL')],
    ['CIK', (k: RedisKeys) => k.cik('12345678901')],
  ])('rejects a bad %s', (kind, build) => {
    expect(() => build(createRedisKeys())).toThrow(kind);
  });
});
