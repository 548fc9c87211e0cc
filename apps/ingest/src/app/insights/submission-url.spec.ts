import { formHasInsights } from './insights-forms';
import { submissionUrl } from './submission-url';

describe('submissionUrl', () => {
  const accessionNo = '0001127602-25-001055';

  it("takes the CIK of the filing's own links, without leading zeros", () => {
    expect(
      submissionUrl('https://www.sec.gov/', {
        accessionNo,
        cik: '1806647',
        linkToHtml: `https://www.sec.gov/Archives/edgar/data/0000001750/000112760225001055/${accessionNo}-index.htm`,
      }),
    ).toBe(
      `https://www.sec.gov/Archives/edgar/data/1750/000112760225001055/${accessionNo}.txt`,
    );
  });

  it('falls back to the filing CIK, and refuses what cannot name an archive path', () => {
    expect(
      submissionUrl('http://127.0.0.1:9010', {
        accessionNo,
        cik: '0000001750',
      }),
    ).toBe(
      `http://127.0.0.1:9010/Archives/edgar/data/1750/000112760225001055/${accessionNo}.txt`,
    );
    expect(
      submissionUrl('x', { accessionNo: '../../etc', cik: '1' }),
    ).toBeUndefined();
    expect(submissionUrl('x', { accessionNo, cik: 'abc' })).toBeUndefined();
  });
});

describe('formHasInsights', () => {
  it.each([
    '8-K',
    '8-k/a',
    '8-K12B',
    '3',
    '4',
    '4/A',
    '5/A',
    'SC 13D',
    'SC  13G/A',
    'SCHEDULE 13D/A',
    'SCHEDULE 13G',
  ])('reads the documents of %s', (form) =>
    expect(formHasInsights(form)).toBe(true),
  );
  it.each(['10-K', '10-Q', 'S-1', '424B2', '13F-HR', 'SC TO-T', '144', '40'])(
    'leaves %s alone',
    (form) => expect(formHasInsights(form)).toBe(false),
  );
});
