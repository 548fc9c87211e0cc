/**
 * A count with its noun in the right number: `1 filing`, `3 filings`, `0 filings`. The noun's
 * plural is the noun and `s` unless given.
 *
 * @example
 * countLabel(1, 'filing'); // '1 filing'
 */
export function countLabel(
  count: number,
  noun: string,
  plural = `${noun}s`,
): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : plural}`;
}
