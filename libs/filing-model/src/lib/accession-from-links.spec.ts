import { accessionFromLinks } from './accession-from-links';
import { toFiling } from './to-filing';
import { aapl, joff } from '../test-support/sec-api-fixtures';

describe('accessionFromLinks', () => {
  it.each([
    [
      {
        linkToTxt:
          'https://www.sec.gov/Archives/edgar/data/320193/000032019320000096/0000320193-20-000096.txt',
      },
      '0000320193-20-000096',
    ],
    [
      {
        linkToHtml:
          'https://www.sec.gov/Archives/edgar/data/1045810/000104581026000024/0001045810-26-000024-index.htm',
      },
      '0001045810-26-000024',
    ],
    [
      {
        linkToFilingDetails:
          'https://www.sec.gov/Archives/edgar/data/1045810/000104581026000024/nvda-20260306.htm',
      },
      '0001045810-26-000024',
    ],
    [
      {
        linkToTxt: 'https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent',
      },
      undefined,
    ],
    [{ linkToTxt: 'https://example.com/1234567890-12-1234567.txt' }, undefined],
    [{ linkToTxt: 42, linkToHtml: null }, undefined],
    [{}, undefined],
  ])('%j gives %s', (raw, expected) => {
    expect(accessionFromLinks(raw as Record<string, unknown>)).toBe(expected);
  });

  it('lets toFiling take an old sec-api.io object without accessionNo, from its links', () => {
    const { accessionNo, ...old } = joff();
    const result = toFiling(old, {
      source: 'sec-api',
      receivedAt: new Date().toISOString(),
    });
    expect(result.ok && result.filing.accessionNo).toBe(accessionNo);
  });

  it('carries the filing date EDGAR gives, derived from filedAt', () => {
    // JOFF's 10-Q was accepted 2021-06-11 17:25:44 ET: before the 17:30 cut-off, the same day.
    const result = toFiling(joff(), {
      source: 'sec-api',
      receivedAt: new Date().toISOString(),
    });
    expect(result.ok && result.filing.filingDate).toBe('2021-06-11');
  });

  it('keeps an accessionNo the object has, even when its links name another', () => {
    const real = aapl();
    const result = toFiling(
      {
        ...(real as object),
        linkToTxt:
          'https://www.sec.gov/Archives/edgar/data/1/0000000001-99-000001.txt',
      },
      { source: 'sec-api', receivedAt: new Date().toISOString() },
    );
    expect(result.ok && result.filing.accessionNo).toBe(
      (real as { accessionNo: string }).accessionNo,
    );
  });
});
