/** Opcode of a final text frame: FIN bit set, opcode 1 (RFC 6455 section 5.2). */
const FIN_TEXT = 0x81;

/**
 * One unmasked WebSocket text frame (a server's frame: servers never mask, RFC 6455 5.1), header
 * and payload in one Buffer. The bytes are the same for every client, so a server can frame a
 * message once and write it to every socket as is.
 *
 * @example
 * ```ts
 * frameText(Buffer.from('hi')); // <Buffer 81 02 68 69>
 * ```
 */
export function frameText(payload: Buffer): Buffer {
  const length = payload.length;
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = FIN_TEXT;
  if (headerLength === 2) {
    frame[1] = length;
  } else if (headerLength === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  payload.copy(frame, headerLength);
  return frame;
}
