// Generators for the alerts wire fuzz: rule bodies (valid ones, named so they can be told
// apart, records of wrong types, JSON bombs, `__proto__` keys, huge strings), clean requests to
// every route of the rules API, pipelines of them, and broken bytes (malformed request lines,
// absurd headers, wrong Content-Length, chunked garbage, byte edits, partial requests).
import fc from 'fast-check';
import type { Behaviour } from './raw-exchange';

/** Names of valid rules start with this, then a number: only these may ever be stored. */
export const VALID_NAME_PREFIX = 'fuzz-valid-';
const SECRET = 'whsec-fuzz-0123456789abcdef';

/** One request whose bytes are well-formed HTTP/1.1 (Content-Length right, nothing cut). */
export interface CleanRequest {
  readonly method: string;
  readonly path: string;
  /** The body as sent (UTF-8), if any. */
  readonly body?: string;
  readonly headers: readonly (readonly [string, string])[];
}

/** One connection's worth of bytes, how it is played, and what was in it. */
export interface WireAction {
  readonly kind: 'clean' | 'pipeline' | 'broken' | 'partial';
  /** The requests of `clean` and `pipeline` (in order); those a `broken` one was made from. */
  readonly requests: readonly CleanRequest[];
  readonly bytes: Buffer;
  readonly behaviour: Behaviour;
}

const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1e308,
    -0,
    '',
    ' ',
    [],
    {},
    'x'.repeat(101),
    '\u0000',
    '\ud800',
    '__proto__',
  ),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.double(),
);

const validChannel = fc.oneof(
  fc.record({
    type: fc.constant('webhook'),
    url: fc.constantFrom(
      'https://receiver.example/in',
      'http://127.0.0.1:9/hook',
    ),
    secret: fc.constant(SECRET),
  }),
  fc.constant({
    type: 'slack',
    url: 'https://hooks.slack.com/services/T0001/B0001/fuzzSECRETpath',
  }),
  fc.constant({
    type: 'discord',
    url: 'https://discord.com/api/webhooks/123456/fuzzSECRETtoken',
  }),
  fc.constant({
    type: 'telegram',
    botToken: '123456:fuzzSECRETtoken-abcdefgh1234',
    chatId: '42',
  }),
);

