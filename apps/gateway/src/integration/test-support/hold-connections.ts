// Opens TCP connections to a server until it has no descriptor left: past that point the
// server's accept fails (EMFILE) and libuv closes each new connection at once.
import type { Socket } from 'node:net';
import { openSocket } from './raw-http';

/** How long a new connection must stay open to count as accepted and held. */
const SETTLE_MS = 150;

/**
 * Opens connections to `port` in batches of `batch` until some are closed by the server
 * without a word (it is out of descriptors), or `max` are held. Resolves with the held ones
 * (open, idle) and whether the server ran out.
 */
export async function holdConnections(
  port: number,
  { batch = 20, max = 5000 } = {},
): Promise<{ held: Socket[]; exhausted: boolean }> {
  const held: Socket[] = [];
  while (held.length < max) {
    const opened = await Promise.all(
      Array.from({ length: batch }, () =>
        openSocket(port).then(
          (socket) => {
            socket.on('error', () => undefined);
            return socket;
          },
          () => undefined,
        ),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const alive = opened.filter(
      (s): s is Socket => s !== undefined && !s.destroyed && s.readable,
    );
    held.push(...alive);
    if (alive.length < batch) {
      opened.forEach((s) => s && !alive.includes(s) && s.destroy());
      return { held, exhausted: true };
    }
  }
  return { held, exhausted: false };
}
