import { DedupError } from './dedup-error';
import { decodeStreamEntry, STREAM_FIELDS } from './stream-entry';

describe('decodeStreamEntry', () => {
  it('returns the accession number and the parsed filing', () => {
    const filing = { accessionNo: 'a-1', entities: [{ undefined: 'junk' }] };
    const fields = {
      [STREAM_FIELDS.accessionNo]: 'a-1',
      [STREAM_FIELDS.data]: JSON.stringify(filing),
    };
    expect(decodeStreamEntry(fields)).toEqual({
      accessionNo: 'a-1',
      kind: 'filing',
      filing,
    });
  });

  it('says which entry carries insights', () => {
    const filing = { accessionNo: 'a-1', insights: { items: [] } };
    const fields = {
      [STREAM_FIELDS.accessionNo]: 'a-1',
      [STREAM_FIELDS.kind]: 'insights',
      [STREAM_FIELDS.data]: JSON.stringify(filing),
    };
    expect(decodeStreamEntry(fields)).toEqual({
      accessionNo: 'a-1',
      kind: 'insights',
      filing,
    });
  });

  it.each([
    ['a missing data field', { accessionNo: 'a-1' }],
    ['a missing accessionNo field', { data: '{}' }],
    ['data that is not JSON', { accessionNo: 'a-1', data: '{nope' }],
    ['an unknown kind', { accessionNo: 'a-1', kind: 'x', data: '{}' }],
  ])('throws MALFORMED_STREAM_ENTRY for %s', (_, fields) => {
    expect(() => decodeStreamEntry(fields)).toThrow(DedupError);
    expect(() => decodeStreamEntry(fields)).toThrow(
      expect.objectContaining({ code: 'MALFORMED_STREAM_ENTRY' }),
    );
  });
});
