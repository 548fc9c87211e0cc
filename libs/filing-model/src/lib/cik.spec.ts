import { canonicalCik, isCanonicalCik } from './cik';

describe('canonicalCik', () => {
  it.each([
    ['0000320193', '320193'],
    ['320193', '320193'],
    ['0001824149', '1824149'],
    ['9999999999', '9999999999'],
    ['000000009999999999', '9999999999'],
  ])('turns %j into %j', (input, expected) => {
    expect(canonicalCik(input)).toBe(expected);
    expect(isCanonicalCik(canonicalCik(input))).toBe(true);
  });

  it.each(['', '0', '0000', 'abc', '32O193', '-1', ' 320193', '12345678901'])(
    'leaves %j unchanged for validation to refuse',
    (input) => {
      expect(canonicalCik(input)).toBe(input);
      expect(isCanonicalCik(input)).toBe(false);
    },
  );

  it('leaves non-strings alone', () => {
    expect(canonicalCik(320193)).toBe(320193);
    expect(isCanonicalCik(320193)).toBe(false);
  });
});
