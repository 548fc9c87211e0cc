// A local stand-in for EDGAR's archive in the insights specs: a real HTTP server on port 0 that
// answers each path from a script and records every request it received.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer. */
export interface ArchiveAnswer {
  readonly status?: number;
  readonly body?: string;
  readonly headers?: Record<string, string>;
  /** Answer this much later (a slow archive). */
  readonly delayMs?: number;
}

/** One request as received. */
export interface ArchiveRequest {
  readonly path: string;
  readonly userAgent: string | undefined;
  readonly atMs: number;
}

export interface ArchiveStandIn {
  /** `http://127.0.0.1:<port>`: what `EDGAR_ARCHIVES_URL` is set to. */
  readonly url: string;
  readonly requests: ArchiveRequest[];
  /**
   * Answers for `path`, in turn; the last one repeats. A path with none answers 404 with an
   * empty body.
   */
  script(path: string, ...answers: ArchiveAnswer[]): void;
  /** Requests received for `path`. */
  requestsFor(path: string): ArchiveRequest[];
  close(): Promise<void>;
}

export async function startArchiveStandIn(): Promise<ArchiveStandIn> {
  const scripts = new Map<string, ArchiveAnswer[]>();
  const requests: ArchiveRequest[] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({
      path,
      userAgent: req.headers['user-agent'],
      atMs: Date.now(),
    });
    const answers = scripts.get(path) ?? [];
    const answer = (answers.length > 1 ? answers.shift() : answers[0]) ?? {
      status: 404,
    };
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(answer.status ?? 200, answer.headers ?? {});
      res.end(answer.body ?? '');
    };
    if (answer.delayMs) setTimeout(send, answer.delayMs);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    script: (path, ...answers) => scripts.set(path, [...answers]),
    requestsFor: (path) => requests.filter((r) => r.path === path),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
