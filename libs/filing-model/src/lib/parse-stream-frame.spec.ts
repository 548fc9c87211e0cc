import { aapl, joff } from '../test-support/sec-api-fixtures';
import { FilingMeta } from './to-filing';
import {
  DEFAULT_MAX_FRAME_BYTES,
  parseStreamFrame,
} from './parse-stream-frame';

const meta: FilingMeta = {
  source: 'sec-api',
  receivedAt: '2025-10-31T10:01:27.000Z',
};

describe('parseStreamFrame', () => {
  it('turns a frame of two real filings into two filings, in frame order', () => {
    const { filings, rejects } = parseStreamFrame(
      JSON.stringify([joff(), aapl()]),
      meta,
    );
    expect(rejects).toEqual([]);
    expect(filings.map((f) => [f.accessionNo, f.ticker, f.source])).toEqual([
      ['0001213900-21-032169', 'JOFF', 'sec-api'],
      ['0000320193-25-000079', 'AAPL', 'sec-api'],
    ]);
    expect(filings[1].filedAtMs).toBe(Date.parse('2025-10-31T06:01:26-04:00'));
  });

  it('yields nothing for an empty array', () => {
    expect(parseStreamFrame('[]', meta)).toEqual({ filings: [], rejects: [] });
  });

  it.each(['', 'not json', '[{"a":1}', '{"a":1}}', "['single quotes']"])(
    'refuses %j as FRAME_NOT_JSON',
    (text) => {
      const { filings, rejects } = parseStreamFrame(text, meta);
      expect(filings).toEqual([]);
      expect(rejects).toEqual([
        {
          code: 'FRAME_NOT_JSON',
          raw: text,
          reasons: [
            { field: '', reason: expect.stringMatching(/^not JSON: /) },
          ],
        },
      ]);
    },
  );

  it.each([
    ['{"accessionNo":"0000320193-25-000079"}', 'object'],
    ['"[]"', 'string'],
    ['42', 'number'],
    ['null', 'null'],
  ])('refuses %s as FRAME_NOT_ARRAY', (text, kind) => {
    expect(parseStreamFrame(text, meta).rejects).toEqual([
      {
        code: 'FRAME_NOT_ARRAY',
        raw: text,
        reasons: [{ field: '', reason: `must be a JSON array, got ${kind}` }],
      },
    ]);
  });

  it('refuses each non-object element on its own and keeps the filings around them', () => {
    const text = JSON.stringify([1, joff(), 'filing', null, [aapl()], aapl()]);
    const { filings, rejects } = parseStreamFrame(text, meta);
    expect(filings.map((f) => f.ticker)).toEqual(['JOFF', 'AAPL']);
    expect(
      rejects.map((r) => [r.code, r.index, r.raw, r.reasons[0].reason]),
    ).toEqual([
      ['ELEMENT_NOT_OBJECT', 0, 1, 'must be an object, got number'],
      ['ELEMENT_NOT_OBJECT', 2, 'filing', 'must be an object, got string'],
      ['ELEMENT_NOT_OBJECT', 3, null, 'must be an object, got null'],
      [
        'ELEMENT_NOT_OBJECT',
        4,
        [expect.objectContaining({ ticker: 'AAPL' })],
        'must be an object, got array',
      ],
    ]);
  });

  it('keeps good elements of a mixed frame and says what is wrong with the bad ones', () => {
    const bad = {
      ...aapl(),
      accessionNo: '320193-25-79',
      entities: [{ cik: 'x' }],
    };
    const { filings, rejects } = parseStreamFrame(
      JSON.stringify([joff(), bad, aapl()]),
      meta,
    );
    expect(filings.map((f) => f.accessionNo)).toEqual([
      '0001213900-21-032169',
      '0000320193-25-000079',
    ]);
    expect(rejects).toEqual([
      {
        code: 'ELEMENT_INVALID',
        index: 1,
        raw: bad,
        reasons: [
          {
            field: 'accessionNo',
            reason: 'must look like 0000320193-25-000079',
          },
          {
            field: 'entities.0.cik',
            reason: 'must be digits (at most 10 significant, not all zeros)',
          },
        ],
      },
    ]);
  });

  it('refuses a frame above the default 4 MiB cap before parsing, with a bounded preview', () => {
    const text = JSON.stringify([
      { ...aapl(), description: 'x'.repeat(DEFAULT_MAX_FRAME_BYTES) },
    ]);
    const parse = jest.spyOn(JSON, 'parse');
    const { filings, rejects } = parseStreamFrame(text, meta);
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
    expect(filings).toEqual([]);
    expect(rejects).toEqual([
      {
        code: 'FRAME_TOO_LARGE',
        raw: text.slice(0, 1024),
        reasons: [{ field: '', reason: 'frame is larger than 4194304 bytes' }],
      },
    ]);
  });

  it('counts bytes, not characters, against a custom cap', () => {
    const frame = (description: string) =>
      JSON.stringify([{ ...joff(), description }]);
    const base = new TextEncoder().encode(frame('')).length;
    // 100 euro signs are 100 characters but 300 bytes.
    const text = frame('€'.repeat(100));
    expect(
      parseStreamFrame(text, meta, { maxBytes: base + 299 }).rejects[0].code,
    ).toBe('FRAME_TOO_LARGE');
    expect(
      parseStreamFrame(text, meta, { maxBytes: base + 300 }).filings,
    ).toHaveLength(1);
  });

  it('accepts a frame exactly at a custom cap and refuses one byte over', () => {
    const text = JSON.stringify([joff()]);
    // JOFF's no-break spaces make its byte size larger than its length.
    const bytes = new TextEncoder().encode(text).length;
    expect(bytes).toBeGreaterThan(text.length);
    expect(
      parseStreamFrame(text, meta, { maxBytes: bytes }).filings,
    ).toHaveLength(1);
    expect(
      parseStreamFrame(text, meta, { maxBytes: bytes - 1 }).rejects[0].code,
    ).toBe('FRAME_TOO_LARGE');
  });

  it('refuses a huge string field of one element with a field-level reason', () => {
    const text = JSON.stringify([
      { ...joff(), companyName: 'J'.repeat(100_000) },
      aapl(),
    ]);
    const { filings, rejects } = parseStreamFrame(text, meta);
    expect(filings).toHaveLength(1);
    expect(rejects[0].reasons).toEqual([
      { field: 'companyName', reason: 'must be at most 512 characters' },
    ]);
  });

  it('survives 100,000 levels of nested arrays in an element, known key or unknown key', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const good = JSON.stringify(joff());
    const known = JSON.stringify(aapl()).replace(
      '"formType":"10-K"',
      `"formType":${deep}`,
    );
    const unknown = good.replace('{', `{"junk":${deep},`);
    const text = `[${good},${known},${unknown},${deep}]`;

    const { filings, rejects } = parseStreamFrame(text, meta);

    expect(filings.map((f) => f.ticker)).toEqual(['JOFF', 'JOFF']);
    expect(rejects.map((r) => [r.code, r.index, r.reasons])).toEqual([
      [
        'ELEMENT_INVALID',
        1,
        [{ field: 'formType', reason: 'must be a string' }],
      ],
      [
        'ELEMENT_NOT_OBJECT',
        3,
        [{ field: '', reason: 'must be an object, got array' }],
      ],
    ]);
  });

  it('throws for programmer mistakes: a bad cap or an undecoded frame', () => {
    expect(() => parseStreamFrame('[]', meta, { maxBytes: 0 })).toThrow(
      RangeError,
    );
    expect(() => parseStreamFrame('[]', meta, { maxBytes: 1.5 })).toThrow(
      RangeError,
    );
    expect(() =>
      parseStreamFrame(new Uint8Array([91, 93]) as unknown as string, meta),
    ).toThrow(TypeError);
  });
});
