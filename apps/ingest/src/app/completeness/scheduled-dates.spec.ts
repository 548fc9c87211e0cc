import { SCHEDULE_DEFAULTS, scheduledDates } from './scheduled-dates';

describe('scheduledDates', () => {
  it('wants a business day from the evening on, New York time, and the three before', () => {
    // Wednesday 18 March 2020, 23:00 EDT.
    expect(scheduledDates(Date.parse('2020-03-19T03:00:00Z'))).toEqual([
      '2020-03-18',
      '2020-03-17',
      '2020-03-16',
      '2020-03-13',
    ]);
  });

  it('does not want today before the evening hour', () => {
    // 21:59 EDT on the same day.
    expect(scheduledDates(Date.parse('2020-03-19T01:59:00Z'))[0]).toBe(
      '2020-03-17',
    );
  });

  it('wants no weekend day, and counts in winter time too', () => {
    // Saturday 4 January 2020, 23:00 EST.
    expect(
      scheduledDates(Date.parse('2020-01-05T04:00:00Z'), {
        ...SCHEDULE_DEFAULTS,
        lookbackDays: 2,
      }),
    ).toEqual(['2020-01-03', '2020-01-02']);
  });
});
