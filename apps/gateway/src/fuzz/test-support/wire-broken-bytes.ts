// Broken bytes for the wire fuzz: well-formed requests mutated byte by byte, bytes that are not
// HTTP at all, and junk WebSocket frames for a connection that was upgraded.
import fc from 'fast-check';

/** Random byte edits of a request: flips, inserted junk, NULs, cut lines, doubled CRLFs. */
export function mutatedFrom(
  wellFormed: fc.Arbitrary<Buffer>,
): fc.Arbitrary<Buffer> {
  return fc
    .tuple(
      wellFormed,
      fc.array(
        fc.tuple(
          fc.constantFrom('flip', 'insert', 'nul', 'delete', 'crlf', 'bare-lf'),
          fc.nat(),
          fc.uint8Array({ minLength: 1, maxLength: 8 }),
        ),
        { minLength: 1, maxLength: 4 },
      ),
    )
    .map(([bytes, edits]) => {
      let out = Buffer.from(bytes);
      for (const [kind, position, junk] of edits) {
        const at = position % (out.length + 1);
        const before = out.subarray(0, at);
        const after = out.subarray(at);
        switch (kind) {
          case 'flip':
            if (at < out.length) out[at] ^= junk[0] || 1;
            break;
          case 'insert':
            out = Buffer.concat([before, Buffer.from(junk), after]);
            break;
          case 'nul':
            out = Buffer.concat([before, Buffer.from([0]), after]);
            break;
          case 'delete':
            out = Buffer.concat([before, after.subarray(junk.length)]);
            break;
          case 'crlf':
            out = Buffer.concat([before, Buffer.from('\r\n\r\n'), after]);
            break;
          case 'bare-lf':
            out = Buffer.concat([before, Buffer.from('\n'), after]);
            break;
        }
      }
      return out;
    });
}

/** Bytes that are not HTTP: random, a TLS hello, the HTTP/2 preface, smuggling attempts. */
export const garbageBytes = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 512 }).map((a) => Buffer.from(a)),
  fc.constantFrom(
    Buffer.from('\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03'), // a TLS ClientHello
    Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), // the HTTP/2 preface
    Buffer.from('\r\n\r\n\r\n'),
    Buffer.from('GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'),
    Buffer.from(
      'GET / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n',
    ),
    Buffer.from(`GET / HTTP/1.1\r\nX: ${'x'.repeat(70_000)}\r\n\r\n`),
  ),
);

/** Bytes after a 101: WebSocket frames that are junk, unmasked, oversized or cut. */
export const afterUpgradeBytes = fc.oneof(
  fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
  fc.constantFrom(
    Buffer.from([0x81, 0x05, 0x68, 0x65, 0x6c, 0x6c, 0x6f]), // unmasked text: a protocol error
    Buffer.from([0x88, 0x80, 0, 0, 0, 0]), // a masked close
    Buffer.from([0x82, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), // 2^63 bytes
  ),
);
