import { edgarDocument, FIXTURES } from '../test-support/edgar-documents';
import { insightsFromSubmission } from './insights-from-submission';

// Expected values read by hand from the fixture submissions.

const person = {
  director: false,
  officer: false,
  officerTitle: null,
  tenPercentOwner: false,
  other: false,
};

describe('insightsFromSubmission', () => {
  it('reads a 2007 Form 4 inside the PEM wrapper: an open-market purchase (Nicholas-Applegate)', () => {
    expect(
      insightsFromSubmission('4', edgarDocument(FIXTURES.form4SubNicholas)),
    ).toEqual({
      ownership: {
        issuer: {
          cik: '1214935',
          name: 'NICHOLAS APPLEGATE CONVERTIBLE & INCOME FUND',
          ticker: 'NCV',
        },
        owners: [
          {
            ...person,
            cik: '1240808',
            name: 'LEMESEVSKI ELIZABETH',
            other: true,
          },
        ],
        transactions: [
          {
            security: 'Common Stock',
            date: '2007-08-17',
            code: 'P',
            acquired: true,
            shares: 300,
            price: 11.75,
            sharesAfter: 300,
            derivative: false,
            direct: true,
          },
        ],
        tenb51: false,
      },
    });
  });

  it('reads the 10b5-1 checkbox and three sales (DraftKings)', () => {
    const sale = {
      security: 'Class A Common Stock',
      code: 'S',
      acquired: false,
      derivative: false,
      direct: true,
    };
    expect(
      insightsFromSubmission('4', edgarDocument(FIXTURES.form4SubDraftKings)),
    ).toEqual({
      ownership: {
        issuer: { cik: '1883685', name: 'DraftKings Inc.', ticker: 'DKNG' },
        owners: [
          {
            ...person,
            cik: '1404430',
            name: 'Dodge R Stanton',
            officer: true,
            officerTitle: 'Chief Legal Officer',
          },
        ],
        transactions: [
          {
            ...sale,
            date: '2025-03-14',
            shares: 49252,
            price: 37.59,
            sharesAfter: 710145,
          },
          {
            ...sale,
            date: '2025-03-14',
            shares: 3525,
            price: 38.05,
            sharesAfter: 706620,
          },
          {
            ...sale,
            date: '2025-03-17',
            shares: 52777,
            price: 39,
            sharesAfter: 653843,
          },
        ],
        tenb51: true,
      },
    });
  });

  it('reads the Form 4 of a two-document submission and skips the EX-24 (AAR)', () => {
    expect(
      insightsFromSubmission('4', edgarDocument(FIXTURES.form4SubAar)),
    ).toEqual({
      ownership: {
        issuer: { cik: '1750', name: 'AAR CORP', ticker: 'AIR' },
        owners: [
          {
            ...person,
            cik: '1806647',
            name: 'Garascia Jessica A.',
            officer: true,
            officerTitle: 'Senior VP, GC, CAO & Secretary',
          },
        ],
        transactions: [
          {
            security: 'Common Stock',
            date: '2025-01-10',
            code: 'S',
            acquired: false,
            shares: 1500,
            price: 66.903,
            sharesAfter: 37565,
            derivative: false,
            direct: true,
          },
        ],
        tenb51: false,
      },
    });
  });

  it('reads RSU settlements (M in both tables) and a tax withholding F (ZipRecruiter)', () => {
    const ownership = insightsFromSubmission(
      '4',
      edgarDocument(FIXTURES.form4SubZip),
    ).ownership;
    expect(ownership?.issuer).toEqual({
      cik: '1617553',
      name: 'ZIPRECRUITER, INC.',
      ticker: 'ZIP',
    });
    expect(ownership?.owners).toEqual([
      {
        ...person,
        cik: '1859449',
        name: 'TRAVERS DAVID',
        officer: true,
        officerTitle: 'President',
      },
    ]);
    const base = { date: '2025-03-15', code: 'M', direct: true };
    const stock = {
      ...base,
      security: 'Class A Common Stock',
      acquired: true,
      price: 0,
      derivative: false,
    };
    const rsu = {
      ...base,
      security: 'Restricted Stock Units',
      acquired: false,
      price: 0,
      derivative: true,
    };
    expect(ownership?.transactions).toEqual([
      { ...stock, shares: 6250, sharesAfter: 1114607 },
      { ...stock, shares: 13347, sharesAfter: 1127954 },
      { ...stock, shares: 20691, sharesAfter: 1148645 },
      { ...stock, shares: 20444, sharesAfter: 1169089 },
      {
        ...stock,
        code: 'F',
        acquired: false,
        shares: 33148,
        price: 5.96,
        sharesAfter: 1138960,
      },
      { ...rsu, shares: 6250, sharesAfter: 12500 },
      { ...rsu, shares: 13347, sharesAfter: 93427 },
      { ...rsu, shares: 20691, sharesAfter: 227595 },
      { ...rsu, shares: 20444, sharesAfter: 306656 },
    ]);
    expect(ownership?.tenb51).toBe(false);
  });

  it('reads eight reporting owners and a conversion priced only by footnote (Better Home, SoftBank)', () => {
    const ownership = insightsFromSubmission(
      '4/A',
      edgarDocument(FIXTURES.form4SubBetter),
    ).ownership;
    expect(ownership?.issuer).toEqual({
      cik: '1835856',
      name: 'Better Home & Finance Holding Co',
      ticker: 'BETR',
    });
    const owner = (cik: string, name: string) => ({
      ...person,
      cik,
      name,
      tenPercentOwner: true,
    });
    expect(ownership?.owners).toEqual([
      owner('1065521', 'SOFTBANK GROUP CORP.'),
      owner('1883884', 'SB Global Advisers Ltd'),
      owner('1787613', 'SOFTBANK VISION FUND II-2 L.P.'),
      owner('1883559', 'SVF II Aggregator (Jersey) L.P.'),
      owner('1883900', 'SVF II Holdings (DE) LLC'),
      owner('1990707', 'SVF II Beaver (DE) LLC'),
      owner('1991269', 'Silver Brick Management PTE. LTD.'),
      owner('1818296', 'SB Management Ltd'),
    ]);
    expect(ownership?.transactions).toEqual([
      {
        security: 'Class A Common Stock',
        date: '2024-12-09',
        code: 'C',
        acquired: true,
        shares: 628553,
        price: null,
        sharesAfter: 628553,
        derivative: false,
        direct: false,
      },
      {
        security: 'Class B Common Stock',
        date: '2024-12-09',
        code: 'C',
        acquired: false,
        shares: 628553,
        price: 0,
        sharesAfter: 137545,
        derivative: true,
        direct: false,
      },
    ]);
  });

  it.each([
    ['8-K', FIXTURES.eightKSubNvidia, ['5.02', '9.01']],
    ['8-K', FIXTURES.eightKSub1895, ['5.02']],
    ['8-K', FIXTURES.eightKSub3m, ['8.01']],
    ['8-K', FIXTURES.eightKNcAcorn, ['5.02', '9.01']],
    ['8-K/A', FIXTURES.eightKHeader23andMe, ['7.01', '9.01']],
  ])(
    'reads the items of an %s submission from its header (%s)',
    (form, name, codes) => {
      const insights = insightsFromSubmission(form, edgarDocument(name));
      expect(insights.problems).toBeUndefined();
      expect(insights.items?.map((item) => item.code)).toEqual(codes);
    },
  );

  it('reads a legacy SC 13G of the .nc feed, issuer from the header SUBJECT-COMPANY (Avid, Glazer)', () => {
    expect(
      insightsFromSubmission('SC 13G', edgarDocument(FIXTURES.sc13gNcGlazer)),
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

  it('reads the legacy SC 13G document segment with no header (Livent)', () => {
    const insights = insightsFromSubmission(
      'SC 13G',
      edgarDocument(FIXTURES.sc13gHtmlLivent),
    );
    expect(insights.stake?.issuer).toEqual({
      name: 'LIVENT CORPORATION',
      cusip: '53814L108',
    });
    expect(insights.stake?.percent).toBe(0);
  });

  it('reads the XML primary document of a SCHEDULE 13G submission', () => {
    const submission = [
      '<SEC-DOCUMENT>0001831942-26-000014.txt : 20260310',
      '<SEC-HEADER>0001831942-26-000014.hdr.sgml : 20260310',
      'ACCESSION NUMBER:\t\t0001831942-26-000014',
      'CONFORMED SUBMISSION TYPE:\tSCHEDULE 13G',
      '</SEC-HEADER>',
      '<DOCUMENT>',
      '<TYPE>SCHEDULE 13G',
      '<SEQUENCE>1',
      '<FILENAME>primary_doc.xml',
      '<TEXT>',
      '<XML>',
      edgarDocument(FIXTURES.schedule13gAn2),
      '</XML>',
      '</TEXT>',
      '</DOCUMENT>',
      '</SEC-DOCUMENT>',
    ].join('\n');
    const insights = insightsFromSubmission('SCHEDULE 13G', submission);
    expect(insights.stake?.issuer).toEqual({
      name: 'AN2 Therapeutics, Inc.',
      cusip: '037326105',
    });
    expect(insights.stake?.percent).toBe(9.9);
    expect(
      insightsFromSubmission('SC 13G/A', submission).stake?.filers,
    ).toHaveLength(4);
  });

  it('gives {} for forms §6 says nothing about, whatever the text', () => {
    expect(
      insightsFromSubmission('10-K', edgarDocument(FIXTURES.eightKSub3m)),
    ).toEqual({});
    expect(insightsFromSubmission('S-8', '\u0000garbage')).toEqual({});
    expect(
      insightsFromSubmission('13F-HR', undefined as unknown as string),
    ).toEqual({});
  });

  it('gives DOCUMENT_MISSING when the submission holds no document of the kind', () => {
    expect(
      insightsFromSubmission('4', edgarDocument(FIXTURES.form4HeaderUfp)),
    ).toEqual({
      problems: [
        {
          code: 'DOCUMENT_MISSING',
          message: 'no ownershipDocument XML in the submission',
        },
      ],
    });
    expect(
      insightsFromSubmission('SC 13D', edgarDocument(FIXTURES.form4SubAar))
        .problems?.[0].code,
    ).toBe('DOCUMENT_MISSING');
  });

  it('gives DOCUMENT_MISSING for pages that are not submissions (index page, xslF345 rendering)', () => {
    for (const name of [FIXTURES.form4IndexPage, FIXTURES.form4RenderedMsft]) {
      expect(
        insightsFromSubmission('4', edgarDocument(name)).problems?.[0].code,
      ).toBe('DOCUMENT_MISSING');
    }
  });

  it('gives a problem for a truncated Form 4 submission, never a throw', () => {
    const whole = edgarDocument(FIXTURES.form4SubDraftKings);
    const truncated = whole.slice(0, whole.indexOf('</nonDerivativeTable>'));
    expect(insightsFromSubmission('4', truncated).problems?.[0].code).toBe(
      'XML_MALFORMED',
    );
  });

  it('normalizes the form type: spaces and case', () => {
    expect(
      insightsFromSubmission(' 8-k ', edgarDocument(FIXTURES.eightKSub3m))
        .items,
    ).toEqual([{ code: '8.01', title: 'Other Events' }]);
  });
});
