import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withAccession } from './burst-filings';

const SUBMISSION =
  /^\/Archives\/edgar\/data\/\d{1,10}\/(\d{18})\/(\d{10}-\d{2}-\d{6})\.txt$/;

/** One request as it reached the stand-in. */
export interface StandInRequest {
  readonly atMs: number;
  readonly userAgent: string;
  readonly status: number;
}

/** A local stand-in for EDGAR's archive (`EDGAR_ARCHIVES_URL`). */
export interface EdgarStandIn {
  readonly url: string;
  readonly requests: readonly StandInRequest[];
  close(): Promise<void>;
}

/**
 * Answers every `/Archives/edgar/data/<CIK>/<accession without dashes>/<accession>.txt` after
 * `delayMs` with `document` (a real full submission), its accession number rewritten to the
 * requested one; anything else gets 404 at once. Every request is recorded on arrival, the
 * moment EDGAR's fair-access limit counts.
 */
export async function startEdgarStandIn(
  document: string,
  delayMs: number,
): Promise<EdgarStandIn> {
  const requests: StandInRequest[] = [];
  const server = createServer((req, res) => {
    const match = SUBMISSION.exec(req.url ?? '');
    const valid = match !== null && match[1] === match[2].replace(/-/g, '');
    const status = valid ? 200 : 404;
    requests.push({
      atMs: Date.now(),
      userAgent: req.headers['user-agent'] ?? '',
      status,
    });
    if (!valid) return void res.writeHead(404).end('Not Found');
    const body = withAccession(document, match[2]);
    setTimeout(() => {
      if (res.destroyed) return;
      res.writeHead(200, { 'content-type': 'text/plain' }).end(body);
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
