import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Below the ephemeral range, above the well-known ports and this repo's defaults (6379, 9000...). */
const LOWEST = 20_000;

/**
 * A free port below the kernel's ephemeral range, for a server a test stops and starts again
 * on the same port (a private Redis, a restarted gateway): `listen(0)` and outgoing connections
 * never pick such a port, so nothing else on the machine takes it while the server is down
 * (with `listen(0)` another suite's server once did, and a service "published" to it).
 */
export async function reservedPort(): Promise<number> {
  const ephemeralLow = Number(
    readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(
      /\s+/,
    )[0],
  );
  const highest = Math.max(LOWEST + 1_000, ephemeralLow);
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = LOWEST + Math.floor(Math.random() * (highest - LOWEST));
    if (await portIsFree(port)) return port;
  }
  throw new Error(`no free port in ${LOWEST}..${highest}`);
}

/** Whether nothing listens on `port` of 127.0.0.1 right now. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
