import { aapl, joff } from '../test-support/sec-api-fixtures';
import { Filing } from './filing';
import { FilingDocumentFile } from './filing-document-file';
import { FilingEntity } from './filing-entity';
import { FilingMeta, toFiling } from './to-filing';

const meta: FilingMeta = {
  source: 'sec-api',
  receivedAt: '2025-10-31T10:01:27.123Z',
};

function accept(raw: unknown): Filing {
  const result = toFiling(raw, meta);
  if (!result.ok) {
    throw new Error(`refused: ${JSON.stringify(result.reasons)}`);
  }
  return result.filing;
}

const SCALARS = [
  'id',
  'accessionNo',
  'cik',
  'ticker',
  'companyName',
  'companyNameLong',
  'formType',
  'description',
  'filedAt',
  'linkToTxt',
  'linkToHtml',
  'linkToXbrl',
  'linkToFilingDetails',
] as const;

describe('Filing built from real sec-api.io filings', () => {
  it.each([
    ['JOFF 10-Q (stream object)', joff],
    ['AAPL 10-K (Query API filings[0])', aapl],
  ])('accepts %s with every field carried over', (_name, load) => {
    const raw = load();
    const filing = accept(raw);

    expect(filing).toBeInstanceOf(Filing);
    for (const key of SCALARS) {
      expect([key, filing[key]]).toEqual([key, raw[key]]);
    }
    expect(filing.filedAtMs).toBe(Date.parse(raw['filedAt'] as string));
    expect(filing.source).toBe('sec-api');
    expect(filing.receivedAt).toBe(meta.receivedAt);
    expect(filing.documentFormatFiles).toEqual(raw['documentFormatFiles']);
    expect(filing.dataFiles).toEqual(raw['dataFiles']);
    expect(filing.seriesAndClassesContractsInformation).toEqual([]);
    expect(filing.periodOfReport).toBe(raw['periodOfReport']);
    expect(filing.effectivenessDate).toBe(raw['effectivenessDate']);
    expect(filing.items).toBeUndefined();
    expect(filing.groupMembers).toBeUndefined();
    expect(filing.documentFormatFiles[0]).toBeInstanceOf(FilingDocumentFile);
    expect(filing.entities[0]).toBeInstanceOf(FilingEntity);
  });

  it('keeps the JOFF scalars exactly', () => {
    const filing = accept(joff());
    expect(filing).toMatchObject({
      accessionNo: '0001213900-21-032169',
      cik: '1824149',
      ticker: 'JOFF',
      formType: '10-Q',
      filedAt: '2021-06-11T17:25:44-04:00',
      filedAtMs: Date.UTC(2021, 5, 11, 21, 25, 44),
      linkToXbrl: '',
      periodOfReport: '2021-03-31',
      effectivenessDate: '2021-03-31',
    });
    expect(filing.documentFormatFiles).toHaveLength(6);
    // EDGAR marks the complete submission file with a no-break space, kept verbatim.
    expect({ ...filing.documentFormatFiles[5] }).toEqual({
      sequence: '\u00a0',
      description: 'Complete submission text file',
      documentUrl:
        'https://www.sec.gov/Archives/edgar/data/1824149/000121390021032169/0001213900-21-032169.txt',
      type: '\u00a0',
      size: '2344339',
    });
    expect(filing.dataFiles.map((file) => file.type)).toEqual([
      'EX-101.INS',
      'EX-101.SCH',
      'EX-101.CAL',
      'EX-101.DEF',
      'EX-101.LAB',
      'EX-101.PRE',
    ]);
  });

  it('drops the junk `undefined` key of an AAPL entity and keeps the rest', () => {
    const raw = aapl();
    const rawEntity = (raw['entities'] as Record<string, unknown>[])[0];
    expect(rawEntity['undefined']).toBe('06 Technology)');

    const entity = accept(raw).entities[0];

    expect(Object.keys(entity)).not.toContain('undefined');
    const expected = Object.fromEntries(
      Object.entries(rawEntity).filter(([key]) => key !== 'undefined'),
    );
    expect(Object.keys(expected)).toHaveLength(10);
    expect({ ...entity }).toEqual(expected);
    expect(entity.fiscalYearEnd).toBe('0927');
  });

  it('keeps an AAPL document file without description as it is', () => {
    const graphic = accept(aapl()).documentFormatFiles[7];
    expect({ ...graphic }).toEqual({
      sequence: '13',
      size: '10963',
      documentUrl:
        'https://www.sec.gov/Archives/edgar/data/320193/000032019325000079/aapl-20250927_g1.jpg',
      type: 'GRAPHIC',
    });
  });

  it('survives a JSON round trip unchanged, so stored filings can be re-validated', () => {
    const first = accept({ ...aapl(), exchange: 'Nasdaq' });
    expect(first.exchange).toBe('Nasdaq');
    const second = accept(JSON.parse(JSON.stringify(first)));
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });
});