const validFilters = fc.record(
  {
    tickers: fc.array(fc.constantFrom('AAPL', 'msft', 'BRK.B'), {
      maxLength: 3,
    }),
    formTypes: fc.array(fc.constantFrom('8-K', '4', '10-K'), { maxLength: 3 }),
    ciks: fc.array(fc.constantFrom('320193', '0000789019'), { maxLength: 2 }),
    items: fc.array(fc.constantFrom('2.02', '5.02'), { maxLength: 2 }),
    transactionCodes: fc.array(fc.constantFrom('P', 's'), { maxLength: 2 }),
    minTransactionValue: fc.constantFrom(0, 100_000),
    tenb51: fc.boolean(),
    minStakePercent: fc.constantFrom(5, 10.5),
    includeAmendments: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** Rules the API must accept (unless ALERTS_MAX_RULES is reached), each with its own name. */
export const validRule = fc.record(
  {
    name: fc.nat().map((n) => `${VALID_NAME_PREFIX}${n}`),
    enabled: fc.boolean(),
    filters: validFilters,
    channel: validChannel,
    ratePerSecond: fc.constantFrom(0.01, 1, 100),
  },
  { requiredKeys: ['name', 'channel'] },
);

/** Rule-shaped records whose fields may have any type. */
const wrongRule = fc.record(
  {
    // Mostly a valid name, so that the fields after it get looked at.
    name: fc.oneof(
      { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 20 }) },
      { weight: 1, arbitrary: wrongType },
    ),
    enabled: fc.oneof({ weight: 3, arbitrary: fc.boolean() }, wrongType),
    filters: fc.oneof(
      validFilters,
      fc.dictionary(
        fc.constantFrom(
          'tickers',
          'ciks',
          'formTypes',
          'items',
          'transactionCodes',
          'minTransactionValue',
          'tenb51',
          'minStakePercent',
          'includeAmendments',
          'ticker',
          '__proto__',
          'constructor',
        ),
        fc.oneof(
          wrongType,
          fc.array(wrongType, { maxLength: 5 }),
          // Near misses of the insight filters' values.
          fc.constantFrom(
            '2.2',
            '10.01',
            'B',
            'PS',
            -1,
            101,
            1e13,
            'true',
            ['2.2'],
            ['B'],
          ),
          fc.array(fc.constantFrom('2.02', 'P', 'x', ''), { maxLength: 120 }),
        ),
        { maxKeys: 4 },
      ),
      wrongType,
    ),
    channel: fc.oneof(
      { weight: 2, arbitrary: validChannel },
      fc.record(
        {
          type: fc.oneof(
            fc.constantFrom('webhook', 'slack', 'discord', 'telegram', 'email'),
            wrongType,
          ),
          url: fc.oneof(
            fc.constantFrom(
              'ftp://x.example/h',
              'https://u:p@x.example/h',
              'https://hooks.slack.com.evil.example/services/a',
              `https://x.example/${'a'.repeat(2100)}`,
              'javascript:alert(1)',
              'https://receiver.example/in',
            ),
            wrongType,
          ),
          secret: fc.oneof(fc.constantFrom('short', SECRET), wrongType),
          botToken: wrongType,
          chatId: wrongType,
        },
        { requiredKeys: [] },
      ),
      wrongType,
    ),
    ratePerSecond: fc.oneof(fc.constantFrom(0, 0.009, 100.1, -1), wrongType),
    id: wrongType,
  },
  { requiredKeys: [] },
);

/** Now and then a field no rule has. */
const wrongRuleOrExtra = fc
  .tuple(wrongRule, fc.integer({ min: 0, max: 4 }), wrongType)
  .map(([rule, dice, extra]) => (dice === 0 ? { ...rule, extra } : rule));

/** Bodies as text: JSON of valid and wrong rules, bombs, prototype keys, non-JSON. */
export const ruleBody: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: validRule.map((r) => JSON.stringify(r)) },
  { weight: 8, arbitrary: wrongRuleOrExtra.map((r) => JSON.stringify(r)) },
  {
    weight: 2,
    arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  },
  {
    // Prototype keys, as JSON.parse keeps them: own properties named __proto__.
    weight: 2,
    arbitrary: fc
      .tuple(
        validRule,
        fc.constantFrom('__proto__', 'constructor', 'prototype'),
        fc.constantFrom(
          '{"enabled":"yes","isAdmin":true}',
          '{"prototype":{"polluted":1}}',
          '[]',
          'null',
          '1',
        ),
        fc.constantFrom('', 'filters', 'channel'),
      )
      .map(([rule, key, value, where]) => {
        const json = JSON.stringify(rule);
        const inject = `"${key}":${value},`;
        if (where === '') return `{${inject}${json.slice(1)}`;
        const at = json.indexOf(`"${where}":`);
        if (at < 0) return `{${inject}${json.slice(1)}`;
        const open = json.indexOf('{', at);
        return open < 0
          ? `{${inject}${json.slice(1)}`
          : `${json.slice(0, open + 1)}${inject}${json.slice(open + 1)}`;
      }),
  },
  {
    // Deep nesting within and beyond the 64 KiB body limit, where a value is expected.
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 1, max: 40_000 }),
        fc.constantFrom('[]', '{"a":}', '{"a":'),
        fc.constantFrom('filters', 'channel', 'name', 'tickers', 'root'),
      )
      .map(([depth, pair, where]) => {
        const [open, close] =
          pair === '[]'
            ? ['[', ']']
            : pair === '{"a":}'
              ? ['{"a":', '}']
              : ['{"a":', ''];
        const bomb = `${open.repeat(depth)}1${close.repeat(depth)}`;
        if (where === 'root') return bomb;
        if (where === 'tickers')
          return `{"name":"x","filters":{"tickers":${bomb}},"channel":{"type":"slack","url":"https://hooks.slack.com/services/T/B/x"}}`;
        return `{"name":"x","${where}":${bomb}}`;
      }),
  },
  {
    // Huge strings: under, at and over the 64 KiB body limit.
    weight: 1,
    arbitrary: fc
      .tuple(
        validRule,
        fc.integer({ min: 60_000, max: 70_000 }),
        fc.constantFrom('name', 'filters.tickers', 'channel.secret'),
      )
      .map(([rule, length, where]) => {
        const huge = 'x'.repeat(length);
        const copy = JSON.parse(JSON.stringify(rule)) as Record<
          string,
          unknown
        >;
        if (where === 'name') copy['name'] = huge;
        else if (where === 'filters.tickers')
          copy['filters'] = { tickers: [huge] };
        else copy['channel'] = { ...(copy['channel'] as object), secret: huge };
        return JSON.stringify(copy);
      }),
  },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.constantFrom(
        '',
        ' ',
        '{',
        '{"name":',
        'null',
        '[]',
        '"x"',
        '1e999',
        '\ufeff{}',
      ),
    ),
  },
);

