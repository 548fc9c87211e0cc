// The request line of a fuzzed request: methods (odd, lower case, random), targets (every
// route, then `//`, `/%00`, `..`, bad escapes, absolute- and authority-form, very long) and
// HTTP versions.
import fc from 'fast-check';

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

/** A request target: a route, an odd one, a route with a very long query, or random. */
export const requestTarget = fc.oneof(
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

/** A method: mostly GET, the others, lower case, or random. */
export const requestMethod = fc.oneof(
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

/** The version: mostly HTTP/1.1, else old, future or malformed. */
export const httpVersion = fc.oneof(
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
