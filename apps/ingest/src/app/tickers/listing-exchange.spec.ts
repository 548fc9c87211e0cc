import { listingExchange } from './listing-exchange';

describe('listingExchange', () => {
  const novo = [
    { ticker: 'NVO', exchange: 'NYSE' },
    { ticker: 'NONOF', exchange: 'OTC' },
  ];

  it('gives the exchange of the share class the ticker names, case and separators aside', () => {
    expect(listingExchange(novo, 'NONOF')).toBe('OTC');
    expect(listingExchange(novo, 'nonof')).toBe('OTC');
    expect(
      listingExchange(
        [
          { ticker: 'BF-B', exchange: 'NYSE' },
          { ticker: 'BF-A', exchange: 'OTC' },
        ],
        'BF.A',
      ),
    ).toBe('OTC');
  });

  it("falls back to the primary listing's for no ticker or one it does not list", () => {
    expect(listingExchange(novo, '')).toBe('NYSE');
    expect(listingExchange(novo, 'XYZ')).toBe('NYSE');
  });

  it('is undefined when nothing is listed or the SEC gives no exchange', () => {
    expect(listingExchange([], 'AAPL')).toBeUndefined();
    expect(
      listingExchange([{ ticker: 'VG', exchange: null }], 'VG'),
    ).toBeUndefined();
    expect(
      listingExchange(
        [
          { ticker: 'A', exchange: 'NYSE' },
          { ticker: 'B', exchange: null },
        ],
        'B',
      ),
    ).toBeUndefined();
  });
});
