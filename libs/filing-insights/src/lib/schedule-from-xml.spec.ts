import { edgarDocument, FIXTURES } from '../test-support/edgar-documents';
import { insightsFromScheduleXml } from './schedule-from-xml';

// Expected values read by hand from the fixture documents.

describe('insightsFromScheduleXml', () => {
  it('reads a SCHEDULE 13D of the first generation: issuerCUSIP, six persons, largest percent (QXO)', () => {
    expect(
      insightsFromScheduleXml(edgarDocument(FIXTURES.schedule13dQxo)),
    ).toEqual({
      stake: {
        issuer: { name: 'QXO, Inc.', cusip: '82846H405' },
        filers: [
          {
            name: 'Affinity Partners Fund I LP',
            shares: 164310,
            percent: 0.03,
          },
          {
            name: 'Affinity Partners Parallel Fund I LP',
            shares: 16247069,
            percent: 3.2,
          },
          { name: 'Affinity Partners GP LP', shares: 32671542, percent: 6.3 },
          { name: 'Affinity QXO 1 LLC', shares: 16260163, percent: 3.2 },
          // The document itself spells the name with three question marks.
          {
            name: 'Affinity Partners???Fund I Co-Invest???GP LP',
            shares: 16260163,
            percent: 3.2,
          },
          { name: 'Jared Kushner', shares: 32671542, percent: 6.3 },
        ],
        percent: 6.3,
      },
    });
  });

  it('reads a SCHEDULE 13D/A with fractional share amounts and a placeholder CUSIP (ADIA)', () => {
    expect(
      insightsFromScheduleXml(edgarDocument(FIXTURES.schedule13dAAdia)),
    ).toEqual({
      stake: {
        issuer: { name: 'Overland Advantage', cusip: '' },
        filers: [
          {
            name: 'Abu Dhabi Investment Authority',
            shares: 11615772.8,
            percent: 60.4,
          },
          {
            name: 'Platinum International Investment Holdings RSC Limited',
            shares: 11615772.8,
            percent: 60.4,
          },
          {
            name: 'Platinum Falcon B 2018 RSC Limited',
            shares: 11615772.8,
            percent: 60.4,
          },
        ],
        percent: 60.4,
      },
    });
  });

  it('reads a SCHEDULE 13G of schema X0202: issuerCusips/issuerCusipNumber, classPercent (AN2)', () => {
    const filer = (name: string) => ({ name, shares: 3697435, percent: 9.9 });
    expect(
      insightsFromScheduleXml(edgarDocument(FIXTURES.schedule13gAn2)),
    ).toEqual({
      stake: {
        issuer: { name: 'AN2 Therapeutics, Inc.', cusip: '037326105' },
        filers: [
          filer('Commodore Capital LP'),
          filer('Commodore Capital Master LP'),
          filer('Robert Egen Atkinson'),
          filer('Michael Kramarz'),
        ],
        percent: 9.9,
      },
    });
  });

  it('reads a SCHEDULE 13D of schema X0202 with the nested CUSIP and namespaced addresses (Seaport)', () => {
    const filer = (name: string) => ({ name, shares: 6294951, percent: 11.9 });
    expect(
      insightsFromScheduleXml(edgarDocument(FIXTURES.schedule13dArch)),
    ).toEqual({
      stake: {
        issuer: { name: 'Seaport Therapeutics, Inc.', cusip: '81221K108' },
        filers: [
          filer('ARCH Venture Fund XII, L.P.'),
          filer('ARCH Venture Partners XII, L.P.'),
          filer('ARCH Venture Partners XII, LLC'),
          filer('Robert Nelsen'),
          filer('Keith Crandell'),
          filer('Kristina Burow'),
          filer('Steven Gillis'),
        ],
        percent: 11.9,
      },
    });
  });

  it('reads the first-generation 13G spelling issuerCusip', () => {
    const xml = `<edgarSubmission xmlns="http://www.sec.gov/edgar/schedule13g"><formData>
      <coverPageHeader><issuerInfo><issuerName>Acme</issuerName><issuerCusip>000123AB9</issuerCusip></issuerInfo></coverPageHeader>
      <coverPageHeaderReportingPersonDetails><reportingPersonName>Fund</reportingPersonName>
      <reportingPersonBeneficiallyOwnedAggregateNumberOfShares>100</reportingPersonBeneficiallyOwnedAggregateNumberOfShares>
      <classPercent>5.1</classPercent></coverPageHeaderReportingPersonDetails></formData></edgarSubmission>`;
    expect(insightsFromScheduleXml(xml)).toEqual({
      stake: {
        issuer: { name: 'Acme', cusip: '000123AB9' },
        filers: [{ name: 'Fund', shares: 100, percent: 5.1 }],
        percent: 5.1,
      },
    });
  });

  it('reports no reporting person, and a percent that is no percent of class', () => {
    const xml = (persons: string) =>
      `<edgarSubmission><formData><coverPageHeader><issuerInfo><issuerName>Acme</issuerName></issuerInfo></coverPageHeader>
       <reportingPersons>${persons}</reportingPersons></formData></edgarSubmission>`;
    expect(insightsFromScheduleXml(xml(''))).toEqual({
      stake: { issuer: { name: 'Acme', cusip: '' }, filers: [], percent: null },
      problems: [{ code: 'FIELD_MISSING', message: 'no reporting person' }],
    });
    const odd = insightsFromScheduleXml(
      xml(
        '<reportingPersonInfo><reportingPersonName>A</reportingPersonName><percentOfClass>140</percentOfClass></reportingPersonInfo>' +
          '<reportingPersonInfo><reportingPersonName>B</reportingPersonName><percentOfClass>n/a</percentOfClass></reportingPersonInfo>',
      ),
    );
    expect(odd.stake?.filers).toEqual([
      { name: 'A', shares: null, percent: null },
      { name: 'B', shares: null, percent: null },
    ]);
    expect(odd.stake?.percent).toBeNull();
    expect(odd.problems?.map((p) => p.code)).toEqual(['VALUE_INVALID']);
  });

  it('gives a problem for an ownership document or broken XML', () => {
    expect(
      insightsFromScheduleXml(edgarDocument(FIXTURES.form4Water)).problems?.[0]
        .code,
    ).toBe('XML_UNEXPECTED_ROOT');
    expect(
      insightsFromScheduleXml('<edgarSubmission><formData>').problems?.[0].code,
    ).toBe('XML_MALFORMED');
  });
});
