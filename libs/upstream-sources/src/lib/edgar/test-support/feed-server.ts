import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the test server answers to one request; `hang` never answers. */
export type FeedReply =
  | {
      status?: number;
      body: string | Buffer;
      contentType?: string;
      headers?: Record<string, string>;
    }
  | 'hang';

/** One request the server received. */
export interface ReceivedRequest {
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly at: number;
  /** True once the client went away before the answer was complete. */
  aborted: boolean;
}

/**
 * A real HTTP server on 127.0.0.1, port 0, standing in for EDGAR. `reply` decides each answer
 * from the request and the number of requests before it. Always `close()` it in afterEach.
 */
export class FeedServer {
  readonly requests: ReceivedRequest[] = [];

  private constructor(
    private readonly server: Server,
    /** The feed endpoint, e.g. `http://127.0.0.1:40123/cgi-bin/browse-edgar`. */
    readonly feedUrl: string,
  ) {}

  static async start(
    reply: (request: ReceivedRequest, index: number) => FeedReply,
  ): Promise<FeedServer> {
    const server = createServer();
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', resolve),
    );
    const { port } = server.address() as AddressInfo;
    const feed = new FeedServer(
      server,
      `http://127.0.0.1:${port}/cgi-bin/browse-edgar`,
    );
    server.on('request', (req, res) => {
      const received: ReceivedRequest = {
        url: new URL(req.url ?? '/', `http://127.0.0.1:${port}`),
        headers: req.headers,
        at: Date.now(),
        aborted: false,
      };
      const index = feed.requests.push(received) - 1;
      res.on('close', () => {
        if (!res.writableFinished) received.aborted = true;
      });
      const answer = reply(received, index);
      if (answer === 'hang') return;
      res.writeHead(answer.status ?? 200, {
        'Content-Type':
          answer.contentType ?? 'application/atom+xml; charset=ISO-8859-1',
        ...answer.headers,
      });
      res.end(answer.body);
    });
    return feed;
  }

  /** Latin-1 bytes of an Atom document, as EDGAR sends them. */
  static atom(xml: string): FeedReply {
    return { body: Buffer.from(xml, 'latin1') };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
