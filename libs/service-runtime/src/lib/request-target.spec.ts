import fc from 'fast-check';
import { parseRequestTarget, requestPath } from './request-target';

describe('parseRequestTarget', () => {
  it.each([
    ['/ws', '/ws', ''],
    ['/ws?token=abc&x=1', '/ws', 'token=abc&x=1'],
    ['//', '//', ''],
    ['//ws', '//ws', ''],
    ['//evil.example.com/ws', '//evil.example.com/ws', ''],
    ['/%00', '/%00', ''],
    ['/a/../ws', '/ws', ''],
    ['/../../etc/passwd', '/etc/passwd', ''],
    ['/api/filings?', '/api/filings', ''],
    ['http://host:9000/ws?token=t', '/ws', 'token=t'],
    ['WS://host/api/filings', '/api/filings', ''],
  ])('reads %j as path %j, query %j', (target, pathname, search) => {
    expect(parseRequestTarget(target)).toMatchObject({ pathname, search });
  });

  it('reads the query parameters', () => {
    expect(
      parseRequestTarget('/ws?token=a%2Bb')?.searchParams.get('token'),
    ).toBe('a+b');
  });

  it.each(['*', 'host:443', 'ws', '', 'file:///etc/passwd', 'http://'])(
    'gives no path for %j',
    (target) => {
      expect(parseRequestTarget(target)).toBeUndefined();
    },
  );

  it('takes a missing target as /', () => {
    expect(requestPath(undefined)).toBe('/');
  });

  it('keeps a very long target whole', () => {
    const long = `/${'a'.repeat(100_000)}`;
    expect(requestPath(long)).toBe(long);
  });

  it('never throws, and every path it gives starts with /', () => {
    const target = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 64 }),
      fc.string({ maxLength: 64 }).map((s) => `/${s}`),
      fc.string({ maxLength: 64 }).map((s) => `//${s}`),
      fc.string({ maxLength: 64 }).map((s) => `http://${s}`),
    );
    fc.assert(
      fc.property(target, (raw) => {
        const path = requestPath(raw);
        return path === undefined || path.startsWith('/');
      }),
      { seed: 20200103, numRuns: 5000 },
    );
  });
});
