import {
  COMPANY_20221003,
  FORM_20200318,
  MASTER_20200103,
} from '../test-support/index-fixtures';
import { MAX_INDEX_PROBLEMS, parseEdgarIndex } from './parse-edgar-index';

const byAccession = (text: string, accessionNo: string) =>
  parseEdgarIndex(text).accessions.find((a) => a.accessionNo === accessionNo);

describe('parseEdgarIndex on the real form.20200318.idx', () => {
  const index = parseEdgarIndex(FORM_20200318);

  it('reads every row and counts filings, not rows', () => {
    expect(index.kind).toBe('form');
    expect(index.rows).toBe(4084);
    expect(index.badRows).toBe(0);
    expect(index.problems).toEqual([]);
    expect(index.accessions).toHaveLength(2666);
    expect(new Set(index.accessions.map((a) => a.accessionNo)).size).toBe(2666);
  });

  it('reads the first row field by field', () => {
    expect(index.accessions[0]).toEqual({
      accessionNo: '0001140361-20-006155',
      formType: '1-A',
      dateFiled: '2020-03-18',
      fileName: 'edgar/data/1806014/0001140361-20-006155.txt',
      entities: [{ cik: '1806014', companyName: 'DLP Positive Note Fund LLC' }],
    });
  });

  it('keeps form types with spaces whole (1-A POS)', () => {
    expect(byAccession(FORM_20200318, '0001213900-20-006773')).toMatchObject({
      formType: '1-A POS',
      entities: [{ cik: '927719', companyName: 'DELHI BANK CORP' }],
    });
  });

  it('groups a Form 4 listed under its issuer and two reporting owners (lines 275, 1856, 1895)', () => {
    expect(byAccession(FORM_20200318, '0000899243-20-008928')).toEqual({
      accessionNo: '0000899243-20-008928',
      formType: '4',
      dateFiled: '2020-03-18',
      fileName: 'edgar/data/1770787/0000899243-20-008928.txt',
      entities: [
        { cik: '1770787', companyName: '10x Genomics, Inc.' },
        { cik: '1731509', companyName: 'SB INVESTMENT ADVISERS (UK) LTD' },
        { cik: '1805808', companyName: 'SOFTBANK VISION FUND (AIV M2) L.P.' },
      ],
    });
  });

  it('counts the day by form as grep does: 974 Forms 4 in 2,040 rows, 230 8-Ks in 232', () => {
    const forms = (form: string) =>
      index.accessions.filter((a) => a.formType === form).length;
    expect(forms('4')).toBe(974);
    expect(forms('8-K')).toBe(230);
  });
});

describe('parseEdgarIndex on the real company.20221003.idx', () => {
  const index = parseEdgarIndex(COMPANY_20221003);

  it('reads the wrapped column header and every row', () => {
    expect(index.kind).toBe('company');
    expect(index.rows).toBe(4925);
    expect(index.badRows).toBe(0);
    expect(index.accessions).toHaveLength(3195);
  });

  it('reads company name first, then the form type', () => {
    expect(index.accessions[0]).toEqual({
      accessionNo: '0001104659-22-105357',
      formType: '1-A POS',
      dateFiled: '2022-10-03',
      fileName: 'edgar/data/1700461/0001104659-22-105357.txt',
      entities: [{ cik: '1700461', companyName: '1st stREIT Office Inc.' }],
    });
    expect(byAccession(COMPANY_20221003, '0000950170-22-019233')).toMatchObject(
      {
        formType: '8-K',
        entities: [
          {
            cik: '1059142',
            companyName: 'AMERICA FIRST MULTIFAMILY INVESTORS, L.P.',
          },
        ],
      },
    );
  });

  it('makes one filing of the 61 T. Rowe Price funds of one 497', () => {
    const filing = byAccession(COMPANY_20221003, '0001741773-22-003592');
    expect(filing?.formType).toBe('497');
    expect(filing?.entities).toHaveLength(61);
    expect(filing?.entities[0]).toEqual({
      cik: '773485',
      companyName: 'T. Rowe Price All-Cap Opportunities Fund, Inc.',
    });
  });
});

