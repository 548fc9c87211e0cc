// Generators of what a stranger can send to the gateway's port: well-formed requests (request
// line from wire-request-line, WebSocket handshakes, odd headers) and broken bytes, and what
// each connection then does (waits for the answer, closes or resets at a random byte, dribbles
// its headers).
import fc from 'fast-check';
import {
  afterUpgradeBytes,
  garbageBytes,
  mutatedFrom,
} from './wire-broken-bytes';
import { httpVersion, requestMethod, requestTarget } from './wire-request-line';

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
    method: requestMethod,
    target: requestTarget,
    version: httpVersion,
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

const wellFormedAction = fc
  .tuple(
    wellFormed,
    fc.constantFrom('answer', 'answer', 'close', 'reset', 'dribble'),
    fc.nat(),
    afterUpgradeBytes,
  )
  .map(([bytes, behaviour, at, after]) => action(bytes, behaviour, at, after));

const brokenAction = fc
  .tuple(
    fc.oneof(mutatedFrom(wellFormed), garbageBytes),
    fc.constantFrom('close', 'reset', 'dribble'),
    fc.nat(),
    afterUpgradeBytes,
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
