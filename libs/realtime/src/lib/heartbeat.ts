/** Timing of the {@link Heartbeat}, from the gateway configuration. */
export interface HeartbeatOptions {
  readonly pingIntervalMs: number;
  readonly pongTimeoutMs: number;
}

/** What the heartbeat needs of a client session. */
export interface Pingable {
  /** Pings for `round` unless gone or the previous ping is unanswered; whether it pinged. */
  ping(round: number): boolean;
  /** Whether the client, still connected, left the ping of `round` unanswered. */
  missedPing(round: number): boolean;
  /** The client answered. */
  pong(): void;
}

/** The heartbeat pings a slice of the clients this often, at most (the interval / slices). */
export const HEARTBEAT_SLICE_MS = 250;

/**
 * Pings every client once each `pingIntervalMs` and reports those that have not answered
 * `pongTimeoutMs` after their ping, so dead TCP links (a laptop closed, a NAT that forgot the
 * flow) are found and freed. A client whose previous ping is still unanswered is not pinged
 * again.
 *
 * The pings of a round are spread over its interval in slices, one every
 * {@link HEARTBEAT_SLICE_MS} (100 slices at the default 25 s): 10,000 pings in one tick are
 * 10,000 writes, and 10,000 pongs to read right after, which held the filings of that moment
 * back by a tenth of a second. One timer paces the slices and one check timer per slice
 * serves its clients, rather than a timer per client. The clients of a round are those
 * connected when it starts; a client connecting later is pinged from the next round on.
 *
 * @example
 * ```ts
 * const heartbeat = new Heartbeat(() => sessions, config, (s) => s.ws.terminate());
 * ws.on('pong', () => heartbeat.pong(session));
 * ```
 */
export class Heartbeat<T extends Pingable> {
  private round = 0;
  /** The clients of this round not pinged yet, the next slice first. */
  private queue: T[] = [];
  private next = 0;
  private timer?: NodeJS.Timeout;
  private readonly checks = new Set<NodeJS.Timeout>();
  private readonly slices: number;
  private readonly sliceMs: number;

  constructor(
    private readonly sessions: () => Iterable<T>,
    private readonly options: HeartbeatOptions,
    private readonly onDead: (session: T) => void,
  ) {
    this.slices = Math.max(
      1,
      Math.floor(options.pingIntervalMs / HEARTBEAT_SLICE_MS),
    );
    this.sliceMs = options.pingIntervalMs / this.slices;
  }

  /** Starts pinging; the first round starts one slice from now. Idempotent. */
  start(): void {
    this.timer ??= setInterval(() => this.slice(), this.sliceMs);
  }

  /** A client answered. */
  pong(session: T): void {
    session.pong();
  }

  /** Stops pinging and checking. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.queue = [];
    this.next = 0;
    for (const check of this.checks) clearTimeout(check);
    this.checks.clear();
  }

  /** Pings the next slice of this round's clients; a new round starts after the last slice. */
  private slice(): void {
    if (this.next >= this.queue.length) {
      this.round += 1;
      this.queue = [...this.sessions()];
      this.next = 0;
    }
    const round = this.round;
    const size = Math.ceil(this.queue.length / this.slices);
    const end = Math.min(this.queue.length, this.next + size);
    const pinged: T[] = [];
    for (; this.next < end; this.next += 1) {
      const session = this.queue[this.next];
      if (session.ping(round)) pinged.push(session);
    }
    if (this.next >= this.queue.length) this.queue = [];
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
