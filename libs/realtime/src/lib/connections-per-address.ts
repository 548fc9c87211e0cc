import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';

/**
 * Open WebSockets per client address, for `GATEWAY_MAX_CONNECTIONS_PER_IP`: one address must
 * not take every connection slot. An address leaves the map with its last connection.
 */
export class ConnectionsPerAddress {
  private readonly counts = new Map<string, number>();

  /** Open connections from `address`. */
  count(address: string): number {
    return this.counts.get(address) ?? 0;
  }

  /** Counts `ws` under `address` until it closes. */
  track(address: string, ws: WebSocket): void {
    this.counts.set(address, this.count(address) + 1);
    ws.once('close', () => {
      const left = this.count(address) - 1;
      if (left > 0) this.counts.set(address, left);
      else this.counts.delete(address);
    });
  }
}

/**
 * The address a request came from, as the gateway's socket sees it (an IPv4 client on a dual
 * stack socket written as plain IPv4). Behind a load balancer, this is the balancer's.
 */
export function clientAddress(req: Pick<IncomingMessage, 'socket'>): string {
  const address = req.socket.remoteAddress ?? 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
