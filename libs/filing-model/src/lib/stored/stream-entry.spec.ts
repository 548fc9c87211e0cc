import {
  decodeStreamEntry,
  decodeStreamEntryDocument,
  encodeStreamEntry,
  STREAM_FIELDS,
} from './stream-entry';

describe('stream entries', () => {
  const filing = {
    accessionNo: 'a-1',
    ticker: 'T',
    entities: [{ undefined: 'junk' }],
  };

  it('encodes the accession number and the whole filing as JSON', () => {
    expect(encodeStreamEntry(filing)).toEqual({
      [STREAM_FIELDS.accessionNo]: 'a-1',
      [STREAM_FIELDS.data]: JSON.stringify(filing),
    });
  });

  it('decodes what it encodes: the accession number, the stored text and the document', () => {
    const fields = encodeStreamEntry(filing);
    expect(decodeStreamEntry(fields)).toEqual({
      ok: true,
      value: {
        accessionNo: 'a-1',
        data: JSON.stringify(filing),
        filing: { document: filing, accessionNo: 'a-1', ticker: 'T' },
      },
    });
  });

  it.each([
    ['a missing data field', { accessionNo: 'a-1' }, 'MISSING_FIELD'],
    ['a missing accessionNo field', { data: '{}' }, 'MISSING_FIELD'],
    ['no fields at all', {}, 'MISSING_FIELD'],
    [
      'data that is not JSON',
      { accessionNo: 'a-1', data: '{nope' },
      'NOT_JSON',
    ],
    [
      'data that is a JSON array',
      { accessionNo: 'a-1', data: '[1]' },
      'NOT_AN_OBJECT',
    ],
    [
      'data that is JSON null',
      { accessionNo: 'a-1', data: 'null' },
      'NOT_AN_OBJECT',
    ],
  ])('refuses %s with a code', (_, fields, code) => {
    const decoded = decodeStreamEntry(fields);
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.error.code).toBe(code);
  });

  it('reads the document of an entry without its accession number field', () => {
    expect(decodeStreamEntryDocument({ data: '{"ticker":"A"}' })).toEqual({
      ok: true,
      value: {
        data: '{"ticker":"A"}',
        filing: { document: { ticker: 'A' }, ticker: 'A' },
      },
    });
    const missing = decodeStreamEntryDocument({ accessionNo: 'x' });
    expect(!missing.ok && missing.error.code).toBe('MISSING_FIELD');
  });
});