const ruleId = fc.oneof(
  fc.constantFrom(
    'r0123456789abcdef',
    'missing',
    'a'.repeat(64),
    'a'.repeat(65),
    '..',
    '%2e%2e',
    '%00',
    '__proto__',
    'constructor',
  ),
  fc.stringMatching(/^r[0-9a-f]{16}$/),
  fc.string({ unit: 'binary', maxLength: 20 }).map(encodeURIComponentSafe),
);

function encodeURIComponentSafe(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

const path = fc.oneof(
  { weight: 10, arbitrary: fc.constant('/api/alert-rules') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '/api/alert-rules/',
      '/api/alert-rules?x=1',
      '/api/alert-rules?token=abc',
    ),
  },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        ruleId,
        fc.constantFrom(
          '',
          '/test',
          '/deliveries',
          '/dead-letters/retry',
          '/x',
          '/',
        ),
      )
      .map(([id, action]) => `/api/alert-rules/${id}${action}`),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '/healthz',
      '/readyz',
      '/metrics',
      '/',
      '/api',
      '/api/',
      '/api/alert-rulesx',
      '//api/alert-rules',
      '/api//alert-rules',
      '/API/ALERT-RULES',
      '*',
      `/api/alert-rules/${'a'.repeat(5000)}`,
    ),
  },
);

const method = fc.oneof(
  { weight: 10, arbitrary: fc.constant('POST') },
  { weight: 4, arbitrary: fc.constant('GET') },
  {
    weight: 3,
    arbitrary: fc.constantFrom('PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('TRACE', 'PROPFIND', 'M-SEARCH'),
  },
);

const header = fc.oneof(
  fc.constantFrom<[string, string]>(
    ['Content-Type', 'application/json'],
    ['Content-Type', 'text/plain'],
    ['Content-Type', 'application/json; charset=latin1'],
    ['Origin', 'https://evil.example'],
    ['Authorization', 'Bearer not.a.jwt'],
    ['Access-Control-Request-Method', 'POST'],
    ['Accept', '*/*'],
    ['X-Forwarded-For', '1.2.3.4'],
  ),
  fc.tuple(
    fc.stringMatching(/^X-[A-Za-z0-9-]{1,20}$/),
    fc.stringMatching(/^[ -~]{0,60}$/).map((v) => v.trim()),
  ),
);

/** A well-formed request to the rules API (or a path beside it). */
export const cleanRequest: fc.Arbitrary<CleanRequest> = fc
  .record({
    method,
    path,
    body: fc.option(ruleBody, { nil: undefined, freq: 4 }),
    headers: fc.array(header, { maxLength: 4 }),
  })
  .map((r) =>
    // GET, HEAD, DELETE and OPTIONS go without a body, as clients send them.
    ['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(r.method)
      ? { ...r, body: undefined }
      : r,
  );

/** The bytes of `request`, with the Content-Length its body has. */
export function requestBytes(request: CleanRequest): Buffer {
  const body = Buffer.from(request.body ?? '', 'utf8');
  const head = [
    `${request.method} ${request.path} HTTP/1.1`,
    'Host: 127.0.0.1',
    ...request.headers.map(([n, v]) => `${n}: ${v}`),
    ...(request.body !== undefined ? [`Content-Length: ${body.length}`] : []),
  ].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body]);
}

