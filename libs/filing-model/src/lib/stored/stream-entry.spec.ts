import {
  decodeStreamEntry,
  decodeStreamEntryDocument,
  encodeInsightsEntry,
  encodeStreamEntry,
  STREAM_FIELDS,
  streamEntryKind,
} from './stream-entry';

describe('stream entries', () => {
  const filing = {
    accessionNo: 'a-1',
    ticker: 'T',
    entities: [{ undefined: 'junk' }],
  };
  const insights = { items: [{ code: '2.02', title: 'Results' }] };

  it('encodes the accession number and the whole filing as JSON', () => {
    expect(encodeStreamEntry(filing)).toEqual({
      [STREAM_FIELDS.accessionNo]: 'a-1',
      [STREAM_FIELDS.data]: JSON.stringify(filing),
    });
  });

  it('decodes what it encodes: a filing entry, its stored text and the document', () => {
    const fields = encodeStreamEntry(filing);
    expect(decodeStreamEntry(fields)).toEqual({
      ok: true,
      value: {
        kind: 'filing',
        accessionNo: 'a-1',
        data: JSON.stringify(filing),
        filing: { document: filing, accessionNo: 'a-1', ticker: 'T' },
      },
    });
  });

  it('encodes an insights entry with kind=insights and the filing with its insights as data', () => {
    const withInsights = { ...filing, insights };
    expect(encodeInsightsEntry(withInsights)).toEqual({
      accessionNo: 'a-1',
      kind: 'insights',
      data: JSON.stringify(withInsights),
    });
  });

  it('decodes an insights entry: its kind, the filing with insights, and the insights alone', () => {
    const withInsights = { ...filing, insights };
    const decoded = decodeStreamEntry(encodeInsightsEntry(withInsights));
    expect(decoded).toEqual({
      ok: true,
      value: {
        kind: 'insights',
        accessionNo: 'a-1',
        data: JSON.stringify(withInsights),
        insights,
        filing: {
          document: withInsights,
          accessionNo: 'a-1',
          ticker: 'T',
          insights,
        },
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
    [
      'an insights entry whose data has no insights',
      { accessionNo: 'a-1', kind: 'insights', data: '{"ticker":"T"}' },
      'MISSING_FIELD',
    ],
    [
      'an insights entry whose insights are an array',
      { accessionNo: 'a-1', kind: 'insights', data: '{"insights":[1]}' },
      'MISSING_FIELD',
    ],
    [
      'an insights entry whose insights are a string',
      { accessionNo: 'a-1', kind: 'insights', data: '{"insights":"x"}' },
      'MISSING_FIELD',
    ],
    [
      'an insights entry with data that is not JSON',
      { accessionNo: 'a-1', kind: 'insights', data: '{"insights":' },
      'NOT_JSON',
    ],
    [
      'an unknown kind',
      { accessionNo: 'a-1', kind: 'alert', data: '{}' },
      'UNKNOWN_KIND',
    ],
    [
      'a kind in another case',
      { accessionNo: 'a-1', kind: 'INSIGHTS', data: '{"insights":{}}' },
      'UNKNOWN_KIND',
    ],
    [
      'an empty kind',
      { accessionNo: 'a-1', kind: '', data: '{}' },
      'UNKNOWN_KIND',
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
        kind: 'filing',
        data: '{"ticker":"A"}',
        filing: { document: { ticker: 'A' }, ticker: 'A' },
      },
    });
    const missing = decodeStreamEntryDocument({ accessionNo: 'x' });
    expect(!missing.ok && missing.error.code).toBe('MISSING_FIELD');
  });

  it('refuses an insights document without its accession number field', () => {
    const decoded = decodeStreamEntryDocument({
      kind: 'insights',
      data: '{"insights":{}}',
    });
    expect(!decoded.ok && decoded.error.code).toBe('MISSING_FIELD');
  });

  it('does not take an insights entry for a filing, nor a filing that carries insights for an insights entry', () => {
    const stored = { ...filing, insights };
    const asFiling = decodeStreamEntry(encodeStreamEntry(stored));
    expect(asFiling.ok && asFiling.value.kind).toBe('filing');
    const asInsights = decodeStreamEntry(encodeInsightsEntry(stored));
    expect(asInsights.ok && asInsights.value.kind).toBe('insights');
  });

  it('tells the kind from the kind field alone', () => {
    expect(streamEntryKind({ accessionNo: 'a', data: 'junk' })).toBe('filing');
    expect(streamEntryKind({ kind: 'filing' })).toBe('filing');
    expect(streamEntryKind({ kind: 'insights' })).toBe('insights');
    expect(streamEntryKind({ kind: 'other' })).toBeUndefined();
  });
});
