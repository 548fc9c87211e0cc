import { Heartbeat, HEARTBEAT_SLICE_MS, type Pingable } from './heartbeat';

/** A client that answers its pings when `answers` is true, and records each round it was pinged. */
class FakeClient implements Pingable {
  readonly pings: Array<{ round: number; at: number }> = [];
  private unanswered?: number;
  constructor(public answers = true) {}
  ping(round: number): boolean {
    if (this.unanswered !== undefined) return false;
    this.pings.push({ round, at: Date.now() });
    if (this.answers) this.pong();
    else this.unanswered = round;
    return true;
  }
  missedPing(round: number): boolean {
    return this.unanswered === round;
  }
  pong(): void {
    this.unanswered = undefined;
  }
}

describe('Heartbeat', () => {
  const options = { pingIntervalMs: 25_000, pongTimeoutMs: 10_000 };
  let clients: FakeClient[];
  let dead: FakeClient[];
  let heartbeat: Heartbeat<FakeClient>;

  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
    clients = Array.from({ length: 1000 }, () => new FakeClient());
    dead = [];
    heartbeat = new Heartbeat(
      () => clients,
      options,
      (client) => dead.push(client),
    );
  });
  afterEach(() => {
    heartbeat.stop();
    jest.useRealTimers();
  });

  it('pings every client once per interval, spread over it in slices', () => {
    heartbeat.start();
    let most = 0;
    let pinged = 0;
    for (let t = 0; t < options.pingIntervalMs; t += HEARTBEAT_SLICE_MS) {
      jest.advanceTimersByTime(HEARTBEAT_SLICE_MS);
      const now = clients.reduce((n, c) => n + c.pings.length, 0);
      most = Math.max(most, now - pinged);
      pinged = now;
    }
    // 100 slices of 25 s: 10 of the 1,000 clients per slice, never all at once.
    expect(most).toBe(10);
    expect(clients.every((c) => c.pings.length === 1)).toBe(true);
    expect(new Set(clients.map((c) => c.pings[0].round))).toEqual(new Set([1]));
    // The next interval pings each once more, in round 2.
    jest.advanceTimersByTime(options.pingIntervalMs);
    expect(clients.every((c) => c.pings.length === 2)).toBe(true);
    expect(clients.every((c) => c.pings[1].round === 2)).toBe(true);
    expect(dead).toEqual([]);
  });

  it('reports a client that has not answered pongTimeoutMs after its own ping, once', () => {
    const silent = new FakeClient(false);
    clients[500] = silent;
    heartbeat.start();
    while (silent.pings.length === 0)
      jest.advanceTimersByTime(HEARTBEAT_SLICE_MS);
    const pingedAt = silent.pings[0].at;
    // Its slice, the 51st of 100: clients 500 to 509.
    expect(pingedAt).toBe(51 * HEARTBEAT_SLICE_MS);
    jest.advanceTimersByTime(pingedAt + options.pongTimeoutMs - Date.now() - 1);
    expect(dead).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(dead).toEqual([silent]);
    // Not pinged again while its ping is unanswered, nor reported twice.
    jest.advanceTimersByTime(3 * options.pingIntervalMs);
    expect(silent.pings).toHaveLength(1);
    expect(dead).toEqual([silent]);
  });

  it('pings a client that connects during a round from the next round on', () => {
    heartbeat.start();
    jest.advanceTimersByTime(options.pingIntervalMs / 2);
    const late = new FakeClient();
    clients.push(late);
    jest.advanceTimersByTime(options.pingIntervalMs / 2);
    expect(late.pings).toEqual([]);
    jest.advanceTimersByTime(options.pingIntervalMs);
    expect(late.pings.map((p) => p.round)).toEqual([2]);
  });

  it('pings everyone in one slice when the interval is shorter than a slice', () => {
    heartbeat = new Heartbeat(
      () => clients,
      { pingIntervalMs: 100, pongTimeoutMs: 100 },
      (client) => dead.push(client),
    );
    heartbeat.start();
    jest.advanceTimersByTime(100);
    expect(clients.every((c) => c.pings.length === 1)).toBe(true);
  });

  it('stops pinging and checking', () => {
    clients[0] = new FakeClient(false);
    heartbeat.start();
    jest.advanceTimersByTime(HEARTBEAT_SLICE_MS);
    heartbeat.stop();
    jest.advanceTimersByTime(10 * options.pingIntervalMs);
    expect(dead).toEqual([]);
    expect(jest.getTimerCount()).toBe(0);
  });
});
