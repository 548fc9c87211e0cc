import { easternIsoString } from './eastern-iso-string';

describe('easternIsoString', () => {
  it.each([
    ['2026-11-24T14:15:02.250Z', '2026-11-24T09:15:02-05:00'],
    ['2026-07-01T12:00:00.999Z', '2026-07-01T08:00:00-04:00'],
    // Around the spring-forward gap of 2026-03-08 (02:00 EST becomes 03:00 EDT).
    ['2026-03-08T06:59:59Z', '2026-03-08T01:59:59-05:00'],
    ['2026-03-08T07:00:00Z', '2026-03-08T03:00:00-04:00'],
    // Midnight is 00, never 24.
    ['2026-01-01T05:00:00Z', '2026-01-01T00:00:00-05:00'],
  ])('writes %s as %s', (utc, eastern) => {
    expect(easternIsoString(Date.parse(utc))).toBe(eastern);
    expect(Math.floor(Date.parse(utc) / 1000) * 1000).toBe(Date.parse(eastern));
  });
});