/** Requests broken at the HTTP level, built from a clean one. */
const broken: fc.Arbitrary<WireAction> = fc
  .tuple(
    cleanRequest,
    fc.constantFrom(
      'short-length',
      'long-length',
      'two-lengths',
      'negative-length',
      'chunked-garbage',
      'chunked-and-length',
      'chunked-ok',
      'many-headers',
      'huge-header',
      'bad-request-line',
      'bad-version',
      'bare-lf',
      'no-host',
      'nul',
      'flip',
    ),
    fc.nat(),
    fc.uint8Array({ minLength: 1, maxLength: 16 }),
  )
  .map(([request, how, n, junk]): WireAction => {
    const body = Buffer.from(request.body ?? '{}', 'utf8');
    const head = (
      extra: string[],
      line = `${request.method === 'HEAD' ? 'POST' : request.method} ${request.path} HTTP/1.1`,
    ) =>
      Buffer.from(
        [line, 'Host: 127.0.0.1', ...extra].join('\r\n') + '\r\n\r\n',
        'latin1',
      );
    let bytes: Buffer;
    let behaviour: Behaviour = { kind: 'answer', expected: 1 };
    switch (how) {
      case 'short-length':
        // The rest of the body is read as the next request.
        bytes = Buffer.concat([
          head([`Content-Length: ${n % Math.max(1, body.length)}`]),
          body,
        ]);
        behaviour = { kind: 'linger' };
        break;
      case 'long-length':
        // The server waits for bytes that never come: no answer is due before the close.
        bytes = Buffer.concat([
          head([`Content-Length: ${body.length + 1 + (n % 1000)}`]),
          body,
        ]);
        behaviour = { kind: 'linger' };
        break;
      case 'two-lengths':
        bytes = Buffer.concat([
          head([
            `Content-Length: ${body.length}`,
            `Content-Length: ${body.length + 1}`,
          ]),
          body,
        ]);
        break;
      case 'negative-length':
        bytes = Buffer.concat([
          head([`Content-Length: -${body.length}`]),
          body,
        ]);
        break;
      case 'chunked-garbage':
        bytes = Buffer.concat([
          head(['Transfer-Encoding: chunked']),
          Buffer.from(`zz\r\n${body.toString('latin1')}\r\n`, 'latin1'),
          Buffer.from(junk),
        ]);
        behaviour = { kind: 'linger' };
        break;
      case 'chunked-and-length':
        bytes = Buffer.concat([
          head([
            'Transfer-Encoding: chunked',
            `Content-Length: ${body.length}`,
          ]),
          Buffer.from(`${body.length.toString(16)}\r\n`),
          body,
          Buffer.from('\r\n0\r\n\r\n'),
        ]);
        break;
      case 'chunked-ok': {
        // Valid chunked encoding, cut into chunks of random sizes: a complete request.
        const size = 1 + (n % 50);
        const chunks: Buffer[] = [];
        for (let at = 0; at < body.length; at += size) {
          const part = body.subarray(at, at + size);
          chunks.push(
            Buffer.from(`${part.length.toString(16)}\r\n`),
            part,
            Buffer.from('\r\n'),
          );
        }
        bytes = Buffer.concat([
          head(['Transfer-Encoding: chunked']),
          ...chunks,
          Buffer.from('0\r\n\r\n'),
        ]);
        break;
      }
      case 'many-headers':
        bytes = Buffer.concat([
          head(
            Array.from(
              { length: 100 + (n % 5000) },
              (_, i) => `X-H${i}: ${i}`,
            ).concat(`Content-Length: ${body.length}`),
          ),
          body,
        ]);
        break;
      case 'huge-header':
        bytes = Buffer.concat([
          head([
            `X-Big: ${'a'.repeat(1000 + (n % 40_000))}`,
            `Content-Length: ${body.length}`,
          ]),
          body,
        ]);
        break;
      case 'bad-request-line':
        bytes = head(
          [],
          [
            `${request.method}  ${request.path} HTTP/1.1`,
            `${request.method} ${request.path}`,
            `${request.method} ${request.path} HTTP/1.1 extra`,
            `${request.method}\t${request.path}\tHTTP/1.1`,
            `${request.method.toLowerCase()} ${request.path} HTTP/1.1`,
            `GET ${'/'.repeat(20_000)} HTTP/1.1`,
            '',
            'HTTP/1.1 200 OK',
            `${Buffer.from(junk).toString('latin1')} / HTTP/1.1`,
          ][n % 9],
        );
        break;
      case 'bad-version':
        bytes = head(
          [],
          `GET /api/alert-rules ${['HTTP/2.0', 'HTTP/0.9', 'HTTP/1.2', 'HTTP/11', 'http/1.1', 'HTTP/1.1\u0000'][n % 6]}`,
        );
        break;
      case 'bare-lf':
        bytes = Buffer.from(
          requestBytes(request).toString('latin1').replace(/\r\n/g, '\n'),
          'latin1',
        );
        break;
      case 'no-host':
        bytes = Buffer.from(
          requestBytes(request)
            .toString('latin1')
            .replace('Host: 127.0.0.1\r\n', ''),
          'latin1',
        );
        break;
      case 'nul':
      case 'flip': {
        const out = Buffer.from(requestBytes(request));
        const at = n % Math.max(1, out.length);
        if (how === 'nul') out[at] = 0;
        else out[at] ^= junk[0] || 1;
        bytes = out;
        // An edit in the body or a header value may leave a complete, well-formed request, or
        // one the server waits on (a longer Content-Length): take what comes.
        behaviour = { kind: 'linger' };
        break;
      }
    }
    return { kind: 'broken', requests: [request], bytes, behaviour };
  });

