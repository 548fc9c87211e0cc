import { FilingPublisher } from '@secfeed/dedup';
import { makeFiling } from '@secfeed/filing-model/testing';
import {
  HistoryTest,
  HistoryTestServer,
  openHistoryTest,
  TestRedis,
} from './test-support/history-test-server';
import { CUTOFF_MS, NOW_MS, RETENTION_MS } from './test-support/seed-filings';

let history: HistoryTest;
let redis: TestRedis;
let server: HistoryTestServer;
const recent = makeFiling({
  companyName: 'Café «Ünïcode» Holdings',
  filedAt: '2025-03-11T10:00:00-04:00',
});
const old = makeFiling({ filedAt: new Date(CUTOFF_MS - 60_000).toISOString() });

beforeAll(async () => {
  history = await openHistoryTest('history-get');
  ({ redis, server } = history);
  const publisher = new FilingPublisher(redis.client, {
    keys: redis.keys,
    retentionMs: RETENTION_MS,
    now: () => NOW_MS - 86_400_000,
  });
  await publisher.publishBatch([recent, old]);
});

afterAll(() => history?.close());

describe('GET /api/filings/:accessionNo', () => {
  it('answers the stored document byte for byte', async () => {
    // Uncompressed, so that Content-Length counts the document itself (history-compression.spec).
    const reply = await server.request(`/api/filings/${recent.accessionNo}`, {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe(
      'application/json; charset=utf-8',
    );
    expect(reply.text).toBe(
      await redis.client.get(redis.keys.filing(recent.accessionNo)),
    );
    expect(reply.text).toBe(JSON.stringify(recent));
    expect(Number(reply.headers.get('content-length'))).toBe(
      Buffer.byteLength(reply.text),
    );
  });

  it('answers HEAD with the headers only', async () => {
    const reply = await server.request(`/api/filings/${recent.accessionNo}`, {
      method: 'HEAD',
    });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
  });

  it.each([
    ['never published', '0000000001-25-000001'],
    ['filed before the retention, though still stored', old.accessionNo],
  ])('answers 404 NOT_FOUND when %s', async (_, accessionNo) => {
    const reply = await server.request(`/api/filings/${accessionNo}`);
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({
      error: { code: 'NOT_FOUND', message: `no filing ${accessionNo}` },
    });
  });

  it.each([
    'abc',
    '0000320193-25-00007',
    '0000320193-25-0000790',
    '0000320193_25_000079',
    '%E0%A4%A',
    '%7Bsec%7D',
  ])('answers 400 INVALID_ACCESSION_NO for %s', async (segment) => {
    const reply = await server.request(`/api/filings/${segment}`);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      error: { code: 'INVALID_ACCESSION_NO' },
    });
  });

  it('refuses query parameters', async () => {
    const reply = await server.request(
      `/api/filings/${recent.accessionNo}?ticker=AAPL`,
    );
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: { code: 'UNKNOWN_PARAMETER' } });
  });

  it('answers 405 METHOD_NOT_ALLOWED with Allow for another method', async () => {
    const reply = await server.request(`/api/filings/${recent.accessionNo}`, {
      method: 'DELETE',
    });
    expect(reply.status).toBe(405);
    expect(reply.headers.get('allow')).toBe('GET, HEAD');
    expect(reply.body).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED' } });
  });

  it.each([
    '/api/filings/a/b',
    '/api/filings/',
    '/api/filingsx',
    '/api',
    '/healthz',
  ])('leaves %s to the next handler', async (path) => {
    expect((await server.request(path)).body).toEqual({ unhandled: true });
  });

  it('counts requests by route and status, and errors by code', async () => {
    await server.request('/api/filings/nope');
    const text = await server.metrics.registry.metrics();
    expect(text).toMatch(
      /secfeed_gateway_http_requests_total\{route="filing",status="200"\} [1-9]/,
    );
    expect(text).toMatch(
      /secfeed_gateway_http_requests_total\{route="filing",status="400"\} [1-9]/,
    );
    expect(text).toMatch(
      /secfeed_gateway_errors_total\{code="INVALID_ACCESSION_NO"\} [1-9]/,
    );
    expect(text).toMatch(
      /secfeed_gateway_http_latency_seconds_count\{route="filing"\} [1-9]/,
    );
  });
});
