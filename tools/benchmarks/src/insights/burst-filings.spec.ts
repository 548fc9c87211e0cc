import {
  burstAccessions,
  FORM4_ACCESSION,
  replicaDay,
  withAccession,
} from './burst-filings';

const TEMPLATE = {
  accessionNo: '0001209191-20-000788',
  filedAt: '2020-01-03T06:00:01-05:00',
  formType: '8-K',
  cik: '320193',
};

describe('the burst', () => {
  it('has distinct accession numbers of EDGAR shape', () => {
    const accessions = burstAccessions(300);
    expect(new Set(accessions).size).toBe(300);
    expect(accessions[0]).toBe('0001127602-26-900001');
    accessions.forEach((n) => expect(n).toMatch(/^\d{10}-\d{2}-\d{6}$/));
  });

  it('gives each replica a lead 10-K, then its share of Form 4s filed together', () => {
    const accessions = burstAccessions(5);
    const days = [0, 1].map((r) =>
      replicaDay(TEMPLATE, accessions, r, 2, 8000),
    );
    expect(days.map((d) => d.length)).toEqual([4, 3]);
    const [lead, ...burst] = days[1];
    expect(lead.formType).toBe('10-K');
    expect(burst.map((f) => f.accessionNo)).toEqual([
      accessions[1],
      accessions[3],
    ]);
    expect(burst[0]).toMatchObject({
      formType: '4',
      cik: '1750',
      linkToTxt: `https://www.sec.gov/Archives/edgar/data/1750/000112760226900002/${accessions[1]}.txt`,
    });
    expect(Date.parse(burst[1].filedAt) - Date.parse(lead.filedAt)).toBe(8000);
    expect(days[0][0].accessionNo).not.toBe(lead.accessionNo);
  });

  it('rewrites the document to the requested accession number, both spellings', () => {
    const text = `<SEC-DOCUMENT>${FORM4_ACCESSION}.txt\nACCESSION NUMBER: ${FORM4_ACCESSION}\n/000112760225001055/`;
    expect(withAccession(text, '0001127602-26-900007')).toBe(
      '<SEC-DOCUMENT>0001127602-26-900007.txt\nACCESSION NUMBER: 0001127602-26-900007\n/000112760226900007/',
    );
  });
});
