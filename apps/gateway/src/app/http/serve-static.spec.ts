import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createStaticHandler } from './serve-static';

/** A raw reply: `fetch` would decompress and hide what went over the wire. */
interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let root: string;
let server: Server;
let port: number;
const script = `console.log(${JSON.stringify('secfeed '.repeat(2000))});`;
const index = `<!doctype html><title>secfeed</title>${'<p>row</p>'.repeat(200)}`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'secfeed-static-'));
  writeFileSync(join(root, 'index.html'), index);
  writeFileSync(join(root, 'main-ABCDEFGH.js'), script);
  writeFileSync(join(root, 'tiny.txt'), 'small');
  mkdirSync(join(root, 'media'));
  writeFileSync(join(root, 'media', 'logo.png'), Buffer.alloc(4096, 7));
  const handle = createStaticHandler(root);
  server = createServer((req, res) => {
    if (!handle(req, res)) res.writeHead(404).end('not mine');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

function get(
  path: string,
  acceptEncoding?: string,
  method = 'GET',
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('the dashboard files', () => {
  it('sends Brotli when the browser accepts it: the same bytes, smaller, cached for a year', async () => {
    const reply = await get('/main-ABCDEFGH.js', 'gzip, deflate, br, zstd');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.headers['vary']).toBe('accept-encoding');
    expect(reply.headers['cache-control']).toBe(
      'public, max-age=31536000, immutable',
    );
    expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
    expect(reply.body.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(reply.body).toString()).toBe(script);
  });

  it('sends gzip to a browser without Brotli, and the same bytes again from memory', async () => {
    for (let i = 0; i < 2; i += 1) {
      const reply = await get('/main-ABCDEFGH.js', 'gzip');
      expect(reply.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(reply.body).toString()).toBe(script);
    }
  });

  it('sends the file as it is without Accept-Encoding, or when every coding is refused', async () => {
    for (const accept of [undefined, 'br;q=0, gzip;q=0', 'identity']) {
      const reply = await get('/main-ABCDEFGH.js', accept);
      expect(reply.headers['content-encoding']).toBeUndefined();
      expect(reply.body.toString()).toBe(script);
    }
  });

  it('leaves small files and images alone', async () => {
    const tiny = await get('/tiny.txt', 'br');
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe('small');
    const png = await get('/media/logo.png', 'br');
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.body.length).toBe(4096);
  });

  it('answers an unknown path with index.html (compressed, not cached) for the app to route', async () => {
    const reply = await get('/filings/anything?tickers=AAPL', 'br');
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(reply.body).toString()).toBe(index);
  });

  it('answers index.html for a path no file system accepts (a NUL byte)', async () => {
    const reply = await get('/%00.js');
    expect(reply.status).toBe(200);
    expect(reply.body.toString()).toBe(index);
  });

  it('answers HEAD with the headers of the compressed body and no body', async () => {
    const reply = await get('/main-ABCDEFGH.js', 'br', 'HEAD');
    expect(reply.headers['content-encoding']).toBe('br');
    expect(Number(reply.headers['content-length'])).toBeGreaterThan(0);
    expect(reply.body.length).toBe(0);
  });

  it('declines other methods and paths that leave the root', async () => {
    expect((await get('/main-ABCDEFGH.js', 'br', 'POST')).body.toString()).toBe(
      'not mine',
    );
    expect((await get('/..%2f..%2fetc%2fpasswd')).body.toString()).toBe(
      'not mine',
    );
  });
});

describe('the root directory', () => {
  it.each([
    ['with a trailing slash', (dir: string) => `${dir}/`],
    ['with a trailing slash and a dot segment', (dir: string) => `${dir}/./`],
    [
      'relative to the working directory',
      (dir: string) => relative(process.cwd(), dir),
    ],
  ])('serves the same files when named %s', async (_how, name) => {
    const handle = createStaticHandler(name(root));
    const other = createServer((req, res) => {
      if (!handle(req, res)) res.writeHead(404).end('not mine');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    try {
      const png = await fetch(`${base}/media/logo.png`);
      expect(png.status).toBe(200);
      expect((await png.arrayBuffer()).byteLength).toBe(4096);
      expect(await (await fetch(`${base}/some/route`)).text()).toBe(index);
      expect(await (await fetch(`${base}/..%2f..%2fetc%2fpasswd`)).text()).toBe(
        'not mine',
      );
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
});
