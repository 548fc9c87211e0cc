import { chooseEncoding } from './choose-encoding';

describe('chooseEncoding', () => {
  it.each([
    ['gzip, deflate, br', 'br'],
    ['GZIP', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.0', undefined],
    ['br;q=0.5', 'br'],
    ['gzip;q=1, br;q=0.5', 'gzip'],
    ['gzip;q=0.8, br;q=0.9', 'br'],
    ['gzip, br', 'br'],
    ['gzip ; q=0.7 , br ; q=0.7', 'br'],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['gzip;q=0, *', 'br'],
    ['identity', undefined],
    ['identity;q=1, gzip;q=0.5', undefined],
    ['identity;q=0.1, gzip', 'gzip'],
    ['deflate', undefined],
    ['zstd, deflate', undefined],
    ['br;q=2', undefined],
    ['br;q=abc, gzip', 'gzip'],
    ['gzip;q=0.0001', undefined],
    [';;;,,,=q', undefined],
    ['\u00ff\u0000garbage', undefined],
    ['', undefined],
  ])('%j gives %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });

  it('gives none without a header', () => {
    expect(chooseEncoding(undefined)).toBeUndefined();
  });
});
