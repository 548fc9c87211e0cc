import { parseEntry, parseXReadReply } from './parse-xread-reply';

describe('parseXReadReply', () => {
  it('returns no entries when the BLOCK timed out', () => {
    expect(parseXReadReply(null)).toEqual([]);
  });

  it('returns the entries of the stream in order, fields as strings', () => {
    const reply = [
      [
        'stream:x',
        [
          ['1-0', ['a', '1', 'b', '2']],
          ['1-1', ['data', '{"x":1}']],
        ],
      ],
    ];
    expect(parseXReadReply(reply)).toEqual([
      { id: '1-0', fields: { a: '1', b: '2' } },
      { id: '1-1', fields: { data: '{"x":1}' } },
    ]);
  });

  it('rejects a reply of another shape', () => {
    expect(() => parseXReadReply('OK')).toThrow(TypeError);
    expect(() => parseXReadReply([['k', 'x']])).toThrow(TypeError);
    expect(() => parseEntry(['1-0'])).toThrow(TypeError);
  });
});
