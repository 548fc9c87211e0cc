import { encodeIndexMember } from '@secfeed/filing-model/stored';
import { decodeHistoryCursor, encodeHistoryCursor } from './history-cursor';

const entry = {
  score: 1741613400000,
  member: encodeIndexMember('1741613400123-7', '0000320193-25-000079'),
};

describe('history cursor', () => {
  it('round-trips an index entry through an opaque URL-safe string', () => {
    const cursor = encodeHistoryCursor(entry);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeHistoryCursor(cursor)).toEqual(entry);
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['truncated', encodeHistoryCursor(entry).slice(0, -3)],
    [
      'another version',
      Buffer.from(`v2.1.${entry.member}`).toString('base64url'),
    ],
    [
      'a member dedup never wrote',
      Buffer.from('v1.1.hello').toString('base64url'),
    ],
    [
      'a non-integer score',
      Buffer.from(`v1.1e3.${entry.member}`).toString('base64url'),
    ],
    ['too long', 'A'.repeat(300)],
    ['empty', ''],
  ])('refuses a cursor that is %s with INVALID_CURSOR', (_, text) => {
    expect(() => decodeHistoryCursor(text)).toThrow(
      expect.objectContaining({ code: 'INVALID_CURSOR' }) as Error,
    );
  });
});
