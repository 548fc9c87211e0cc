// Raw TCP clients for the specs that send what no HTTP library would: odd request targets,
// upgrades to anywhere, resets in the middle of a request.
import { connect, type Socket } from 'node:net';

/** Opens a TCP connection to 127.0.0.1:`port`; resolves once connected. */
export function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/**
 * Sends `request` and resolves with everything the server answers until it closes the
 * connection (or `timeoutMs` passes: what came so far).
 */
export async function exchange(
  port: number,
  request: string | Buffer,
  timeoutMs = 5000,
): Promise<string> {
  const socket = await openSocket(port);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', done);
    socket.on('close', done);
    socket.write(request);
  });
}

/** Sends `request` and resets the connection (RST) right after, without reading the answer. */
export async function sendThenReset(
  port: number,
  request: string | Buffer,
): Promise<void> {
  const socket = await openSocket(port);
  socket.on('error', () => undefined);
  socket.write(request);
  socket.resetAndDestroy();
}

/** The request line and headers of a WebSocket handshake for `target`. */
export function upgradeRequest(target: string, extra: string[] = []): string {
  return [
    `GET ${target} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Connection: Upgrade',
    'Upgrade: websocket',
    'Sec-WebSocket-Version: 13',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    ...extra,
    '',
    '',
  ].join('\r\n');
}

/** The status code of a raw HTTP answer (0 when there was none). */
export function statusOf(answer: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
}
