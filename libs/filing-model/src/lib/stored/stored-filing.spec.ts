import { makeFiling } from '../make-filing';
import { decodeStoredFiling, toStoredFiling } from './stored-filing';

describe('decodeStoredFiling', () => {
  it('reads a stored filing: the whole document and the fields readers key on', () => {
    const filing = makeFiling({
      ticker: 'AAPL',
      cik: '320193',
      formType: '10-K',
    });
    const decoded = decodeStoredFiling(JSON.stringify(filing));
    expect(decoded).toEqual({
      ok: true,
      value: {
        document: JSON.parse(JSON.stringify(filing)),
        accessionNo: filing.accessionNo,
        cik: '320193',
        ticker: 'AAPL',
        formType: '10-K',
        companyName: filing.companyName,
        filedAt: filing.filedAt,
        filedAtMs: filing.filedAtMs,
      },
    });
  });

  it('keeps the exchange in the document, so what readers splice carries it', () => {
    const filing = makeFiling({ ticker: 'BRK-B', exchange: 'NYSE' });
    const decoded = decodeStoredFiling(JSON.stringify(filing));
    expect(decoded.ok && decoded.value.document['exchange']).toBe('NYSE');
    expect(decoded.ok && JSON.stringify(decoded.value.document)).toBe(
      JSON.stringify(filing),
    );
    const unlisted = decodeStoredFiling(JSON.stringify(makeFiling()));
    expect(unlisted.ok && 'exchange' in unlisted.value.document).toBe(false);
  });

  it.each([['{nope'], [''], ['{"a":1'], ['undefined']])(
    'refuses %j with NOT_JSON',
    (text) => {
      const decoded = decodeStoredFiling(text);
      expect(!decoded.ok && decoded.error.code).toBe('NOT_JSON');
    },
  );

  it.each([['[1]'], ['null'], ['"text"'], ['42'], ['true']])(
    'refuses %s with NOT_AN_OBJECT',
    (text) => {
      const decoded = decodeStoredFiling(text);
      expect(!decoded.ok && decoded.error.code).toBe('NOT_AN_OBJECT');
    },
  );

  it('leaves out a field of the wrong type or missing, and keeps the rest', () => {
    const decoded = decodeStoredFiling(
      '{"accessionNo":7,"cik":["1"],"ticker":null,"formType":"4","filedAtMs":"12","filedAt":{}}',
    );
    expect(decoded).toEqual({
      ok: true,
      value: {
        document: {
          accessionNo: 7,
          cik: ['1'],
          ticker: null,
          formType: '4',
          filedAtMs: '12',
          filedAt: {},
        },
        formType: '4',
      },
    });
  });

  it('reads insights only when they are a JSON object', () => {
    const insights = { items: [{ code: '5.02', title: 'Departure' }] };
    const decoded = decodeStoredFiling(
      JSON.stringify({ formType: '8-K', insights }),
    );
    expect(decoded.ok && decoded.value.insights).toEqual(insights);
    for (const hostile of ['[1]', 'null', '"text"', '7']) {
      const read = decodeStoredFiling(
        `{"formType":"8-K","insights":${hostile}}`,
      );
      expect(read.ok && 'insights' in read.value).toBe(false);
    }
  });

  it('takes a document parsed within a larger value the same way', () => {
    expect(toStoredFiling({ ticker: 'A' })).toEqual({
      ok: true,
      value: { document: { ticker: 'A' }, ticker: 'A' },
    });
    expect(!toStoredFiling(undefined).ok).toBe(true);
  });
});
