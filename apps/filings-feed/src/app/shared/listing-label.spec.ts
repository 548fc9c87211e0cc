import { listingLabel } from './listing-label';

describe('listingLabel', () => {
  it.each([
    [{ ticker: 'AAPL', exchange: 'Nasdaq' }, 'AAPL · Nasdaq'],
    [{ ticker: 'BRK-B', exchange: 'NYSE' }, 'BRK-B · NYSE'],
    [{ ticker: 'ACME' }, 'ACME'],
    [{ ticker: '', exchange: 'OTC' }, 'OTC'],
    [{ ticker: '' }, ''],
  ])('writes %j as %j', (filing, label) => {
    expect(listingLabel(filing)).toBe(label);
  });
});
