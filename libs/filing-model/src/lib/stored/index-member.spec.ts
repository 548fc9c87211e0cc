import { decodeIndexMember, encodeIndexMember } from './index-member';

describe('index members', () => {
  it('zero-pads both halves of the position', () => {
    expect(encodeIndexMember('1736000000000-3', '0000320193-25-000079')).toBe(
      '0001736000000000-0000000003:0000320193-25-000079',
    );
  });

  it('sorts as strings in position order, so ties on filedAtMs come out by position', () => {
    const positions = [
      '999-0',
      '1000-0',
      '1000-2',
      '1000-10',
      '1736000000000-0',
      '1736000000000-11',
    ];
    const members = positions.map((p) => encodeIndexMember(p, 'acc'));
    expect([...members].sort()).toEqual(members);
  });

  it('decodes what it encodes', () => {
    expect(
      decodeIndexMember(
        encodeIndexMember('1736000000000-0', '0000320193-25-000079'),
      ),
    ).toEqual({
      ok: true,
      value: {
        position: '1736000000000-0',
        accessionNo: '0000320193-25-000079',
      },
    });
  });

  it.each([
    ['{"accessionNo":"x"}'],
    ['12-3'],
    ['12-3:'],
    [''],
    ['a-1:acc'],
    ['12:acc'],
  ])('refuses the foreign member %j with MALFORMED_MEMBER', (member) => {
    const decoded = decodeIndexMember(member);
    expect(!decoded.ok && decoded.error.code).toBe('MALFORMED_MEMBER');
  });
});
