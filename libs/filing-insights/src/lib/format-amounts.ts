const SHARES = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const PRICE = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const SMALL_PRICE = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});
const PERCENT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** `12,000`; fractions to two places (`942,779.94`). */
export function formatShares(shares: number): string {
  return SHARES.format(shares);
}

/** `$31.20`; under a dollar up to four places (`$0.3325`). */
export function formatPrice(price: number): string {
  return `$${(price < 1 ? SMALL_PRICE : PRICE).format(price)}`;
}

/** `$950`, `$374k`, `$2.1M`, `$24M`, `$1.3B`: three significant figures at most. */
export function formatValue(value: number): string {
  const steps: [number, string][] = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, unit] of steps) {
    if (value >= size * 0.9995) {
      const scaled = value / size;
      const digits = scaled < 10 ? 1 : 0;
      return `$${Number(scaled.toFixed(digits))}${unit}`;
    }
  }
  return `$${Math.round(value)}`;
}

/** `9.9%`, `0.03%`, `60.4%`. */
export function formatPercent(percent: number): string {
  return `${PERCENT.format(percent)}%`;
}
