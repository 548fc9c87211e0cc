// A local stand-in for the sec-api.io Query API, for this folder's specs only.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the server received. */
export interface QueryApiRequest {
  readonly headers: IncomingHttpHeaders;
  readonly method: string;
  readonly body: {
    query: string;
    from: string;
    size: string;
    sort: unknown;
  };
}

/** Overrides the answer to request number `index` (0-based) when it returns one. */
export type QueryApiFault = (
  request: QueryApiRequest,
  index: number,
) => { status: number; body: string } | undefined;

export interface QueryApiServer {
  readonly url: string;
  readonly requests: QueryApiRequest[];
  /** The filings the server searches (wire objects, any order). */
  filings: Record<string, unknown>[];
  fault?: QueryApiFault;
  close(): Promise<void>;
}

const RANGE = /^filedAt:\["(.+)" TO \*\]$/;

/**
 * Answers like the Query API: `filedAt:["X" TO *]` ranges only, sorted ascending, paged by
 * `from`/`size`, in the documented shape `{ total, query, filings }`.
 */
export async function startQueryApiServer(
  filings: Record<string, unknown>[] = [],
): Promise<QueryApiServer> {
  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const request = { headers: req.headers, method: req.method ?? '', body };
      server.requests.push(request);
      const fault = server.fault?.(request, server.requests.length - 1);
      if (fault) {
        res.writeHead(fault.status, { 'content-type': 'application/json' });
        res.end(fault.body);
        return;
      }
      const answer = search(server.filings, body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const server: QueryApiServer = {
    url: `http://127.0.0.1:${port}`,
    requests: [],
    filings,
    async close() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
  return server;
}

function search(
  filings: Record<string, unknown>[],
  body: QueryApiRequest['body'],
) {
  const since = Date.parse(RANGE.exec(body.query)?.[1] ?? 'invalid');
  const from = Number(body.from);
  const size = Number(body.size);
  const hits = filings
    .filter((f) => Date.parse(String(f['filedAt'])) >= since)
    .sort(
      (a, b) =>
        Date.parse(String(a['filedAt'])) - Date.parse(String(b['filedAt'])),
    );
  return {
    total: { value: hits.length, relation: 'eq' },
    query: { from, size },
    filings: hits.slice(from, from + size),
  };
}
