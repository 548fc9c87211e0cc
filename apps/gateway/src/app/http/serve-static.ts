import {
  chooseEncoding,
  requestPath,
  sendError,
  type Encoding,
} from '@secfeed/service-runtime';
import { statSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

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

/** Why a dashboard file was not served (reported once, with the file system's error). */
export interface StaticFailure {
  /** `STATIC_FILE_UNAVAILABLE`: out of file descriptors (503); `STATIC_FILE_FAILED`: else (500). */
  readonly code: 'STATIC_FILE_UNAVAILABLE' | 'STATIC_FILE_FAILED';
  readonly err: NodeJS.ErrnoException;
}

/** Out of descriptors, for the process or the system: worth a retry, not a bug. */
const EXHAUSTED = new Set(['EMFILE', 'ENFILE']);
/** A client that went away mid-download: not a failure of the gateway. */
const CLIENT_GONE = new Set([
  'ERR_STREAM_PREMATURE_CLOSE',
  'ECONNRESET',
  'EPIPE',
]);

/**
 * Serves the built dashboard from `root` (GET/HEAD only). Hashed assets are cached for a year;
 * any other path that is not a file gets `index.html` (the app routes in the browser). Paths
 * that would leave `root` are refused. Text assets go out Brotli- or gzip-compressed when the
 * browser accepts it, each compressed once (on first request) and kept in memory: the
 * dashboard's files are few and fixed for the life of the process.
 *
 * A file that cannot be opened or read is answered 503 `STATIC_FILE_UNAVAILABLE` (out of file
 * descriptors, with `Retry-After`) or 500 `STATIC_FILE_FAILED`, or the response is cut when it
 * had begun; either way `onFailure` hears of it once. Every descriptor is closed, also when the
 * client aborts a download.
 */
export function createStaticHandler(
  root: string,
  onFailure: (failure: StaticFailure) => void = () => undefined,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  // resolve() drops a trailing separator: `/srv/app/` and `/srv/app` are the same root.
  const dir = resolve(root);
  const base = dir.endsWith(sep) ? dir : dir + sep;
  const fail = (err: NodeJS.ErrnoException, res: ServerResponse) => {
    const unavailable = EXHAUSTED.has(err.code ?? '');
    const code = unavailable ? 'STATIC_FILE_UNAVAILABLE' : 'STATIC_FILE_FAILED';
    onFailure({ code, err });
    if (res.headersSent) res.destroy();
    else if (unavailable)
      sendError(res, 503, code, 'the gateway is busy; retry later', {
        'retry-after': '5',
      });
    else sendError(res, 500, code, 'the file could not be read');
  };
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
      headers['content-length'] = size;
      if (req.method === 'HEAD') res.writeHead(200, headers).end();
      else void sendFile(target, res, headers, fail);
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
      (err: NodeJS.ErrnoException) => fail(err, res),
    );
    return true;
  };
}

/**
 * Streams `file` into `res`. The file is opened before the status is written, so running out of
 * descriptors is still a clean 503; `pipeline` closes the file however the response ends.
 */
async function sendFile(
  file: string,
  res: ServerResponse,
  headers: Record<string, string | number>,
  fail: (err: NodeJS.ErrnoException, res: ServerResponse) => void,
): Promise<void> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    fail(err as NodeJS.ErrnoException, res);
    return;
  }
  res.writeHead(200, headers);
  pipeline(handle.createReadStream(), res, (err) => {
    const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
    if (err && !CLIENT_GONE.has(code)) fail(err, res);
  });
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
