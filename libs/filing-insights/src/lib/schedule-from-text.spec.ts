import { edgarDocument, FIXTURES } from '../test-support/edgar-documents';
import { insightsFromScheduleText } from './schedule-from-text';

describe('insightsFromScheduleText (legacy Schedule 13D/G)', () => {
  it('reads the four cover pages of an HTML SC 13G: all at 0.0% (Livent, Millennium)', () => {
    const filer = (name: string) => ({ name, shares: 0, percent: 0 });
    expect(
      insightsFromScheduleText(edgarDocument(FIXTURES.sc13gHtmlLivent)),
    ).toEqual({
      stake: {
        issuer: { name: 'LIVENT CORPORATION', cusip: '53814L108' },
        filers: [
          filer('ICS Opportunities, Ltd.'),
          filer('Millennium Management LLC'),
          filer('Millennium Group Management LLC'),
          filer('Israel A. Englander'),
        ],
        percent: 0,
      },
    });
  });

  it('reads the cover pages of an SC 13G in the .nc feed format, issuer name given (Avid, Glazer)', () => {
    expect(
      insightsFromScheduleText(
        edgarDocument(FIXTURES.sc13gNcGlazer),
        'Avid Bioservices, Inc.',
      ),
    ).toEqual({
      stake: {
        issuer: { name: 'Avid Bioservices, Inc.', cusip: '05368M106' },
        filers: [
          { name: 'Glazer Capital, LLC', shares: 3394114, percent: 5.31 },
          { name: 'Paul J. Glazer', shares: 3394114, percent: 5.31 },
        ],
        percent: 5.31,
      },
    });
  });

  it('reads the old caption with the I.R.S. number and the cover issuer name', () => {
    const text = `SCHEDULE 13D Under the Securities Exchange Act of 1934 (Amendment No. 2)*
      Acme Widgets Corp (Name of Issuer) Common Stock (Title of Class of Securities)
      004498101 (CUSIP Number)
      1. NAMES OF REPORTING PERSONS. I.R.S. IDENTIFICATION NOS. OF ABOVE PERSONS (ENTITIES ONLY). Big Fund, L.P.
      2. CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP (a) [ ] (b) [X]
      11. AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON 1,234,567
      12. CHECK BOX IF THE AGGREGATE AMOUNT IN ROW (11) EXCLUDES CERTAIN SHARES [ ]
      13. PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11) 12.5 %
      14. TYPE OF REPORTING PERSON PN`;
    expect(insightsFromScheduleText(text)).toEqual({
      stake: {
        issuer: { name: 'Acme Widgets Corp', cusip: '004498101' },
        filers: [{ name: 'Big Fund, L.P.', shares: 1234567, percent: 12.5 }],
        percent: 12.5,
      },
    });
  });

  it('gives STAKE_UNREADABLE, and no stake, when no percent of class reads', () => {
    const text = `1 NAME OF REPORTING PERSON Some Fund 2 CHECK THE APPROPRIATE BOX
      9 AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON See Item 4
      11 PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (9) See Item 4 12 TYPE OF REPORTING PERSON IA`;
    expect(insightsFromScheduleText(text)).toEqual({
      problems: [
        {
          code: 'STAKE_UNREADABLE',
          message: 'cover page of "Some Fund": percent of class not readable',
        },
        {
          code: 'STAKE_UNREADABLE',
          message: 'no cover page with a readable percent of class (row 11)',
        },
      ],
    });
    expect(
      insightsFromScheduleText(
        '<html><body>A letter, no cover page.</body></html>',
      ),
    ).toEqual({
      problems: [
        {
          code: 'STAKE_UNREADABLE',
          message: 'no cover page with a readable percent of class (row 11)',
        },
      ],
    });
  });

  it('keeps the readable cover pages and reports the unreadable one', () => {
    const page = (name: string, percent: string) =>
      `1 NAME OF REPORTING PERSON ${name} 2 CHECK THE APPROPRIATE BOX 9 AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON 10 11 PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (9) ${percent} 12 TYPE`;
    const insights = insightsFromScheduleText(
      page('A Fund', '7.2%') + page('B Fund', 'less than one'),
    );
    expect(insights.stake?.filers).toEqual([
      { name: 'A Fund', shares: 10, percent: 7.2 },
      { name: 'B Fund', shares: 10, percent: null },
    ]);
    expect(insights.stake?.percent).toBe(7.2);
    expect(insights.problems?.map((p) => p.code)).toEqual(['STAKE_UNREADABLE']);
  });
});
