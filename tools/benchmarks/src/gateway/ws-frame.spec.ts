import { frameText } from './ws-frame';

describe('frameText', () => {
  it('puts a length under 126 in the second byte', () => {
    expect([...frameText(Buffer.from('hi'))]).toEqual([0x81, 2, 0x68, 0x69]);
    const frame = frameText(Buffer.alloc(125, 0x61));
    expect(frame.length).toBe(127);
    expect(frame[1]).toBe(125);
  });

  it('uses the 16-bit length from 126 to 65,535 bytes', () => {
    const frame = frameText(Buffer.alloc(1_128, 0x61));
    expect([...frame.subarray(0, 4)]).toEqual([0x81, 126, 0x04, 0x68]);
    expect(frame.length).toBe(1_132);
    expect(frameText(Buffer.alloc(65_535))[1]).toBe(126);
  });

  it('uses the 64-bit length from 65,536 bytes', () => {
    const frame = frameText(Buffer.alloc(65_536, 0x61));
    expect([...frame.subarray(0, 10)]).toEqual([
      0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0,
    ]);
    expect(frame.subarray(10).equals(Buffer.alloc(65_536, 0x61))).toBe(true);
  });
});
