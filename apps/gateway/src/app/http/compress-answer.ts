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
 * Brotli quality 4: a page of 50 filings (53 KB) in 0.17 ms, half the time of quality 5 for 7 %
 * more bytes (docs/benchmarks.md, REST history). The dashboard's fixed files use 9 because they
 * are compressed once; these are compressed on every request.
 */
export const BROTLI_QUALITY = 4;
/**
 * gzip level 6 (zlib's default): a page of 50 in 0.2 ms, 13 % smaller than level 1 (0.07 ms).
 * Browsers ask for Brotli; gzip serves the other clients.
 */
export const GZIP_LEVEL = 6;
/**
 * Below this many bytes the body is compressed on the event loop: at most about 0.09 ms, less
 * than the 0.1-0.2 ms of a round trip through the thread pool (docs/benchmarks.md). Larger
 * bodies (0.2-0.8 ms for 50 to 200 filings) go to the thread pool, so that a big page does not
 * hold up every other connection.
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
