import type { IncomingMessage } from 'node:http';

/** Largest rule body accepted. */
export const MAX_BODY_BYTES = 64 * 1024;

export type JsonBody =
  | { readonly ok: true; readonly value: unknown }
  | {
      readonly ok: false;
      readonly status: 400 | 413;
      readonly code: 'INVALID_JSON' | 'PAYLOAD_TOO_LARGE' | 'REQUEST_ABORTED';
    };

/**
 * Reads a request's JSON body (at most {@link MAX_BODY_BYTES}); an empty body is `{}`. A body
 * the client cut off (reset, or chunks Node's parser refused) is `REQUEST_ABORTED`, never a
 * rejection: it says nothing about Redis or the service.
 */
export async function readJsonBody(req: IncomingMessage): Promise<JsonBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) {
        req.resume();
        return { ok: false, status: 413, code: 'PAYLOAD_TOO_LARGE' };
      }
      chunks.push(chunk as Buffer);
    }
  } catch {
    return { ok: false, status: 400, code: 'REQUEST_ABORTED' };
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, status: 400, code: 'INVALID_JSON' };
  }
}
