import { edgarDocument, FIXTURES } from '../test-support/edgar-documents';
import { acceptanceDateTimeFromHeader } from './acceptance-date-time';

describe('acceptanceDateTimeFromHeader', () => {
  it.each([
    // ACCEPTANCE-DATETIME as written in each fixture's header.
    [FIXTURES.eightKSub3m, '2024-03-08T12:01:45-05:00'], // 20240308120145, before DST began on 03-10
    [FIXTURES.eightKSubNvidia, '2026-03-06T16:11:25-05:00'], // 20260306161125
    [FIXTURES.eightKSub1895, '2024-12-27T16:29:40-05:00'], // 20241227162940
    [FIXTURES.form4SubDraftKings, '2025-03-18T20:01:08-04:00'], // 20250318200108, daylight time
    [FIXTURES.form4SubNicholas, '2007-08-17T15:27:25-04:00'], // 20070817152725, inside the PEM wrapper
    [FIXTURES.eightKHeader23andMe, '2024-06-03T08:06:02-04:00'], // 20240603080602
    [FIXTURES.form4HeaderUfp, '2024-06-07T18:10:30-04:00'], // 20240607181030
  ])('reads %s', (name, iso) => {
    expect(acceptanceDateTimeFromHeader(edgarDocument(name))).toBe(iso);
  });

  it('takes the offset of the instant around the DST changes', () => {
    const at = (stamp: string) =>
      acceptanceDateTimeFromHeader(`<ACCEPTANCE-DATETIME>${stamp}`);
    expect(at('20240310015959')).toBe('2024-03-10T01:59:59-05:00');
    expect(at('20240310030000')).toBe('2024-03-10T03:00:00-04:00');
    expect(at('20241103003000')).toBe('2024-11-03T00:30:00-04:00');
    expect(at('20241103013000')).toBe('2024-11-03T01:30:00-04:00'); // repeated hour: the first
    expect(at('20241103023000')).toBe('2024-11-03T02:30:00-05:00');
  });

  it('gives null for no time, an impossible time, or the hour clocks skip', () => {
    expect(acceptanceDateTimeFromHeader('ACCESSION NUMBER: 1')).toBeNull();
    expect(
      acceptanceDateTimeFromHeader('<ACCEPTANCE-DATETIME>20241332250000'),
    ).toBeNull();
    expect(
      acceptanceDateTimeFromHeader('<ACCEPTANCE-DATETIME>20240310023000'),
    ).toBeNull();
    expect(acceptanceDateTimeFromHeader(undefined)).toBeNull();
  });
});
