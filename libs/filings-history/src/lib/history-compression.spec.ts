import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import {
  HistoryTest,
  HistoryTestServer,
  openHistoryTest,
  TestRedis,
} from './test-support/history-test-server';
import { buildFilings, publishFilings } from './test-support/seed-filings';

/** What went over the wire: `fetch` would decompress and hide it. */
interface RawReply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly raw: Buffer;
  /** `raw` decoded by its `Content-Encoding`. */
  readonly text: string;
}

let history: HistoryTest;
let redis: TestRedis;
let server: HistoryTestServer;
let accessionNo: string;

beforeAll(async () => {
  history = await openHistoryTest('history-compression');
  ({ redis, server } = history);
  const seeded = await publishFilings(
    redis.client,
    redis.keys,
    buildFilings(120),
  );
  accessionNo = seeded[0].filing.accessionNo;
});

afterAll(() => history?.close());

function send(
  path: string,
  acceptEncoding?: string,
  method = 'GET',
): Promise<RawReply> {
  const headers =
    acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const coding = res.headers['content-encoding'];
          const plain =
            raw.length === 0
              ? raw
              : coding === 'br'
                ? brotliDecompressSync(raw)
                : coding === 'gzip'
                  ? gunzipSync(raw)
                  : raw;
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            raw,
            text: plain.toString(),
          });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('REST answers by Accept-Encoding', () => {
  const page = '/api/filings?limit=80';

  it.each([
    ['no header', undefined, undefined],
    ['gzip', 'gzip', 'gzip'],
    ['br', 'br', 'br'],
    ['a browser', 'gzip, deflate, br, zstd', 'br'],
    ['Brotli refused', 'br;q=0, gzip', 'gzip'],
    ['gzip preferred', 'gzip;q=1.0, br;q=0.5', 'gzip'],
    ['identity', 'identity', undefined],
    ['garbage', 'x;;q=;,\u00e9;q=nope', undefined],
  ])(
    '%s: the same page, encoded as chosen, Content-Length of the bytes sent',
    async (_, acceptEncoding, expected) => {
      const plain = await send(page);
      const reply = await send(page, acceptEncoding);
      expect(reply.status).toBe(200);
      expect(reply.headers['content-encoding']).toBe(expected);
      expect(Number(reply.headers['content-length'])).toBe(reply.raw.length);
      expect(reply.headers['vary']).toBe('accept-encoding');
      expect(reply.headers['content-type']).toBe(
        'application/json; charset=utf-8',
      );
      expect(reply.headers['stream-position']).toBe(
        plain.headers['stream-position'],
      );
      expect(reply.text).toBe(plain.text);
      expect(
        (JSON.parse(reply.text) as { filings: unknown[] }).filings,
      ).toHaveLength(80);
      if (expected !== undefined) {
        expect(reply.raw.length).toBeLessThan(plain.raw.length / 4);
      }
    },
  );

  it('answers HEAD with the headers its GET gets, and no body', async () => {
    const get = await send(page, 'br');
    const head = await send(page, 'br', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.raw.length).toBe(0);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.headers['vary']).toBe('accept-encoding');
  });

  it('compresses one filing too, when it is over 1 KiB', async () => {
    const stored = await redis.client.get(redis.keys.filing(accessionNo));
    const reply = await send(`/api/filings/${accessionNo}`, 'gzip');
    expect(reply.status).toBe(200);
    expect(reply.text).toBe(stored);
    expect(reply.headers['content-encoding']).toBe(
      Buffer.byteLength(stored ?? '') >= 1024 ? 'gzip' : undefined,
    );
    expect(Number(reply.headers['content-length'])).toBe(reply.raw.length);
  });

  it('sends a small answer as it is', async () => {
    const reply = await send('/api/filings?ticker=ZZZZ', 'br');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.text).toBe('{"filings":[],"next":null}');
    expect(Number(reply.headers['content-length'])).toBe(reply.raw.length);
    expect(reply.headers['vary']).toBe('accept-encoding');
  });

  it.each([
    ['/api/filings?limit=0', 'GET', 400, 'INVALID_LIMIT'],
    ['/api/filings?tickers=AAPL', 'GET', 400, 'UNKNOWN_PARAMETER'],
    ['/api/filings/0000000001-25-000001', 'GET', 404, 'NOT_FOUND'],
    ['/api/filings', 'DELETE', 405, 'METHOD_NOT_ALLOWED'],
  ])(
    'answers the error of %s %s as before, uncompressed',
    async (path, method, status, code) => {
      const reply = await send(path, 'gzip, br', method);
      expect(reply.status).toBe(status);
      expect(reply.headers['content-encoding']).toBeUndefined();
      expect(Number(reply.headers['content-length'])).toBe(reply.raw.length);
      expect(JSON.parse(reply.text)).toMatchObject({ error: { code } });
      if (status === 405) expect(reply.headers['allow']).toBe('GET, HEAD');
    },
  );
});
