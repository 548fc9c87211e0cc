import { Filing } from './filing';
import { makeFiling, makeRawFiling } from './make-filing';
import { toFiling } from './to-filing';

describe('makeRawFiling', () => {
  it('builds wire filings that toFiling accepts, each with a new accession number and later filedAt', () => {
    const raws = Array.from({ length: 50 }, () => makeRawFiling());
    const accessions = new Set(raws.map((raw) => raw.accessionNo));
    expect(accessions.size).toBe(50);
    for (const raw of raws) {
      expect(raw.accessionNo).toMatch(/^\d{10}-\d{2}-\d{6}$/);
      expect(
        toFiling(raw, {
          source: 'replay',
          receivedAt: '2025-01-02T15:00:00.000Z',
        }).ok,
      ).toBe(true);
    }
    const times = raws.map((raw) => Date.parse(raw.filedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(50);
    expect(raws[0].filedAt).toMatch(/^2025-01-02T09:30:\d{2}-05:00$/);
  });

  it('applies overrides verbatim, invalid ones included', () => {
    const raw = makeRawFiling({ cik: 'not-a-cik', ticker: 'acme' });
    expect([raw.cik, raw.ticker]).toEqual(['not-a-cik', 'acme']);
    expect(
      toFiling(raw, {
        source: 'replay',
        receivedAt: '2025-01-02T15:00:00.000Z',
      }).ok,
    ).toBe(false);
  });
});

describe('makeFiling', () => {
  it('builds a normalized Filing with replay source and receivedAt after filedAt', () => {
    const filing = makeFiling({
      ticker: 'acme',
      cik: '0001999999',
      formType: ' 10-K/A ',
    });
    expect(filing).toBeInstanceOf(Filing);
    expect([filing.ticker, filing.cik, filing.formType, filing.source]).toEqual(
      ['ACME', '1999999', '10-K/A', 'replay'],
    );
    expect(Date.parse(filing.receivedAt) - filing.filedAtMs).toBe(1000);
    expect(filing.receivedAt).toMatch(/Z$/);
  });

  it('takes source and receivedAt from the overrides', () => {
    const filing = makeFiling({
      source: 'edgar',
      receivedAt: '2026-02-03T04:05:06.000Z',
    });
    expect([filing.source, filing.receivedAt]).toEqual([
      'edgar',
      '2026-02-03T04:05:06.000Z',
    ]);
  });

  it('gives every filing its own accession number', () => {
    expect(makeFiling().accessionNo).not.toBe(makeFiling().accessionNo);
  });

  it('throws with the reasons when overrides make the filing invalid', () => {
    expect(() => makeFiling({ accessionNo: '123' })).toThrow(/accessionNo/);
  });
});