/** One connection: a clean request, a pipeline, a broken request, or a partial one. */
export const wireAction: fc.Arbitrary<WireAction> = fc.oneof(
  {
    weight: 10,
    arbitrary: cleanRequest.map((request): WireAction => ({
      kind: 'clean',
      requests: [request],
      bytes: requestBytes(request),
      behaviour: { kind: 'answer', expected: 1 },
    })),
  },
  {
    weight: 3,
    arbitrary: fc
      .array(cleanRequest, { minLength: 2, maxLength: 6 })
      .map((requests): WireAction => ({
        kind: 'pipeline',
        requests,
        bytes: Buffer.concat(requests.map(requestBytes)),
        behaviour: { kind: 'answer', expected: requests.length },
      })),
  },
  { weight: 5, arbitrary: broken },
  {
    // Cut anywhere and closed, reset or dribbled (slowloris).
    weight: 3,
    arbitrary: fc
      .tuple(
        cleanRequest,
        fc.constantFrom('close', 'reset', 'dribble'),
        // Uniform: a double drawn over its bit patterns lies near 0 (a cut in the first bytes).
        fc.noBias(fc.integer({ min: 0, max: 1000 })).map((n) => n / 1000),
      )
      .map(([request, kind, cut]): WireAction => {
        const bytes = requestBytes(request);
        const at = Math.floor(cut * bytes.length);
        return {
          kind: 'partial',
          requests: [request],
          bytes,
          behaviour: { kind: kind as 'close' | 'reset' | 'dribble', at },
        };
      }),
  },
);
