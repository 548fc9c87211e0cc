import { textFrame } from './ws-text-frame';

/** `ws`'s frame parser, which its typings do not declare (the module exports it at run time). */
const { Receiver } = require('ws') as {
  Receiver: new (options: { isServer: boolean }) => NodeJS.EventEmitter & {
    write(chunk: Buffer): void;
  };
};

/** What `ws`'s own frame parser (a client's side of the wire) reads from `wire`. */
function received(wire: Buffer): string[] {
  const messages: string[] = [];
  const receiver = new Receiver({ isServer: false });
  receiver.on('message', (data: Buffer) => messages.push(data.toString()));
  receiver.write(wire);
  return messages;
}

describe('textFrame', () => {
  it('frames a short message with a 2-byte header', () => {
    const { wire, payload } = textFrame('hi');
    expect([...wire]).toEqual([0x81, 2, 0x68, 0x69]);
    expect(payload.toString()).toBe('hi');
  });

  it.each([
    ['125 bytes: 7-bit length', 125, 2],
    ['126 bytes: 16-bit length', 126, 4],
    ['65,535 bytes: 16-bit length', 65_535, 4],
    ['65,536 bytes: 64-bit length', 65_536, 10],
  ])('%s', (_name, size, headerLength) => {
    const message = 'x'.repeat(size);
    const { wire, payload } = textFrame(message);
    expect(wire.length).toBe(headerLength + size);
    expect(payload.length).toBe(size);
    expect(received(wire)).toEqual([message]);
  });

  it('counts UTF-8 bytes, not characters, and the payload is a view of the frame', () => {
    const message = '{"companyName":"Société Générale — 株式会社"}';
    const { wire, payload } = textFrame(message);
    expect(payload.length).toBe(Buffer.byteLength(message));
    expect(payload.buffer).toBe(wire.buffer);
    expect(received(wire)).toEqual([message]);
  });

  it('frames several messages that a client reads back one by one when joined', () => {
    const messages = ['a', 'b'.repeat(300), 'c'];
    const joined = Buffer.concat(messages.map((m) => textFrame(m).wire));
    expect(received(joined)).toEqual(messages);
  });
});
