import { replaySchedule, steadySchedule } from './feed-schedule';
import { filingAt } from './replay-day';

const at = (filedAt: string, accessionNo = '0000000001-20-000001') => ({
  accessionNo,
  filedAt,
});

describe('steadySchedule', () => {
  it('is due rate filings per second, rounded down', () => {
    const due = steadySchedule(100);
    expect(due(0)).toBe(0);
    expect(due(9)).toBe(0);
    expect(due(10)).toBe(1);
    expect(due(1000)).toBe(100);
  });
});

describe('replaySchedule', () => {
  const day = [
    at('2020-01-03T16:00:00-05:00'),
    at('2020-01-03T16:00:00-05:00'),
    at('2020-01-03T16:01:00-05:00'),
    at('2020-01-03T16:10:00-05:00'),
  ];

  it('keeps the day spacing, speed times faster', () => {
    const due = replaySchedule(day, 60); // one real minute per second
    expect(due(0)).toBe(2);
    expect(due(999)).toBe(2);
    expect(due(1000)).toBe(3);
    expect(due(9999)).toBe(3);
    expect(due(10000)).toBe(4);
  });

  it('starts the next lap after the last filing', () => {
    const due = replaySchedule(day, 60);
    // The day spans 10 s at this speed, the lap gap is 1000/60 ms.
    expect(due(10_000 + 1000 / 60)).toBe(4 + 2);
  });
});

describe('filingAt', () => {
  const day = [
    at('2020-01-03T16:00:00-05:00', '0001209191-20-000788'),
    at('2020-01-03T16:00:01-05:00', '0001209191-20-000789'),
  ];

  it('replays the day as is on the first lap', () => {
    expect(filingAt(day, 1)).toBe(day[1]);
  });

  it('gives each later lap distinct accession numbers, keeping the rest of the filing', () => {
    expect(filingAt(day, 2)).toEqual({
      ...day[0],
      accessionNo: '0001209191-21-000788',
    });
    expect(filingAt(day, 5)).toEqual({
      ...day[1],
      accessionNo: '0001209191-22-000789',
    });
  });
});
