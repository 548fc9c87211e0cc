import { easternWallTimeToMs } from './eastern-time';
import { HistoryError } from './history-error';
import { parseDateBound } from './parse-date-bound';

describe('parseDateBound', () => {
  it.each([
    ['2025-01-02', 'from', '2025-01-02T00:00:00-05:00'],
    ['2025-07-01', 'from', '2025-07-01T00:00:00-04:00'],
    // Spring forward: the day is 23 hours long.
    ['2025-03-09', 'from', '2025-03-09T00:00:00-05:00'],
    ['2025-11-02T01:30', 'from', '2025-11-02T01:30:00-04:00'],
    ['2025-03-10T09:30:15.25', 'from', '2025-03-10T09:30:15.250-04:00'],
    ['2025-03-10T09:30:00Z', 'to', '2025-03-10T09:30:00Z'],
    ['2025-03-10T09:30:00+05:30', 'to', '2025-03-10T04:00:00Z'],
    ['2025-03-10T09:30:00 05:30', 'to', '2025-03-10T04:00:00Z'],
  ])('%s as %s is %s', (text, edge, iso) => {
    expect(parseDateBound(text, edge as 'from' | 'to')).toBe(Date.parse(iso));
  });

  it.each([
    ['2025-03-09', Date.parse('2025-03-10T00:00:00-04:00') - 1],
    ['2025-11-02', Date.parse('2025-11-03T00:00:00-05:00') - 1],
    ['2024-02-29', Date.parse('2024-03-01T00:00:00-05:00') - 1],
  ])(
    'a bare date %s as to is the last millisecond of that New York day',
    (text, ms) => {
      expect(parseDateBound(text, 'to')).toBe(ms);
    },
  );

  it.each([
    'yesterday',
    '2025-3-10',
    '2025-02-29',
    '2025-13-01',
    '2025-03-10T25:00',
    '2025-03-10T09:60',
    '2025-03-10T09:30:61Z',
    '2025-03-10T09:30+24:00',
    '1969-12-31',
    '2025-03-10 09:30',
    '20250310',
    '',
  ])('refuses %j with INVALID_DATE', (text) => {
    expect(() => parseDateBound(text, 'from')).toThrow(
      expect.objectContaining({ code: 'INVALID_DATE' }) as HistoryError,
    );
  });

  it('reads a wall time in the spring-forward gap with the summer offset', () => {
    expect(easternWallTimeToMs(Date.UTC(2025, 2, 9, 2, 30))).toBe(
      Date.parse('2025-03-09T02:30:00-04:00'),
    );
  });
});
