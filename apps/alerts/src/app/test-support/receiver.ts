import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a receiver got. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly at: number;
}

/** How a receiver answers one request; `delayMs` first (longer than the sender's timeout: a timeout). */
export interface Reply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly delayMs?: number;
}

/** A real HTTP server on port 0 standing for a channel's receiver (a webhook, Slack...). */
export interface Receiver {
  readonly url: string;
  /** Every request, in arrival order. */
  readonly requests: ReceivedRequest[];
  /** The requests answered 2xx to a sender still waiting: what the receiver "saw". */
  readonly accepted: ReceivedRequest[];
  /** Replaces the answer policy; `n` is the request's index (from 0). */
  respond: (request: ReceivedRequest, n: number) => Reply;
  close(): Promise<void>;
}

/** Starts a receiver answering 200 `{"ok":true}` until told otherwise. */
export async function startReceiver(): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const accepted: ReceivedRequest[] = [];
  const receiver = {
    url: '',
    requests,
    accepted,
    respond: (() => ({
      status: 200,
      body: '{"ok":true}',
    })) as Receiver['respond'],
    close: (): Promise<void> => Promise.resolve(),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      const n = requests.push(request) - 1;
      const reply = receiver.respond(request, n);
      const answer = () => {
        if (res.destroyed || req.socket.destroyed) return;
        if (reply.status >= 200 && reply.status < 300) accepted.push(request);
        res.writeHead(reply.status, {
          'content-type': 'application/json',
          ...reply.headers,
        });
        res.end(reply.body ?? '{}');
      };
      if (reply.delayMs) setTimeout(answer, reply.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
