import { backfillRequestBody } from './backfill-request-body';

describe('backfillRequestBody', () => {
  it('asks for an inclusive, open-ended filedAt range, oldest first, with string from and size', () => {
    expect(backfillRequestBody('2020-01-03T16:05:00-05:00', 100, 50)).toEqual({
      query: 'filedAt:["2020-01-03T16:05:00-05:00" TO *]',
      from: '100',
      size: '50',
      sort: [{ filedAt: { order: 'asc' } }],
    });
  });

  it('escapes quotes and backslashes so the range cannot be broken out of', () => {
    expect(backfillRequestBody('a"b\\c', 0, 1).query).toBe(
      'filedAt:["a\\"b\\\\c" TO *]',
    );
  });
});