describe('parseEdgarIndex on the real master.20200103.idx', () => {
  const index = parseEdgarIndex(MASTER_20200103);

  it('reads the | separated rows', () => {
    expect(index.kind).toBe('master');
    expect(index.rows).toBe(7989);
    expect(index.badRows).toBe(0);
    expect(index.accessions).toHaveLength(4655);
    expect(byAccession(MASTER_20200103, '0001209191-20-000788')).toEqual({
      accessionNo: '0001209191-20-000788',
      formType: '4',
      dateFiled: '2020-01-03',
      fileName: 'edgar/data/1000229/0001209191-20-000788.txt',
      entities: [
        { cik: '1000229', companyName: 'CORE LABORATORIES N V' },
        { cik: '1282547', companyName: 'DEMSHUR DAVID M' },
      ],
    });
  });
});

describe('parseEdgarIndex on malformed input', () => {
  const head = FORM_20200318.split('\n').slice(0, 10).join('\n');

  it('reports a value that is no text, without throwing', () => {
    for (const value of [undefined, null, 42, {}, Buffer.from('x')]) {
      const index = parseEdgarIndex(value);
      expect(index.accessions).toEqual([]);
      expect(index.problems.map((p) => p.code)).toEqual(['INDEX_NOT_TEXT']);
    }
  });

  it('reads nothing from a page that is no index (an HTML error page)', () => {
    const index = parseEdgarIndex(
      '<html><body>Request Rate Threshold Exceeded</body></html>',
    );
    expect(index.kind).toBeUndefined();
    expect(index.accessions).toEqual([]);
    expect(index.problems[0].code).toBe('INDEX_HEADER_MISSING');
  });

  it('counts bad rows with their line numbers and reads the good ones', () => {
    const text = [
      head,
      '8-K         GOOD CO                                                       1234        20200318    edgar/data/1234/0000001234-20-000001.txt',
      'this is not a row',
      '8-K         BAD FILE NAME                                                 1234        20200318    edgar/data/1234/readme.txt',
      '8-K         BAD DATE                                                      1234        20201399    edgar/data/1234/0000001234-20-000002.txt',
      '8-K',
      '',
    ].join('\n');
    const index = parseEdgarIndex(text);
    expect(index.rows).toBe(1);
    expect(index.badRows).toBe(4);
    expect(index.accessions.map((a) => a.accessionNo)).toEqual([
      '0000001234-20-000001',
    ]);
    expect(index.problems.map((p) => [p.code, p.line])).toEqual([
      ['INDEX_ROW_INVALID', 12],
      ['INDEX_ROW_INVALID', 13],
      ['INDEX_ROW_INVALID', 14],
      ['INDEX_ROW_INVALID', 15],
    ]);
  });

  it('keeps the first row of an accession listed twice with different forms, and says so', () => {
    const text = [
      head,
      '8-K         FIRST CO                                                      1           20200318    edgar/data/1/0000000001-20-000001.txt',
      '10-Q        SECOND CO                                                     2           20200318    edgar/data/2/0000000001-20-000001.txt',
    ].join('\r\n');
    const index = parseEdgarIndex(text);
    expect(index.accessions).toHaveLength(1);
    expect(index.accessions[0].formType).toBe('8-K');
    expect(index.accessions[0].entities).toHaveLength(2);
    expect(index.problems.map((p) => p.code)).toEqual([
      'INDEX_ACCESSION_CONFLICT',
    ]);
  });

  it('keeps at most MAX_INDEX_PROBLEMS problems but counts every bad row', () => {
    const junk = Array.from({ length: 100 }, (_, i) => `junk ${i}`);
    const index = parseEdgarIndex([head, ...junk].join('\n'));
    expect(index.badRows).toBe(100);
    expect(index.problems).toHaveLength(MAX_INDEX_PROBLEMS);
  });

  it('survives a truncated file: the rows before the cut are read', () => {
    const cut = FORM_20200318.slice(0, FORM_20200318.length / 2);
    const index = parseEdgarIndex(cut);
    expect(index.rows).toBeGreaterThan(1000);
    expect(index.badRows).toBeLessThanOrEqual(1);
  });
});
