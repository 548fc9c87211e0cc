// Generators of what a stranger can send to the gateway's port: HTTP requests with odd methods,
// targets (`//`, `/%00`, `..`, very long, odd encodings), versions and headers, WebSocket
// handshakes to every route, the same bytes mutated, and what each connection then does
// (waits for the answer, closes or resets at a random byte, dribbles its headers).
import fc from 'fast-check';

/** One connection's plan. */
export interface WireAction {
  readonly bytes: Buffer;
  /**
   * `answer`: send everything, wait for the answer's head (or the close); only for well-formed
   * requests, which must be answered. `close`/`reset`: send `at` bytes, then FIN or RST.
   * `dribble`: send the first `at` bytes a few at a time, then RST (slowloris).
   */
  readonly behaviour: 'answer' | 'close' | 'reset' | 'dribble';
  readonly at: number;
  /** For a request upgraded to a WebSocket (101): bytes to send it afterwards. */
  readonly afterUpgrade: Buffer;
}

const ROUTES = [
  '/ws',
  '/ws?token=x',
  '/api/filings',
  '/api/filings?limit=2',
  '/api/filings/0000320193-25-000079',
  '/healthz',
  '/readyz',
  '/metrics',
  '/',
  '/index.html',
  '/main-ABCDEFGH.js',
  '/logo.png',
  '/some/client/route',
];

const ODD_TARGETS = [
  '//',
  '///',
  '//ws',
  '//evil.example.com/ws',
  '/%00',
  '/ws%00',
  '/%',
  '/%zz',
  '/..',
  '/../..',
  '/ws/../ws',
  '/..%2f..%2fetc%2fpasswd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/ws?token=%ZZ',
  '/ws?token=&token=',
  '/api/filings?%',
  '/\u00e9',
  '/%C0%AE%C0%AE/',
  '/ws#fragment',
  '*',
  'ws',
  'http://127.0.0.1/ws',
  'http://evil.example.com/api/filings',
  'HTTP://X/healthz',
  'host:443',
];

const target = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ROUTES) },
  { weight: 4, arbitrary: fc.constantFrom(...ODD_TARGETS) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...ROUTES), fc.integer({ min: 1, max: 20_000 }))
      .map(
        ([route, n]) =>
          `${route}${route.includes('?') ? '&' : '?'}${'a'.repeat(n)}`,
      ),
  },
  {
    weight: 2,
    arbitrary: fc
      .string({ unit: 'grapheme-ascii', maxLength: 40 })
      .map((s) => `/${s.replace(/[\s]/g, '')}`),
  },
);

const method = fc.oneof(
  { weight: 6, arbitrary: fc.constant('GET') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'HEAD',
      'POST',
      'PUT',
      'DELETE',
      'OPTIONS',
      'PATCH',
      'TRACE',
      'get',
      'PRI',
      'M-SEARCH',
      'CONNECT',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: 'grapheme-ascii',
      minLength: 1,
      maxLength: 8,
    }),
  },
);

const version = fc.oneof(
  { weight: 8, arbitrary: fc.constant('HTTP/1.1') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'HTTP/1.0',
      'HTTP/2.0',
      'HTTP/0.9',
      'HTTP/1.1 x',
      'http/1.1',
      'HTTP/9',
    ),
  },
);

const oddHandshake = fc.record({
  connection: fc.constantFrom(
    'Upgrade',
    'upgrade, keep-alive',
    'close',
    'keep-alive',
  ),
  upgrade: fc.constantFrom(
    'websocket',
    'WebSocket',
    'h2c',
    'websocket, h2c',
    '',
  ),
  wsVersion: fc.constantFrom('13', '8', '', 'x'),
  key: fc.constantFrom('dGhlIHNhbXBsZSBub25jZQ==', '', 'not-base64', 'AAAA'),
});

/** A WebSocket handshake: as a browser sends it, or with odd values. */
const handshake = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.constant({
      connection: 'Upgrade',
      upgrade: 'websocket',
      wsVersion: '13',
      key: 'dGhlIHNhbXBsZSBub25jZQ==',
    }),
  },
  { weight: 3, arbitrary: oddHandshake },
);

const extraHeader = fc.oneof(
  fc.constantFrom(
    'Origin: https://evil.example.com',
    'Origin: null',
    'Authorization: Bearer x.y.z',
    'Authorization: Basic Zm9vOmJhcg==',
    'Accept-Encoding: br, gzip',
    'Accept-Encoding: gzip;q=0, br;q=0',
    'Content-Length: 0',
    'X-Forwarded-For: 1.2.3.4',
    'Host: evil.example.com',
    'Sec-WebSocket-Protocol: chat',
    'Sec-WebSocket-Extensions: permessage-deflate',
    `Cookie: ${'c'.repeat(2000)}`,
  ),
  fc
    .tuple(
      fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/),
      fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
    )
    .map(([name, value]) => `${name}: ${value.replace(/[\r\n]/g, '')}`),
);

/** A well-formed request (request line, headers, empty line); the gateway owes it an answer. */
const wellFormed = fc
  .record({
    method,
    target,
    version,
    upgrade: fc.option(handshake, { nil: undefined }),
    headers: fc.array(extraHeader, { maxLength: 6 }),
    close: fc.boolean(),
  })
  .map(({ method: m, target: t, version: v, upgrade, headers, close }) => {
    const lines = [`${m} ${t} ${v}`, 'Host: 127.0.0.1'];
    if (upgrade) {
      lines.push(`Connection: ${upgrade.connection}`);
      if (upgrade.upgrade) lines.push(`Upgrade: ${upgrade.upgrade}`);
      if (upgrade.wsVersion)
        lines.push(`Sec-WebSocket-Version: ${upgrade.wsVersion}`);
      if (upgrade.key) lines.push(`Sec-WebSocket-Key: ${upgrade.key}`);
    } else if (close) lines.push('Connection: close');
    lines.push(...headers);
    return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  });

/** Random byte edits of a request: flips, inserted junk, NULs, cut lines, doubled CRLFs. */
const mutated = fc
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

const garbage = fc.oneof(
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
const afterUpgrade = fc.oneof(
  fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
  fc.constantFrom(
    Buffer.from([0x81, 0x05, 0x68, 0x65, 0x6c, 0x6c, 0x6f]), // unmasked text: a protocol error
    Buffer.from([0x88, 0x80, 0, 0, 0, 0]), // a masked close
    Buffer.from([0x82, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), // 2^63 bytes
  ),
);

const wellFormedAction = fc
  .tuple(
    wellFormed,
    fc.constantFrom('answer', 'answer', 'close', 'reset', 'dribble'),
    fc.nat(),
    afterUpgrade,
  )
  .map(([bytes, behaviour, at, after]) => action(bytes, behaviour, at, after));

const brokenAction = fc
  .tuple(
    fc.oneof(mutated, garbage),
    fc.constantFrom('close', 'reset', 'dribble'),
    fc.nat(),
    afterUpgrade,
  )
  .map(([bytes, behaviour, at, after]) => action(bytes, behaviour, at, after));

function action(
  bytes: Buffer,
  behaviour: WireAction['behaviour'],
  at: number,
  after: Buffer,
): WireAction {
  // The cut point: anywhere in the request, the whole of it included.
  return { bytes, behaviour, at: at % (bytes.length + 1), afterUpgrade: after };
}

/** One connection: a well-formed request (answered), or broken bytes (cut, reset, dribbled). */
export const wireAction: fc.Arbitrary<WireAction> = fc.oneof(
  { weight: 3, arbitrary: wellFormedAction },
  { weight: 2, arbitrary: brokenAction },
);
