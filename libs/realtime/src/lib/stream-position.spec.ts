import {
  comparePositions,
  maxPosition,
  parsePosition,
  positionTimeMs,
} from './stream-position';

describe('stream positions', () => {
  it.each([
    ['1736000000000-0', '1736000000000-0'],
    ['0017-03', '17-3'],
    ['0-0', '0-0'],
    [
      '18446744073709551615-18446744073709551615',
      '18446744073709551615-18446744073709551615',
    ],
  ])('parsePosition(%j) is %j', (input, canonical) => {
    expect(parsePosition(input)).toBe(canonical);
  });

  it.each([
    [''],
    ['1736000000000'],
    ['-1-0'],
    ['1-2-3'],
    ['a-b'],
    ['18446744073709551616-0'],
    [' 1-0'],
    [17],
    [null],
  ])('parsePosition(%j) refuses it', (input) => {
    expect(parsePosition(input)).toBeUndefined();
  });

  it('compares numerically, by time then sequence', () => {
    expect(comparePositions('9-0', '10-0')).toBeLessThan(0);
    expect(comparePositions('10-2', '10-10')).toBeLessThan(0);
    expect(comparePositions('10-1', '10-1')).toBe(0);
    expect(comparePositions('11-0', '10-99')).toBeGreaterThan(0);
    expect(maxPosition('9-5', '10-0')).toBe('10-0');
  });

  it('reads the time of a position', () => {
    expect(positionTimeMs('1736000000123-4')).toBe(1736000000123);
  });
});
