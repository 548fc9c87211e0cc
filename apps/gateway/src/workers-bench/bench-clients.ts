// A load generator of the workers benchmark (forked by workers-bench.ts, driven over IPC):
// opens WebSocket clients that subscribe to every filing and time each delivery from the
// publish stamp the filing carries in `description` (`bench:<epoch ms>`).
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { LatencyHistogram } from './latency-histogram';

type Command =
  | { cmd: 'connect'; url: string; count: number; batch: number }
  | { cmd: 'count' }
  | { cmd: 'report' }
  | { cmd: 'exit' };

const histogram = new LatencyHistogram();
const sockets: WebSocket[] = [];
const STAMP = Buffer.from('bench:');

function onMessage(data: Buffer): void {
  const at = data.indexOf(STAMP);
  if (at < 0) return;
  const end = data.indexOf(0x22, at); // the closing quote
  const stamp = Number(data.toString('latin1', at + STAMP.length, end));
  histogram.record(performance.timeOrigin + performance.now() - stamp);
}

function open(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.on('error', () => resolve(false));
    ws.once('open', () =>
      ws.send(JSON.stringify({ action: 'subscribe_sec_filings' })),
    );
    ws.on('message', (data: Buffer) => {
      if (data.includes('"subscribed"')) {
        sockets.push(ws);
        resolve(true);
        return;
      }
      onMessage(data);
    });
  });
}

async function connect(url: string, count: number, batch: number) {
  let opened = 0;
  for (let done = 0; done < count; done += batch) {
    const results = await Promise.all(
      Array.from({ length: Math.min(batch, count - done) }, () => open(url)),
    );
    opened += results.filter(Boolean).length;
  }
  return { event: 'connected', open: opened, failed: count - opened };
}

process.on('message', (command: Command) => {
  const reply = (message: unknown) => process.send?.(message);
  switch (command.cmd) {
    case 'connect':
      void connect(command.url, command.count, command.batch).then(reply);
      return;
    case 'count':
      reply({ event: 'count', delivered: histogram.count });
      return;
    case 'report':
      reply({ event: 'report', histogram: histogram.toJSON() });
      return;
    case 'exit':
      sockets.forEach((ws) => ws.terminate());
      process.exit(0);
  }
});
process.send?.({ event: 'started' });
