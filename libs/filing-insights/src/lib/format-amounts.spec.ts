import {
  formatPercent,
  formatPrice,
  formatShares,
  formatValue,
} from './format-amounts';

describe('amounts as a trader reads them', () => {
  it.each([
    [950, '$950'],
    [3525, '$3.5k'],
    [50_000, '$50k'],
    [374_400, '$374k'],
    [999_600, '$1M'],
    [3_529_575, '$3.5M'],
    [30_351_309.77, '$30M'],
    [1_250_000_000, '$1.3B'],
  ])('value %d is %s', (value, text) => {
    expect(formatValue(value)).toBe(text);
  });

  it('writes shares with separators, prices to the cent (four places under a dollar), percents short', () => {
    expect(formatShares(12000)).toBe('12,000');
    expect(formatShares(942779.937806)).toBe('942,779.94');
    expect(formatPrice(31.2)).toBe('$31.20');
    expect(formatPrice(0.3325)).toBe('$0.3325');
    expect(formatPrice(1234.5)).toBe('$1,234.50');
    expect(formatPercent(9.9)).toBe('9.9%');
    expect(formatPercent(0.03)).toBe('0.03%');
    expect(formatPercent(60)).toBe('60%');
  });
});
