import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local stand-in for the sec-api.io Query API that never has anything to backfill. */
export interface QueryApiStub {
  readonly url: string;
  /** Requests answered so far (one per ingest connection: the gap backfill). */
  requests(): number;
  close(): Promise<void>;
}

const EMPTY_PAGE = JSON.stringify({ total: { value: 0 }, filings: [] });

/** Answers every request with an empty result page, on a free port of 127.0.0.1. */
export async function startQueryApiStub(): Promise<QueryApiStub> {
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(EMPTY_PAGE),
    );
  });
  await new Promise<void>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
