/**
 * The gateway benchmark's floor, a child process of `gateway-bench.ts`: the least a Node `ws`
 * server can do to deliver secfeed's stream. It reads the stream with `XREAD BLOCK` after its
 * newest entry, like the gateway, and for each batch frames every entry once as the gateway's
 * `sec_filing` message (same bytes: `{"type":"sec_filing","position":<id>,"data":<stored
 * JSON>}`), joins the frames into one prepared Buffer and writes that Buffer to every
 * subscribed client's socket, corked: one system call per client per batch, the cost the
 * gateway's tick corker aims at. Nothing else: no filters, no send-buffer bound, no metrics,
 * no heartbeats, no history, no resume. A client counts as subscribed after its first message
 * (answered `{"type":"subscribed"}`), whatever it says.
 * Environment: BENCH_FLOOR_PORT, BENCH_FLOOR_STREAM (stream key), REDIS_URL.
 * Prints `listening <port>` once it accepts connections.
 */
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { createClient } from 'redis';
import { WebSocketServer, type WebSocket } from 'ws';
import { frameText } from './ws-frame';

type FloorRedis = ReturnType<typeof createClient>;
/** One entry of an XREAD reply (RESP2): id, then field, value, field, value... */
type RawEntry = [string, string[]];

const BATCH = '500';
const BLOCK_MS = '5000';

function socketOf(ws: WebSocket): Socket {
  return (ws as unknown as { _socket: Socket })._socket;
}

/** Every client that has asked for filings, by its TCP socket. */
function acceptClients(wss: WebSocketServer, clients: Set<Socket>): void {
  wss.on('connection', (ws) => {
    const socket = socketOf(ws);
    ws.once('message', () => {
      ws.send('{"type":"subscribed"}');
      clients.add(socket);
    });
    ws.on('close', () => clients.delete(socket));
  });
}

/** The newest entry's id, so that reading starts after it (`0-0` for an empty stream). */
async function newestId(redis: FloorRedis, stream: string): Promise<string> {
  const reply = (await redis.sendCommand([
    'XREVRANGE',
    stream,
    '+',
    '-',
    'COUNT',
    '1',
  ])) as RawEntry[];
  return reply.length > 0 ? reply[0][0] : '0-0';
}

/** The batch's entries framed once as `sec_filing` messages, in one Buffer. */
function prepareBatch(entries: RawEntry[]): Buffer {
  const frames = entries.map(([id, fields]) => {
    const data = fields[fields.indexOf('data') + 1];
    return frameText(
      Buffer.from(`{"type":"sec_filing","position":"${id}","data":${data}}`),
    );
  });
  return frames.length === 1 ? frames[0] : Buffer.concat(frames);
}

function writeToAll(clients: Set<Socket>, prepared: Buffer): void {
  for (const socket of clients) {
    if (!socket.writable) continue;
    socket.cork();
    socket.write(prepared);
    socket.uncork();
  }
}

async function pump(
  redis: FloorRedis,
  stream: string,
  clients: Set<Socket>,
): Promise<void> {
  let position = await newestId(redis, stream);
  for (;;) {
    const reply = (await redis.sendCommand([
      'XREAD',
      'COUNT',
      BATCH,
      'BLOCK',
      BLOCK_MS,
      'STREAMS',
      stream,
      position,
    ])) as Array<[string, RawEntry[]]> | null;
    const entries = reply?.[0]?.[1] ?? [];
    if (entries.length === 0) continue;
    position = entries[entries.length - 1][0];
    writeToAll(clients, prepareBatch(entries));
  }
}

async function main(): Promise<void> {
  const port = Number(process.env['BENCH_FLOOR_PORT'] ?? 0);
  const stream = process.env['BENCH_FLOOR_STREAM'] ?? '';
  if (stream === '') throw new Error('BENCH_FLOOR_STREAM is required');
  const redis = createClient({
    url: process.env['REDIS_URL'] || 'redis://127.0.0.1:6379',
  });
  redis.on('error', (error: Error) =>
    process.stderr.write(`redis: ${error.message}\n`),
  );
  await redis.connect();
  const http = createServer();
  const wss = new WebSocketServer({
    server: http,
    path: '/ws',
    perMessageDeflate: false,
  });
  const clients = new Set<Socket>();
  acceptClients(wss, clients);
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  const address = http.address();
  process.stdout.write(
    `listening ${typeof address === 'object' && address ? address.port : port}\n`,
  );
  const stop = () => process.exit(0);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await pump(redis, stream, clients);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `floor server failed: ${(error as Error)?.stack ?? String(error)}\n`,
  );
  process.exit(1);
});
