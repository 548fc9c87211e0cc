import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { edgarFilingDate } from './edgar-filing-date';

const documents = join(
  __dirname,
  '../../../../../shared/fixtures/edgar/documents',
);

const at = (iso: string) => Date.parse(iso);

describe('edgarFilingDate', () => {
  it.each([
    // [acceptance time, form, filing date]: business hours, then the 17:30 cut-off
    ['2024-03-15T16:30:12-04:00', '8-K', '2024-03-15'],
    ['2024-03-15T17:29:59-04:00', '8-K', '2024-03-15'],
    ['2024-03-15T17:30:00-04:00', '8-K', '2024-03-18'], // Friday evening: Monday
    ['2024-03-15T21:45:00Z', '10-Q', '2024-03-18'], // the same instant written in UTC
    ['2024-03-16T10:00:00-04:00', '8-K', '2024-03-18'], // Saturday
    // Forms 3, 4, 5 until 22:00
    ['2024-03-15T21:59:59-04:00', '4', '2024-03-15'],
    ['2024-03-15T22:00:00-04:00', '4', '2024-03-18'],
    ['2024-03-14T20:00:00-04:00', '5/A', '2024-03-14'],
    // Schedules 13D/13G until 22:00 only from 2024-02-05
    ['2024-03-14T19:00:00-04:00', 'SC 13G', '2024-03-14'],
    ['2024-03-14T19:00:00-04:00', 'SCHEDULE 13D/A', '2024-03-14'],
    ['2023-03-14T19:00:00-04:00', 'SC 13G', '2023-03-15'],
    // holidays, as observed
    ['2024-07-03T18:00:00-04:00', '8-K', '2024-07-05'], // Independence Day, a Thursday
    ['2021-12-30T18:00:00-05:00', '8-K', '2022-01-03'], // New Year's Day 2022 (Sat) observed Fri 31 Dec
    ['2025-11-26T17:31:00-05:00', '8-K', '2025-11-28'], // Thanksgiving; the Friday after is open
    ['2026-01-16T18:00:00-05:00', '8-K', '2026-01-20'], // Martin Luther King Jr. Day
    ['2026-06-19T09:00:00-04:00', '8-K', '2026-06-22'], // Juneteenth, a Friday
    ['2020-06-19T09:00:00-04:00', '8-K', '2020-06-19'], // not yet a federal holiday
    ['2026-05-22T18:00:00-04:00', '8-K', '2026-05-26'], // Memorial Day weekend
    ['2026-11-10T18:00:00-05:00', '8-K', '2026-11-12'], // Veterans Day, a Wednesday
    ['2026-10-09T18:00:00-04:00', '8-K', '2026-10-13'], // Columbus Day
    ['2026-09-04T18:00:00-04:00', '8-K', '2026-09-08'], // Labor Day
    ['2026-02-13T18:00:00-05:00', '8-K', '2026-02-17'], // Washington's Birthday
    ['2022-12-23T18:00:00-05:00', '8-K', '2022-12-27'], // Christmas (Sun) observed Mon 26
  ])('%s %s is filed on %s', (filedAt, form, date) => {
    expect(edgarFilingDate(at(filedAt), form)).toBe(date);
  });

  it("agrees with EDGAR's FILED AS OF DATE on every full submission in the fixtures", () => {
    const files = readdirSync(documents).filter((f) => f.includes('fullsub'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const header = readFileSync(join(documents, file), 'latin1').slice(
        0,
        20_000,
      );
      const accepted = /<ACCEPTANCE-DATETIME>(\d{14})/.exec(header)?.[1];
      const form = /CONFORMED SUBMISSION TYPE:\s*(\S+)/.exec(header)?.[1];
      const filed = /FILED AS OF DATE:\s*(\d{8})/.exec(header)?.[1];
      if (!accepted || !form || !filed) throw new Error(`${file}: no header`);
      // ACCEPTANCE-DATETIME is New York wall time; find the instant with that wall time.
      const wall = `${accepted.slice(0, 4)}-${accepted.slice(4, 6)}-${accepted.slice(6, 8)}T${accepted.slice(8, 10)}:${accepted.slice(10, 12)}:${accepted.slice(12, 14)}`;
      const instant = [-4, -5]
        .map((offset) => at(`${wall}-0${-offset}:00`))
        .find((ms) => easternWall(ms) === wall);
      expect(instant).toBeDefined();
      const date = `${filed.slice(0, 4)}-${filed.slice(4, 6)}-${filed.slice(6, 8)}`;
      expect({ file, date: edgarFilingDate(instant as number, form) }).toEqual({
        file,
        date,
      });
    }
  });
});

function easternWall(ms: number): string {
  return new Date(ms)
    .toLocaleString('sv-SE', { timeZone: 'America/New_York' })
    .replace(' ', 'T');
}
