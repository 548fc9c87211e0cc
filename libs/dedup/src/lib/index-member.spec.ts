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

  it('decodes what it encodes and rejects foreign members', () => {
    expect(
      decodeIndexMember(
        encodeIndexMember('1736000000000-0', '0000320193-25-000079'),
      ),
    ).toEqual({
      position: '1736000000000-0',
      accessionNo: '0000320193-25-000079',
    });
    expect(decodeIndexMember('{"accessionNo":"x"}')).toBeUndefined();
    expect(decodeIndexMember('12-3')).toBeUndefined();
  });
});
