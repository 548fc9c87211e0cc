import { aapl, joff } from '../test-support/sec-api-fixtures';
import { Filing } from './filing';
import { FilingMeta, toFiling, ToFilingResult } from './to-filing';

const meta: FilingMeta = {
  source: 'sec-api',
  receivedAt: '2025-10-31T10:01:27.123Z',
};

function accept(raw: unknown): Filing {
  const result = toFiling(raw, meta);
  if (!result.ok) {
    throw new Error(`refused: ${JSON.stringify(result.reasons)}`);
  }
  return result.filing;
}

function refuse(raw: unknown, m = meta): ToFilingResult & { ok: false } {
  const result = toFiling(raw, m);
  if (result.ok) {
    throw new Error('accepted a filing that should be refused');
  }
  return result;
}

/** A nested-array bomb built the way it arrives: as JSON text. */
const deepArrays = (depth: number): unknown =>
  JSON.parse('['.repeat(depth) + ']'.repeat(depth));

describe('toFiling normalization', () => {
  it('upper-cases the ticker and keeps "" for none', () => {
    expect(accept({ ...joff(), ticker: 'joff' }).ticker).toBe('JOFF');
    expect(accept({ ...joff(), ticker: '' }).ticker).toBe('');
    expect(accept({ ...joff(), ticker: undefined }).ticker).toBe('');
  });

  it('keeps the exchange verbatim, and leaves it out when absent or null', () => {
    expect(accept({ ...joff(), exchange: 'Nasdaq' }).exchange).toBe('Nasdaq');
    expect(accept({ ...joff(), exchange: 'NYSE' }).exchange).toBe('NYSE');
    for (const absent of [undefined, null]) {
      expect('exchange' in accept({ ...joff(), exchange: absent })).toBe(false);
    }
    expect('exchange' in accept(joff())).toBe(false);
  });

  it('strips leading zeros from the CIK, top level and entities', () => {
    const raw = {
      ...aapl(),
      cik: '0000320193',
      entities: [{ cik: '0000320193' }],
    };
    const filing = accept(raw);
    expect(filing.cik).toBe('320193');
    expect(filing.entities[0].cik).toBe('320193');
  });

  it('trims the form type', () => {
    expect(accept({ ...aapl(), formType: '  10-K/A \t' }).formType).toBe(
      '10-K/A',
    );
  });

  it('keeps filedAt as given and derives filedAtMs, ignoring a sent filedAtMs', () => {
    const filing = accept({
      ...aapl(),
      filedAt: '2025-10-31T06:01:26.5-04:00',
      filedAtMs: 1,
    });
    expect(filing.filedAt).toBe('2025-10-31T06:01:26.5-04:00');
    expect(filing.filedAtMs).toBe(Date.UTC(2025, 9, 31, 10, 1, 26, 500));
  });

  it('defaults absent arrays to [] and drops null optional scalars', () => {
    const raw = aapl();
    delete raw['entities'];
    delete raw['dataFiles'];
    const filing = accept({
      ...raw,
      documentFormatFiles: null,
      periodOfReport: null,
      items: null,
    });
    expect(filing.entities).toEqual([]);
    expect(filing.dataFiles).toEqual([]);
    expect(filing.documentFormatFiles).toEqual([]);
    expect('periodOfReport' in filing).toBe(false);
    expect('items' in filing).toBe(false);
  });

  it('keeps optional items and group members', () => {
    const filing = accept({
      ...aapl(),
      items: ['Item 2.02: Results'],
      groupMembers: ['A', 'B'],
    });
    expect(filing.items).toEqual(['Item 2.02: Results']);
    expect(filing.groupMembers).toEqual(['A', 'B']);
  });

  it('takes source and receivedAt from meta, never from the filing', () => {
    const result = toFiling(
      { ...aapl(), source: 'edgar', receivedAt: 'yesterday' },
      {
        source: 'replay',
        receivedAt: '2026-01-02T03:04:05.000Z',
      },
    );
    expect(
      result.ok && [result.filing.source, result.filing.receivedAt],
    ).toEqual(['replay', '2026-01-02T03:04:05.000Z']);
  });

  it('drops unknown top-level keys and never assigns __proto__', () => {
    const raw = JSON.parse('{"__proto__": {"polluted": true}, "extra": 1}');
    const filing = accept({ ...aapl(), ...raw });
    expect('extra' in filing).toBe(false);
    expect(
      (filing as unknown as Record<string, unknown>)['polluted'],
    ).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('toFiling refusals', () => {
  it.each(['accessionNo', 'cik', 'companyName', 'formType', 'filedAt'])(
    'requires %s',
    (field) => {
      const raw = aapl();
      delete raw[field];
      if (field === 'accessionNo') {
        // Without it the links name it (old sec-api.io objects): take those away too.
        delete raw['linkToTxt'];
        delete raw['linkToHtml'];
        delete raw['linkToFilingDetails'];
      }
      expect(refuse(raw).reasons).toEqual([{ field, reason: 'is required' }]);
    },
  );

  it.each([
    ['cik', 320193, 'must be a string'],
    ['ticker', { symbol: 'AAPL' }, 'must be a string'],
    ['exchange', 7, 'must be a string'],
    ['exchange', ['NYSE'], 'must be a string'],
    ['exchange', 'N'.repeat(65), 'must be at most 64 characters'],
    ['formType', ['10-K'], 'must be a string'],
    ['companyName', '', 'must not be empty'],
    ['formType', '   ', 'must not be empty'],
    ['entities', 'Apple', 'must be an array'],
    ['items', 'Item 2.02', 'must be an array'],
    ['items', [2.02], 'each entry must be a string'],
  ])('refuses %s = %j: %s', (field, value, reason) => {
    expect(refuse({ ...aapl(), [field]: value }).reasons).toEqual([
      { field, reason },
    ]);
  });

  it('names nested fields with a dotted path', () => {
    const raw = aapl();
    const files = raw['documentFormatFiles'] as Record<string, unknown>[];
    files[2] = { ...files[2], size: 11807 };
    const entities = [{ cik: 'CIK320193' }, 'Apple', []];
    expect(refuse({ ...raw, entities }).reasons).toEqual([
      {
        field: 'entities.0.cik',
        reason: 'must be digits (at most 10 significant, not all zeros)',
      },
      { field: 'entities.1', reason: 'must be an object' },
      { field: 'entities.2', reason: 'must be an object' },
      { field: 'documentFormatFiles.2.size', reason: 'must be a string' },
    ]);
  });

  it.each([
    '0000320193-25-00079',
    '000320193-25-000079',
    '0000320193-2025-000079',
    '0000320193_25_000079',
    '000032019325000079',
    ' 0000320193-25-000079',
    '0000320193-25-000079\n',
    'abcdefghij-25-000079',
  ])('refuses accession number %j', (accessionNo) => {
    expect(refuse({ ...aapl(), accessionNo }).reasons).toEqual([
      { field: 'accessionNo', reason: 'must look like 0000320193-25-000079' },
    ]);
  });

  it.each(['abc', '0000', '-1', '32O193', '12345678901', ''])(
    'refuses CIK %j',
    (cik) => {
      expect(refuse({ ...aapl(), cik }).reasons).toEqual([
        {
          field: 'cik',
          reason: 'must be digits (at most 10 significant, not all zeros)',
        },
      ]);
    },
  );

  it.each([
    '2025-10-31T06:01:26',
    '2025-10-31',
    '2025-02-30T06:01:26-05:00',
    '2025-10-31T24:00:00-04:00',
    '2025-10-31 06:01:26-04:00',
    'yesterday',
  ])('refuses filedAt %j', (filedAt) => {
    expect(refuse({ ...aapl(), filedAt }).reasons).toEqual([
      {
        field: 'filedAt',
        reason: expect.stringMatching(
          /^must be an ISO 8601 date-time with offset/,
        ),
      },
    ]);
  });

  it('refuses a receivedAt that is not UTC and an unknown source', () => {
    const result = refuse(aapl(), {
      source: 'twitter' as 'sec-api',
      receivedAt: '2025-10-31T06:01:26-04:00',
    });
    expect(result.reasons.map((r) => r.field)).toEqual([
      'source',
      'receivedAt',
    ]);
  });

  it.each([null, 'filing', 42, [{ accessionNo: '0000320193-25-000079' }]])(
    'refuses %j as a whole',
    (raw) => {
      expect(refuse(raw).reasons).toEqual([
        { field: '', reason: 'must be an object' },
      ]);
    },
  );

  it('refuses huge strings and arrays with the cap in the reason', () => {
    const result = refuse({
      ...aapl(),
      companyName: 'x'.repeat(5_000_000),
      ticker: 'A'.repeat(65),
      entities: Array.from({ length: 100_000 }, () => ({ cik: '1' })),
      items: Array.from({ length: 101 }, () => 'Item 1.01'),
    });
    expect(result.reasons).toEqual([
      { field: 'ticker', reason: 'must be at most 64 characters' },
      { field: 'companyName', reason: 'must be at most 512 characters' },
      { field: 'entities', reason: 'must have at most 1000 entries' },
      { field: 'items', reason: 'must have at most 100 entries' },
    ]);
  });

  it('accepts values right at the caps', () => {
    const filing = accept({
      ...aapl(),
      companyName: 'x'.repeat(512),
      ticker: 'A'.repeat(64),
    });
    expect(filing.companyName).toHaveLength(512);
  });

  it('refuses 100,000 nested arrays in a known field without overflowing the stack', () => {
    expect(refuse({ ...aapl(), items: deepArrays(100_000) }).reasons).toEqual([
      { field: 'items', reason: 'each entry must be a string' },
    ]);
    expect(refuse({ ...aapl(), ticker: deepArrays(100_000) }).reasons).toEqual([
      { field: 'ticker', reason: 'must be a string' },
    ]);
    expect(
      refuse({ ...aapl(), entities: [{ cik: deepArrays(100_000) }] }).reasons,
    ).toEqual([{ field: 'entities.0.cik', reason: 'must be a string' }]);
  });

  it('accepts 100,000 nested arrays under an unknown key and drops them', () => {
    const raw = aapl();
    (raw['entities'] as Record<string, unknown>[])[0]['undefined'] =
      deepArrays(100_000);
    const filing = accept({ ...raw, junk: deepArrays(100_000) });
    expect('junk' in filing).toBe(false);
    expect(Object.keys(filing.entities[0])).not.toContain('undefined');
  });
});
