import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { SYNC_BELOW_BYTES } from './compress-answer';
import {
  MIN_COMPRESS_BYTES,
  sendError,
  sendJson,
  writeJson,
} from './send-json';

interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  raw: Buffer;
}

/** A JSON string of exactly `bytes` bytes. */
const jsonOf = (bytes: number) =>
  JSON.stringify({ text: 'filing '.repeat(bytes).slice(0, bytes - 11) });

let server: Server;
let port: number;
/** What the last `/write` call's promise saw once it resolved. */
let resolvedWith: { headersSent: boolean } | undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/error') {
      sendError(res, 400, 'SOME_CODE', 'x'.repeat(2000));
      return;
    }
    if (url.pathname === '/error-extra') {
      sendError(
        res,
        502,
        'TEST_SEND_FAILED',
        'not accepted',
        { 'retry-after': '5' },
        { failure: 'TIMEOUT', status: null },
      );
      return;
    }
    if (url.pathname === '/no-body') {
      sendJson(res, 204, undefined, { 'x-extra': 'kept' });
      return;
    }
    if (url.pathname === '/twice') {
      // A small answer goes out at once; the second finds the headers sent.
      sendJson(res, 200, { first: true });
      sendError(res, 500, 'SECOND', 'never sent');
      return;
    }
    if (url.pathname === '/overtaken') {
      // The compressed answer is still being compressed when the error goes out.
      void writeJson(res, 200, jsonOf(SYNC_BELOW_BYTES)).then(
        () => (resolvedWith = { headersSent: res.headersSent }),
      );
      sendError(res, 503, 'FIRST', 'sent first');
      return;
    }
    if (url.searchParams.has('origin')) res.setHeader('vary', 'origin');
    void writeJson(res, 200, jsonOf(Number(url.searchParams.get('bytes'))), {
      'x-extra': 'kept',
    }).then(() => (resolvedWith = { headersSent: res.headersSent }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

function get(path: string, acceptEncoding?: string): Promise<RawReply> {
  const headers = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          raw: Buffer.concat(chunks),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

function decoded(reply: RawReply): string {
  const coding = reply.headers['content-encoding'];
  if (coding === 'br') return brotliDecompressSync(reply.raw).toString();
  if (coding === 'gzip') return gunzipSync(reply.raw).toString();
  return reply.raw.toString();
}

describe('writeJson', () => {
  it.each([
    [MIN_COMPRESS_BYTES - 1, undefined],
    [MIN_COMPRESS_BYTES, 'br'],
    [SYNC_BELOW_BYTES - 1, 'br'],
    [SYNC_BELOW_BYTES, 'br'],
    [400_000, 'br'],
  ])('a body of %i bytes goes out as %s', async (bytes, coding) => {
    const reply = await get(`/write?bytes=${bytes}`, 'gzip, br');
    expect(reply.headers['content-encoding']).toBe(coding);
    expect(decoded(reply)).toBe(jsonOf(bytes));
    expect(Buffer.byteLength(jsonOf(bytes))).toBe(bytes);
    expect(Number(reply.headers['content-length'])).toBe(reply.raw.length);
    expect(reply.headers['x-extra']).toBe('kept');
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  it.each([SYNC_BELOW_BYTES - 1, 400_000])(
    'gzips a body of %i bytes for a client without Brotli',
    async (bytes) => {
      const reply = await get(`/write?bytes=${bytes}`, 'gzip');
      expect(reply.headers['content-encoding']).toBe('gzip');
      expect(decoded(reply)).toBe(jsonOf(bytes));
      expect(Number(reply.headers['content-length'])).toBe(reply.raw.length);
    },
  );

  it('adds accept-encoding to a Vary already set', async () => {
    const reply = await get('/write?bytes=2000&origin', 'br');
    expect(reply.headers['vary']).toBe('origin, accept-encoding');
  });

  it('resolves once the answer is written', async () => {
    resolvedWith = undefined;
    await get('/write?bytes=100000', 'br');
    expect(resolvedWith).toEqual({ headersSent: true });
  });

  it('compresses a long error message like any other answer', async () => {
    const reply = await get('/error', 'gzip');
    expect(reply.status).toBe(400);
    expect(reply.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(decoded(reply))).toEqual({
      error: { code: 'SOME_CODE', message: 'x'.repeat(2000) },
    });
  });
});

describe('sendError', () => {
  it('puts the extra fields beside code and message, with the headers given', async () => {
    const reply = await get('/error-extra');
    expect(reply.status).toBe(502);
    expect(reply.headers['retry-after']).toBe('5');
    expect(reply.headers['content-type']).toBe(
      'application/json; charset=utf-8',
    );
    expect(JSON.parse(decoded(reply))).toEqual({
      error: {
        code: 'TEST_SEND_FAILED',
        message: 'not accepted',
        failure: 'TIMEOUT',
        status: null,
      },
    });
  });
});

describe('sendJson', () => {
  it('sends an undefined value as an answer without body or content type', async () => {
    const reply = await get('/no-body', 'gzip, br');
    expect(reply.status).toBe(204);
    expect(reply.raw.length).toBe(0);
    expect(reply.headers['content-type']).toBeUndefined();
    expect(reply.headers['content-length']).toBeUndefined();
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['x-extra']).toBe('kept');
  });

  it('writes nothing once the headers are sent', async () => {
    const reply = await get('/twice');
    expect(reply.status).toBe(200);
    expect(JSON.parse(decoded(reply))).toEqual({ first: true });
  });

  it('drops a compressed answer an error overtook', async () => {
    resolvedWith = undefined;
    const reply = await get('/overtaken', 'br');
    expect(reply.status).toBe(503);
    expect(JSON.parse(decoded(reply))).toEqual({
      error: { code: 'FIRST', message: 'sent first' },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(resolvedWith).toEqual({ headersSent: true });
  });
});
