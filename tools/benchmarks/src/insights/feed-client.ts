import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { ArrivalLog } from './arrival-log';

/** A WebSocket client of the gateway, subscribed to every filing. */
export interface FeedClient {
  readonly arrivals: ArrivalLog;
  close(): void;
}

/**
 * Connects to `ws://127.0.0.1:<port>/ws`, subscribes without filters and resolves once the
 * gateway said `subscribed`; from then on stamps each `sec_filing` and `sec_filing_insights`
 * with `performance.now()` on arrival.
 */
export function connectFeedClient(port: number): Promise<FeedClient> {
  const arrivals = new ArrivalLog();
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error('no "subscribed" from the gateway in 10 s')),
      10_000,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      ws.terminate();
      reject(error);
    };
    ws.once('error', fail);
    ws.once('open', () =>
      ws.send(JSON.stringify({ action: 'subscribe_sec_filings' })),
    );
    ws.on('message', (raw) => {
      const at = performance.now();
      const message = JSON.parse(raw.toString()) as Record<string, unknown>;
      if (message['type'] === 'sec_filing') {
        const data = message['data'] as { accessionNo: string };
        arrivals.filing(data.accessionNo, at);
      } else if (message['type'] === 'sec_filing_insights') {
        arrivals.insights(
          String(message['accessionNo']),
          at,
          message['insights'],
        );
      } else if (message['type'] === 'subscribed') {
        clearTimeout(timer);
        ws.off('error', fail);
        ws.on('error', () => undefined);
        resolve({ arrivals, close: () => ws.terminate() });
      }
    });
  });
}
