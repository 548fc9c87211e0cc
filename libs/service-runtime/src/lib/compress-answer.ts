import { promisify } from 'node:util';
import {
  brotliCompress,
  brotliCompressSync,
  constants,
  gzip,
  gzipSync,
  type BrotliOptions,
  type ZlibOptions,
} from 'node:zlib';
import type { Encoding } from './choose-encoding';

/**
 * Brotli quality 4: a page of 50 filings (53 KB) in 0.16 ms, about half the time of quality 5
 * for 8 % more bytes (docs/benchmarks.md, REST history). The dashboard's fixed files use 9
 * because they are compressed once; these are compressed on every request.
 */
export const BROTLI_QUALITY = 4;
/**
 * gzip level 6 (zlib's default): a page of 50 in 0.12 ms, 10 % smaller than level 1 (0.05 ms).
 * Browsers ask for Brotli; gzip serves the other clients.
 */
export const GZIP_LEVEL = 6;
/**
 * Below this many bytes the body is compressed on the event loop: 0.02-0.08 ms, less than its
 * round trip through the thread pool (0.07-0.1 ms; docs/benchmarks.md). Larger bodies (0.15 to
 * 0.5 ms for 50 to 200 filings) go to the thread pool, so that a big page does not hold up
 * every other connection.
 */
export const SYNC_BELOW_BYTES = 16 * 1024;

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * `body` compressed with `encoding` at the levels of a dynamic answer (cheap, not smallest).
 * Rejects only when zlib fails (e.g. out of memory).
 */
export function compressAnswer(
  body: Buffer,
  encoding: Encoding,
): Promise<Buffer> {
  const sync = body.length < SYNC_BELOW_BYTES;
  try {
    if (encoding === 'br') {
      const options = brotliOptions(body.length);
      return sync
        ? Promise.resolve(brotliCompressSync(body, options))
        : brotliAsync(body, options);
    }
    const options: ZlibOptions = { level: GZIP_LEVEL };
    return sync
      ? Promise.resolve(gzipSync(body, options))
      : gzipAsync(body, options);
  } catch (err) {
    return Promise.reject(err as Error);
  }
}

/**
 * The window fitted to the body (never above Brotli's default of 4 MiB): the encoder allocates
 * for its window, and an answer of some kilobytes needs no more than its own size.
 */
function brotliOptions(size: number): BrotliOptions {
  const window = Math.min(
    constants.BROTLI_DEFAULT_WINDOW,
    Math.max(constants.BROTLI_MIN_WINDOW_BITS, Math.ceil(Math.log2(size + 1))),
  );
  return {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: size,
      [constants.BROTLI_PARAM_LGWIN]: window,
    },
  };
}
