/**
 * The gateway benchmark's baseline server, a child process of `gateway-bench.ts`: what most Node
 * teams would build. Socket.IO 4 on HTTP (WebSocket transport only) with
 * `@socket.io/redis-streams-adapter` on the same Redis; every socket joins the room `filings`.
 * The benchmark's publisher is another Socket.IO server (no listener) on the same adapter
 * stream that does `io.to('filings').emit('sec_filing', filing)`, so each filing travels
 * through a Redis stream to this process, which sends it to the room.
 * Environment: BENCH_SIO_PORT, BENCH_SIO_STREAM (stream key), REDIS_URL.
 * Prints `listening <port>` once it accepts connections.
 */
import { createServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';

async function main(): Promise<void> {
  const port = Number(process.env['BENCH_SIO_PORT'] ?? 0);
  const streamName = process.env['BENCH_SIO_STREAM'] ?? 'socket.io';
  const redis = createClient({
    url: process.env['REDIS_URL'] || 'redis://127.0.0.1:6379',
  });
  redis.on('error', (error) =>
    process.stderr.write(`redis: ${(error as Error).message}\n`),
  );
  await redis.connect();
  const http = createServer();
  const io = new Server(http, {
    transports: ['websocket'],
    serveClient: false,
    adapter: createAdapter(redis, { streamName }),
  });
  io.on('connection', (socket) => {
    void socket.join('filings');
  });
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  const address = http.address();
  process.stdout.write(
    `listening ${typeof address === 'object' && address ? address.port : port}\n`,
  );
  const stop = () => {
    io.close();
    void redis.quit().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `socket.io server failed: ${(error as Error)?.stack ?? String(error)}\n`,
  );
  process.exit(1);
});
