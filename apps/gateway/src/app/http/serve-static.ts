import { createReadStream, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { requestPath } from './request-target';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Types worth compressing (text); images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt']);
/** Below this a compressed body saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024;
/**
 * Brotli quality 9: the dashboard's main script (372 KB) compresses to 105 KB in about 40 ms;
 * quality 11 saves 7 KB more but takes 0.6 s, which the first visitor would wait for.
 */
const BROTLI_QUALITY = 9;

type Encoding = 'br' | 'gzip';

const compressors: Record<Encoding, (data: Buffer) => Promise<Buffer>> = {
  br: (data) =>
    promisify(brotliCompress)(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  gzip: (data) =>
    promisify(gzip)(data, { level: constants.Z_BEST_COMPRESSION }),
};

/**
 * The encoding to send for an `Accept-Encoding` header: Brotli, else gzip, else none. A coding
 * the client refuses with `q=0` is not chosen.
 */
export function chooseEncoding(
  acceptEncoding: string | undefined,
): Encoding | undefined {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) =>
        part
          .trim()
          .toLowerCase()
          .split(/\s*;\s*/),
      )
      .filter(([, q]) => !/^q=0(\.0*)?$/.test(q ?? ''))
      .map(([coding]) => coding),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return undefined;
}

/**
 * Serves the built dashboard from `root` (GET/HEAD only). Hashed assets are cached for a year;
 * any other path that is not a file gets `index.html` (the app routes in the browser). Paths
 * that would leave `root` are refused. Text assets go out Brotli- or gzip-compressed when the
 * browser accepts it, each compressed once (on first request) and kept in memory: the
 * dashboard's files are few and fixed for the life of the process.
 */
export function createStaticHandler(
  root: string,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const base = normalize(root) + sep;
  const compressed = new Map<string, Promise<Buffer>>();
  const compressedFile = (file: string, encoding: Encoding) => {
    const key = `${encoding}:${file}`;
    let body = compressed.get(key);
    if (body === undefined) {
      body = readFile(file).then(compressors[encoding]);
      // A failed read is not remembered: the next request tries again.
      body.catch(() => compressed.delete(key));
      compressed.set(key, body);
    }
    return body;
  };

  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const encoded = requestPath(req.url);
    if (encoded === undefined) return false;
    let path: string;
    try {
      path = decodeURIComponent(encoded);
    } catch {
      return false; // a malformed escape (`/%`)
    }
    const file = normalize(join(base, path));
    if (!file.startsWith(base)) return false;
    const found = fileSize(file);
    const target = found === undefined ? join(base, 'index.html') : file;
    const size = found ?? fileSize(target);
    if (size === undefined) return false;
    const hashed = /-[A-Z0-9]{8,}\.(js|css)$/.test(target);
    const headers: Record<string, string | number> = {
      'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
      'cache-control': hashed
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    };
    const compressible =
      COMPRESSIBLE.has(extname(target)) && size >= MIN_COMPRESS_BYTES;
    const encoding = compressible
      ? chooseEncoding(req.headers['accept-encoding'])
      : undefined;
    if (compressible) headers['vary'] = 'accept-encoding';
    if (encoding === undefined) {
      res.writeHead(200, headers);
      if (req.method === 'HEAD') res.end();
      else createReadStream(target).pipe(res);
      return true;
    }
    compressedFile(target, encoding).then(
      (body) => {
        res.writeHead(200, {
          ...headers,
          'content-encoding': encoding,
          'content-length': body.length,
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      () => {
        res.writeHead(500).end();
      },
    );
    return true;
  };
}

/** The size of a regular file at `path`, or `undefined` when there is none (or no such path). */
function fileSize(path: string): number | undefined {
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    return stats?.isFile() ? stats.size : undefined;
  } catch {
    return undefined; // e.g. a NUL byte from a percent-encoded URL
  }
}
