import type { AccessPolicy } from '@secfeed/access-control';

/**
 * The settings the real-time gateway reads: who may connect, how many, and each client's
 * bounds. The gateway's own configuration (environment variables, their parsing and checks)
 * satisfies it; {@link REALTIME_DEFAULTS} holds the value of each when nothing sets it.
 */
export interface RealtimeConfig extends AccessPolicy {
  /** Open WebSockets in this process; the next upgrade is refused with 503. */
  readonly maxConnections: number;
  /** Open WebSockets one client address may have; 0: no cap (behind a load balancer). */
  readonly maxConnectionsPerIp: number;
  /** Unsent bytes a client may have before it is closed as a slow consumer. */
  readonly sendBufferBytes: number;
  /** Largest client frame accepted. */
  readonly maxPayloadBytes: number;
  readonly pingIntervalMs: number;
  /** A client that has not answered a ping this long after it is terminated. */
  readonly pongTimeoutMs: number;
  /** Client messages per second, sustained; bursts up to twice that. */
  readonly messageRate: number;
}

/**
 * Each real-time setting's default, in one place: the gateway's configuration falls back to
 * these when its environment variable is unset (docs/gateway.md), and the specs start from them.
 * No `authSecret` and an empty `allowedOrigins`: anyone may connect, from any origin.
 */
export const REALTIME_DEFAULTS: RealtimeConfig = {
  allowedOrigins: [],
  maxConnections: 20_000,
  maxConnectionsPerIp: 1000,
  sendBufferBytes: 1 << 20,
  maxPayloadBytes: 16 * 1024,
  pingIntervalMs: 25_000,
  pongTimeoutMs: 10_000,
  messageRate: 10,
};
