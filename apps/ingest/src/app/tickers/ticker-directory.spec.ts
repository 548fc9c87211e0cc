import { TickerDirectory } from './ticker-directory';

describe('TickerDirectory', () => {
  const directory = new TickerDirectory(
    new Map([
      [
        '1067983',
        [
          { ticker: 'BRK-B', exchange: 'NYSE' },
          { ticker: 'BRK-A', exchange: 'NYSE' },
        ],
      ],
      ['2007855', [{ ticker: 'VG', exchange: null }]],
    ]),
  );

  it('gives the share classes, the primary ticker and its exchange of a CIK, zeros or not', () => {
    expect(directory.tickersOf('0001067983')).toHaveLength(2);
    expect(directory.primaryTicker('1067983')).toBe('BRK-B');
    expect(directory.exchangeOf('1067983')).toBe('NYSE');
    expect(directory.exchangeOf('2007855')).toBeNull();
    expect(directory.size).toBe(2);
  });

  it('knows nothing of a CIK it does not list, nor of a prototype key', () => {
    expect(directory.tickersOf('1')).toEqual([]);
    expect(directory.primaryTicker('1')).toBeUndefined();
    expect(directory.exchangeOf('1')).toBeUndefined();
    expect(directory.primaryTicker('__proto__')).toBeUndefined();
  });

  it('is swapped whole by replace', () => {
    const swapped = new TickerDirectory();
    expect(swapped.size).toBe(0);
    swapped.replace(
      new Map([['50104', [{ ticker: 'TSO', exchange: 'NYSE' }]]]),
    );
    expect(swapped.primaryTicker('50104')).toBe('TSO');
  });
});
