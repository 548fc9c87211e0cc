import type { ClientSession } from './client-session';

/** Timing of the {@link Heartbeat}, from the gateway configuration. */
export interface HeartbeatOptions {
  readonly pingIntervalMs: number;
  readonly pongTimeoutMs: number;
}

/**
 * Pings every client each `pingIntervalMs` and reports those that have not answered
 * `pongTimeoutMs` later, so dead TCP links (a laptop closed, a NAT that forgot the flow) are
 * found and freed. One interval and one check timer per round serve every client, rather than
 * a timer per client. A client whose previous ping is still unanswered is not pinged again.
 *
 * @example
 * ```ts
 * const heartbeat = new Heartbeat(() => sessions, config, (s) => s.ws.terminate());
 * ws.on('pong', () => heartbeat.pong(session));
 * ```
 */
export class Heartbeat {
  private round = 0;
  private interval?: NodeJS.Timeout;
  private readonly checks = new Set<NodeJS.Timeout>();

  constructor(
    private readonly sessions: () => Iterable<ClientSession>,
    private readonly options: HeartbeatOptions,
    private readonly onDead: (session: ClientSession) => void,
  ) {}

  /** Starts pinging; idempotent. */
  start(): void {
    this.interval ??= setInterval(
      () => this.tick(),
      this.options.pingIntervalMs,
    );
  }

  /** A client answered. */
  pong(session: ClientSession): void {
    session.pong();
  }

  /** Stops pinging and checking. */
  stop(): void {
    clearInterval(this.interval);
    this.interval = undefined;
    for (const check of this.checks) clearTimeout(check);
    this.checks.clear();
  }

  private tick(): void {
    const round = (this.round += 1);
    const pinged: ClientSession[] = [];
    for (const session of this.sessions()) {
      if (session.ping(round)) pinged.push(session);
    }
    if (pinged.length === 0) return;
    const check = setTimeout(() => {
      this.checks.delete(check);
      for (const session of pinged) {
        if (session.missedPing(round)) this.onDead(session);
      }
    }, this.options.pongTimeoutMs);
    this.checks.add(check);
  }
}
