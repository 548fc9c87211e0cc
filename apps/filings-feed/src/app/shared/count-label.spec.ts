import { countLabel } from './count-label';

describe('countLabel', () => {
  it.each([
    [0, '0 filings'],
    [1, '1 filing'],
    [2, '2 filings'],
    [12_345, '12,345 filings'],
  ])('%i → %s', (count, label) => {
    expect(countLabel(count, 'filing')).toBe(label);
  });

  it('takes an irregular plural', () => {
    expect(countLabel(2, 'entry', 'entries')).toBe('2 entries');
    expect(countLabel(1, 'entry', 'entries')).toBe('1 entry');
  });
});
