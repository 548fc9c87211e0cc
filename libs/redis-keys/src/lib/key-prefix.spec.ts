import { keyPrefixFromEnv, MAX_KEY_PREFIX_LENGTH } from './key-prefix';

describe('keyPrefixFromEnv', () => {
  it('means no prefix when unset or empty', () => {
    expect(keyPrefixFromEnv({})).toBe('');
    expect(keyPrefixFromEnv({ SECFEED_KEY_PREFIX: '' })).toBe('');
  });

  it('returns a valid prefix unchanged', () => {
    expect(keyPrefixFromEnv({ SECFEED_KEY_PREFIX: 'test-1234:' })).toBe(
      'test-1234:',
    );
    const longest = 'p'.repeat(MAX_KEY_PREFIX_LENGTH);
    expect(keyPrefixFromEnv({ SECFEED_KEY_PREFIX: longest })).toBe(longest);
  });

  it.each([
    '{t1}',
    't1}',
    'a b',
    'tab\t',
    'x'.repeat(MAX_KEY_PREFIX_LENGTH + 1),
    'ünï:',
  ])('throws an error naming SECFEED_KEY_PREFIX for %j', (value) => {
    expect(() => keyPrefixFromEnv({ SECFEED_KEY_PREFIX: value })).toThrow(
      /^SECFEED_KEY_PREFIX /,
    );
  });
});
