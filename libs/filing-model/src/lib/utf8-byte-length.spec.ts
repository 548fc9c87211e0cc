import { utf8ByteLength } from './utf8-byte-length';

describe('utf8ByteLength', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['\u00a0', 2],
    ['😀', 4],
    ['a😀é€', 10],
    ['\ud800', 3],
    ['\udc00x', 4],
  ])('measures %j as TextEncoder does (%i bytes)', (text, bytes) => {
    expect(utf8ByteLength(text)).toBe(bytes);
    expect(new TextEncoder().encode(text).length).toBe(bytes);
  });

  it('stops counting once past the limit', () => {
    expect(utf8ByteLength('x'.repeat(1000), 10)).toBe(11);
  });
});
