// Plays one WireAction over a raw TCP connection and reports what came back: the status of the
// answer (when one was awaited), a close, a hang, or a refused connection.
import { connect, type Socket } from 'node:net';
import type { WireAction } from './wire-requests';

/** What one connection saw. */
export interface WireOutcome {
  /** The answer's status (`answer` only); 0 when the gateway closed without one. */
  readonly status?: number;
  /** The first line of the answer, for failure messages. */
  readonly head?: string;
  /** The `error.code` of a JSON error body, when it came with the head. */
  readonly code?: string;
  /** No answer and no close within the wait (`answer` only). */
  readonly hung?: boolean;
  /** The connection itself failed (refused or reset before it was used). */
  readonly refused?: boolean;
}

/** How long a well-formed request may wait for its answer before it counts as a hang. */
export const ANSWER_MS = 10_000;
/** Slowloris pace: a few bytes every few milliseconds, at most this many writes. */
const DRIBBLE_GAP_MS = 5;
const DRIBBLE_WRITES = 40;
/** After a FIN, how long to wait for the gateway's side to close before leaving. */
const LINGER_MS = 500;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function open(port: number): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => resolve(undefined));
    socket.once('connect', () => resolve(socket));
  });
}

/** Plays `action` against 127.0.0.1:`port`; the socket is always gone when this resolves. */
export async function playWireAction(
  port: number,
  action: WireAction,
): Promise<WireOutcome> {
  const socket = await open(port);
  if (socket === undefined) return { refused: true };
  const closed = new Promise<void>((resolve) =>
    socket.once('close', () => resolve()),
  );
  try {
    switch (action.behaviour) {
      case 'answer':
        return await awaitAnswer(socket, closed, action);
      case 'close':
        socket.end(action.bytes.subarray(0, action.at));
        await Promise.race([closed, pause(LINGER_MS)]);
        return {};
      case 'reset':
        socket.write(action.bytes.subarray(0, action.at));
        return {};
      case 'dribble':
        await dribble(socket, action.bytes.subarray(0, action.at));
        return {};
    }
    return {};
  } finally {
    if (!socket.destroyed) socket.resetAndDestroy();
  }
}

async function awaitAnswer(
  socket: Socket,
  closed: Promise<void>,
  action: WireAction,
): Promise<WireOutcome> {
  let text = '';
  const head = new Promise<void>((resolve) =>
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n\r\n')) resolve();
    }),
  );
  socket.write(action.bytes);
  let timer: NodeJS.Timeout | undefined;
  const hung = await Promise.race([
    head.then(() => false),
    closed.then(() => false),
    new Promise<boolean>(
      (resolve) => (timer = setTimeout(() => resolve(true), ANSWER_MS)),
    ),
  ]);
  clearTimeout(timer);
  if (hung) return { hung: true, head: text.split('\r\n')[0] };
  const firstLine = text.split('\r\n')[0];
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(firstLine)?.[1] ?? 0);
  if (status === 101 && !socket.destroyed) {
    // Now a WebSocket: send it junk frames before the reset.
    socket.write(action.afterUpgrade);
    await pause(1);
  }
  const code = /"error":\{"code":"([^"]*)"/.exec(text)?.[1];
  return { status, head: firstLine, code };
}

async function dribble(socket: Socket, bytes: Buffer): Promise<void> {
  const step = Math.max(1, Math.ceil(bytes.length / DRIBBLE_WRITES));
  for (let at = 0; at < bytes.length && !socket.destroyed; at += step) {
    socket.write(bytes.subarray(at, at + step));
    await pause(DRIBBLE_GAP_MS);
  }
}
