// GET on a new TCP connection every time: the workers of a clustered gateway take
// connections in turn, so a pooled (keep-alive) client would keep asking the same one.
import { get } from 'node:http';

/** An HTTP answer: status, headers and body. */
export interface FreshAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** GET `url` on a connection of its own, closed after the answer. */
export function freshGet(url: string): Promise<FreshAnswer> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}
