import { request, type Agent } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

/** BENCH_REST_ACCEPT_ENCODING, sent with every request (default what browsers send; empty for none). */
export const ACCEPT_ENCODING =
  process.env['BENCH_REST_ACCEPT_ENCODING'] ?? 'gzip, deflate, br';

export interface Reply {
  status: number;
  /** The body as received (compressed when `encoding` is set). */
  raw: Buffer;
  encoding: string | undefined;
  /** The connection's error code, with status 0 (counted, never thrown). */
  error?: string;
  ms: number;
}

const elapsedMs = (started: bigint): number =>
  Number(process.hrtime.bigint() - started) / 1e6;

/** One GET on a keep-alive agent; resolves with the status, the raw body and the elapsed ms. */
export function get(
  agent: Agent,
  port: number,
  path: string,
  acceptEncoding = ACCEPT_ENCODING,
): Promise<Reply> {
  const started = process.hrtime.bigint();
  const headers = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
  return new Promise((resolvePromise) => {
    const req = request(
      { host: '127.0.0.1', port, path, agent, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolvePromise({
            status: res.statusCode ?? 0,
            raw: Buffer.concat(chunks),
            encoding: res.headers['content-encoding'],
            ms: elapsedMs(started),
          }),
        );
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) =>
      resolvePromise({
        status: 0,
        raw: Buffer.alloc(0),
        encoding: undefined,
        error: err.code ?? err.message,
        ms: elapsedMs(started),
      }),
    );
    req.end();
  });
}

/** The body of `reply` as text, decompressed. */
export function bodyText(reply: Reply): string {
  if (reply.encoding === 'br')
    return brotliDecompressSync(reply.raw).toString();
  if (reply.encoding === 'gzip') return gunzipSync(reply.raw).toString();
  return reply.raw.toString();
}
