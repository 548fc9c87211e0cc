import type { Filing } from '@secfeed/filing-model';
import { collect, waitUntil } from '@secfeed/test-kit';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import type { IngestReject } from '../source-event';
import { queryApiBackfill } from './query-api-backfill';
import { QueryApiError } from './query-api-error';
import type { QueryApiBackfillOptions } from './query-api-backfill-options';
import { queryFilings } from './test-support/query-api-fixture';
import {
  startQueryApiServer,
  type QueryApiServer,
} from './test-support/query-api-server';

const KEY = 'qk-5f1e9c2a7d';
const FROM = '2025-10-31T06:01:26-04:00';
const body = (offset: number) => ({
  query: 'filedAt:["2025-10-31T06:01:26-04:00" TO *]',
  from: String(offset),
  size: '50',
  sort: [{ filedAt: { order: 'asc' } }],
});

describe('queryApiBackfill (local Query API server)', () => {
  let server: QueryApiServer;
  const backfill = (options: Partial<QueryApiBackfillOptions> = {}) =>
    queryApiBackfill({
      apiKey: KEY,
      from: FROM,
      queryApiUrl: server.url,
      receivedAt: () => '2026-11-24T14:00:00.000Z',
      ...options,
    });
  const all = (options: Partial<QueryApiBackfillOptions> = {}) =>
    lastValueFrom(backfill(options).pipe(toArray()));

  beforeEach(async () => (server = await startQueryApiServer()));
  afterEach(() => server.close());

  it('POSTs the documented body with the key as Authorization, pages by 50 and stops at a short page', async () => {
    const wire = queryFilings(120);
    server.filings = [...wire].reverse(); // the server sorts, as the real one does
    const pages = await all();
    expect(server.requests.map((r) => r.body)).toEqual([
      body(0),
      body(50),
      body(100),
    ]);
    for (const request of server.requests) {
      expect(request.method).toBe('POST');
      expect(request.headers['authorization']).toBe(KEY);
      expect(request.headers['content-type']).toBe('application/json');
    }
    expect(pages.map((page) => page.length)).toEqual([50, 50, 20]);
    const filings = pages.flat();
    expect(filings.map((f) => f.accessionNo)).toEqual(
      wire.map((f) => f['accessionNo']),
    );
    expect(filings[0]).toMatchObject({
      source: 'sec-api',
      receivedAt: '2026-11-24T14:00:00.000Z',
      ticker: 'AAPL',
      filedAt: FROM,
    });
  });

  it('asks once more after an exactly full page and emits nothing for the empty one', async () => {
    server.filings = queryFilings(100);
    const pages = await all();
    expect(server.requests.map((r) => r.body.from)).toEqual(['0', '50', '100']);
    expect(pages.map((page) => page.length)).toEqual([50, 50]);
  });

  it('includes the from second itself and nothing older', async () => {
    server.filings = queryFilings(10, '2025-10-31T06:01:20-04:00');
    const filings = (await all()).flat();
    expect(filings.map((f) => f.filedAt)).toEqual([
      '2025-10-31T06:01:26-04:00',
      '2025-10-31T06:01:27-04:00',
      '2025-10-31T06:01:28-04:00',
      '2025-10-31T06:01:29-04:00',
    ]);
  });

  it('stops at the documented 10,000 offset cap and says so', async () => {
    // Always a full page: one real filing and 49 cheap non-objects (a page counts as full by
    // its raw length; validating 10,050 real filings would only slow the test down).
    const full = JSON.stringify({
      filings: [...queryFilings(1), ...Array<number>(49).fill(0)],
    });
    server.fault = () => ({ status: 200, body: full });
    const capped: number[] = [];
    let rejected = 0;
    const pages = await all({
      onCapReached: (offset) => capped.push(offset),
      onRejects: (rejects) => (rejected += rejects.length),
    });
    const offsets = server.requests.map((r) => Number(r.body.from));
    expect(offsets).toEqual(Array.from({ length: 201 }, (_, i) => i * 50));
    expect(pages).toHaveLength(201);
    expect(rejected).toBe(201 * 49);
    expect(capped).toEqual([10_000]);
  });

  it('skips invalid elements, hands them to onRejects, and keeps the good ones', async () => {
    const [good1, good2] = queryFilings(2);
    const bad = { ...good1, accessionNo: 'nope' };
    server.fault = () => ({
      status: 200,
      body: JSON.stringify({ filings: [good1, bad, 42, good2] }),
    });
    const rejects: IngestReject[] = [];
    const pages = await all({ onRejects: (r) => rejects.push(...r) });
    expect(pages.flat().map((f: Filing) => f.accessionNo)).toEqual([
      good1['accessionNo'],
      good2['accessionNo'],
    ]);
    expect(rejects.map((r) => [r.code, r.source])).toEqual([
      ['ELEMENT_INVALID', 'sec-api'],
      ['ELEMENT_NOT_OBJECT', 'sec-api'],
    ]);
    expect(rejects[0].reasons[0].field).toBe('accessionNo');
  });

  it('errors with QUERY_API_HTTP_STATUS on a non-2xx answer, without the key, after the pages before it', async () => {
    server.filings = queryFilings(120);
    server.fault = (_req, index) =>
      index === 1
        ? { status: 429, body: `{"error":"rate limit for key ${KEY}"}` }
        : undefined;
    const run = collect(backfill());
    await run.waitFor(() => false, 2000).catch(() => undefined);
    expect(run.values.map((page) => page.length)).toEqual([50]);
    expect(run.error).toBeInstanceOf(QueryApiError);
    const error = run.error as QueryApiError;
    expect([error.code, error.status]).toEqual(['QUERY_API_HTTP_STATUS', 429]);
    expect(error.message).toContain('429');
    expect(error.message).toContain('rate limit for key ***');
    expect(error.message).not.toContain(KEY);
  });

  it.each([
    ['not JSON', '<html>oops</html>'],
    ['no filings array', '{"total":{"value":0}}'],
  ])('errors with QUERY_API_BAD_RESPONSE on %s', async (_what, answer) => {
    server.fault = () => ({ status: 200, body: answer });
    await expect(all()).rejects.toMatchObject({
      code: 'QUERY_API_BAD_RESPONSE',
    });
  });

  it('errors with QUERY_API_UNREACHABLE when nothing listens', async () => {
    const url = server.url;
    await server.close();
    server = await startQueryApiServer();
    await expect(all({ queryApiUrl: url })).rejects.toMatchObject({
      code: 'QUERY_API_UNREACHABLE',
    });
  });

  it('errors with QUERY_API_TIMEOUT after requestTimeoutMs', async () => {
    await expect(
      all({ fetch: hangingFetch().fetch, requestTimeoutMs: 20 }),
    ).rejects.toMatchObject({ code: 'QUERY_API_TIMEOUT' });
  });

  it('aborts the request in flight on unsubscribe', async () => {
    const hanging = hangingFetch();
    const subscription = backfill({ fetch: hanging.fetch }).subscribe();
    await waitUntil(() => hanging.signals.length === 1, 'the hanging request');
    subscription.unsubscribe();
    expect(hanging.signals[0].aborted).toBe(true);
  });

  it('validates its options, naming the bad one and never echoing the key', () => {
    expect(() => queryApiBackfill({ apiKey: '', from: FROM })).toThrow(
      /apiKey/,
    );
    expect(() => queryApiBackfill({ apiKey: KEY, from: 'yesterday' })).toThrow(
      /from/,
    );
    expect(() =>
      queryApiBackfill({ apiKey: KEY, from: FROM, pageSize: 51 }),
    ).toThrow(/pageSize/);
    expect(() =>
      queryApiBackfill({
        apiKey: KEY,
        from: FROM,
        queryApiUrl: `ftp://x/${KEY}`,
      }),
    ).toThrow(/^queryApiBackfill: queryApiUrl must be an http: or https: URL$/);
    expect(() =>
      queryApiBackfill({ apiKey: KEY, from: FROM, requestTimeoutMs: 0 }),
    ).toThrow(/requestTimeoutMs/);
  });

  it('is cold: each subscription pages from offset 0', async () => {
    server.filings = queryFilings(3);
    const source = backfill();
    await firstValueFrom(source);
    await firstValueFrom(source);
    expect(server.requests.map((r) => r.body.from)).toEqual(['0', '0']);
  });
});

/** A fetch that never answers; it rejects with the abort reason when its signal fires. */
function hangingFetch(): { fetch: typeof fetch; signals: AbortSignal[] } {
  const signals: AbortSignal[] = [];
  const stub = (_url: unknown, init?: RequestInit) =>
    new Promise<Response>((_resolve, reject) => {
      const signal = init?.signal as AbortSignal;
      signals.push(signal);
      signal.addEventListener('abort', () => reject(signal.reason));
    });
  return { fetch: stub as typeof fetch, signals };
}
