import { waitUntil } from '@secfeed/test-kit';
import { WebSocket } from 'ws';
import { loadReplayDay } from './replay-day';
import { Simulator, startSimulator } from './start-simulator';

/** A client that records every frame it gets. */
function connect(
  url: string,
): Promise<{ ws: WebSocket; frames: Array<string | Buffer>; pings: number[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const client = {
      ws,
      frames: [] as Array<string | Buffer>,
      pings: [] as number[],
    };
    ws.on('message', (data: Buffer, isBinary) =>
      client.frames.push(isBinary ? data : data.toString('utf8')),
    );
    ws.on('ping', () => client.pings.push(Date.now()));
    ws.once('open', () => resolve(client));
    ws.once('error', reject);
  });
}

const accessions = (frames: Array<string | Buffer>): string[] =>
  frames
    .filter((f): f is string => typeof f === 'string')
    .flatMap((f) =>
      (JSON.parse(f) as Array<{ accessionNo: string }>).map(
        (x) => x.accessionNo,
      ),
    );

describe('startSimulator', () => {
  const day = loadReplayDay();
  let simulator: Simulator | undefined;
  const clients: WebSocket[] = [];

  afterEach(async () => {
    clients.splice(0).forEach((ws) => ws.terminate());
    await simulator?.close();
    simulator = undefined;
  });

  it('pushes the real day as JSON-array text frames, in acceptance order, from the first client on', async () => {
    simulator = await startSimulator({ rate: 0, batchSize: 7, limit: 100 });
    const client = await connect(simulator.url);
    clients.push(client.ws);
    await waitUntil(() => accessions(client.frames).length === 100);
    expect(
      client.frames.every((f) => typeof f === 'string' && f.startsWith('[')),
    ).toBe(true);
    expect(client.frames).toHaveLength(Math.ceil(100 / 7));
    expect(accessions(client.frames)).toEqual(
      day.slice(0, 100).map((f) => f.accessionNo),
    );
    expect(simulator.sent()).toEqual(accessions(client.frames));
  });

  it('refuses a client without the right API key', async () => {
    const sim = (simulator = await startSimulator({
      apiKey: 'k-123',
      rate: 0,
      limit: 1,
    }));
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${sim.url}?apiKey=wrong`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(401);
    const ok = await connect(`${simulator.url}?apiKey=k-123`);
    clients.push(ok.ws);
    await waitUntil(() => ok.frames.length === 1);
  });

  it('injects duplicates, malformed and binary frames on request', async () => {
    const sim = (simulator = await startSimulator({
      rate: 0,
      limit: 12,
      faults: { duplicateEvery: 3, malformedEvery: 4, binaryEvery: 6 },
    }));
    const client = await connect(simulator.url);
    clients.push(client.ws);
    await waitUntil(
      () =>
        sim.stats().filingsSent === 12 &&
        client.frames.length === 12 + 4 + 3 + 2,
    );
    const binary = client.frames.filter((f) => Buffer.isBuffer(f));
    expect(binary).toHaveLength(2);
    const text = client.frames.filter(
      (f): f is string => typeof f === 'string',
    );
    const parsed = text.map((f) => {
      try {
        return JSON.parse(f) as unknown;
      } catch {
        return 'not json';
      }
    });
    expect(parsed.filter((p) => p === 'not json')).toHaveLength(1);
    expect(
      parsed.filter((p) => p !== 'not json' && !Array.isArray(p)),
    ).toHaveLength(1);
    // The 12 filings, plus 4 sent twice, plus the valid filing inside the fourth malformed kind
    // when reached (only three kinds are reached in 12 frames).
    const sent = parsed.filter(Array.isArray).flat() as Array<{
      accessionNo: string;
    }>;
    const good = sent
      .filter((f) => /^\d{10}-\d{2}-\d{6}$/.test(f.accessionNo))
      .map((f) => f.accessionNo);
    expect(new Set(good)).toEqual(
      new Set(day.slice(0, 12).map((f) => f.accessionNo)),
    );
    expect(good).toHaveLength(16);
  });

  it('drops every client abruptly after N frames, and keeps feeding whoever reconnects', async () => {
    simulator = await startSimulator({
      rate: 200,
      limit: 40,
      faults: { disconnectAfterFrames: 5 },
    });
    const first = await connect(simulator.url);
    clients.push(first.ws);
    const closed = new Promise<number>((resolve) =>
      first.ws.once('close', (code) => resolve(code)),
    );
    expect(await closed).toBe(1006);
    expect(accessions(first.frames)).toHaveLength(5);
    const sim = simulator;
    await waitUntil(() => sim.stats().filingsSent >= 10);
    const missed = sim.stats().filingsSent;
    const second = await connect(sim.url);
    clients.push(second.ws);
    await waitUntil(
      () => accessions(second.frames).at(-1) === day[39].accessionNo,
    );
    // What was published while nobody listened is not replayed, as with the real Stream API.
    const firstSeen = day.findIndex(
      (f) => f.accessionNo === accessions(second.frames)[0],
    );
    expect(firstSeen).toBeGreaterThanOrEqual(missed);
  });

  it('pings every pingIntervalMs, and a freeze makes it half-open: no data, no ping, no pong', async () => {
    simulator = await startSimulator({ rate: 100, pingIntervalMs: 40 });
    const client = await connect(simulator.url);
    clients.push(client.ws);
    await waitUntil(() => client.pings.length >= 2);
    simulator.freeze();
    await new Promise((r) => setTimeout(r, 30)); // frames already in flight land
    const frames = client.frames.length;
    const pings = client.pings.length;
    let ponged = false;
    client.ws.once('pong', () => (ponged = true));
    client.ws.ping();
    await new Promise((r) => setTimeout(r, 200));
    expect(client.frames.length).toBe(frames);
    expect(client.pings.length).toBe(pings);
    expect(ponged).toBe(false);
    simulator.thaw();
    await waitUntil(() => ponged && client.frames.length > frames);
  });

  it('sends live acceptance times by default, and the day own times on request', async () => {
    const started = Date.now();
    simulator = await startSimulator({ rate: 0, limit: 3 });
    const live = await connect(simulator.url);
    clients.push(live.ws);
    await waitUntil(() => accessions(live.frames).length === 3);
    const times = (
      JSON.parse(live.frames[0] as string) as Array<{ filedAt: string }>
    ).map((f) => f.filedAt);
    expect(times[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[45]:00$/);
    expect(Math.abs(Date.parse(times[0]) - started)).toBeLessThan(60_000);
    await simulator.close();

    simulator = await startSimulator({ rate: 0, limit: 1, liveTimes: false });
    const original = await connect(simulator.url);
    clients.push(original.ws);
    await waitUntil(() => original.frames.length === 1);
    expect(
      (
        JSON.parse(original.frames[0] as string) as Array<{ filedAt: string }>
      )[0].filedAt,
    ).toBe(day[0].filedAt);
  });

  it('answers Query API range requests from what it sent, paged, with the API key', async () => {
    const sim = (simulator = await startSimulator({
      apiKey: 'k-9',
      rate: 0,
      limit: 60,
    }));
    const client = await connect(`${sim.url}?apiKey=k-9`);
    clients.push(client.ws);
    await waitUntil(() => accessions(client.frames).length === 60);
    const ask = (body: unknown, key = 'k-9') =>
      fetch(sim.queryApiUrl, {
        method: 'POST',
        headers: { authorization: key },
        body: JSON.stringify(body),
      });
    const page = async (from: number) =>
      (await (
        await ask({
          query: 'filedAt:["2000-01-01T00:00:00-05:00" TO *]',
          from: String(from),
          size: '50',
        })
      ).json()) as {
        total: { value: number };
        filings: Array<{ accessionNo: string }>;
      };
    const [first, second] = [await page(0), await page(50)];
    expect(first.total.value).toBe(60);
    expect(
      [...first.filings, ...second.filings].map((f) => f.accessionNo),
    ).toEqual(sim.sent());
    expect((await ask({ query: 'ticker:AAPL' })).status).toBe(400);
    expect(
      (await ask({ query: 'filedAt:[2000-01-01 TO *]' }, 'wrong')).status,
    ).toBe(401);
  });

  it('validates its options, naming the bad one', async () => {
    await expect(startSimulator({ batchSize: 0 })).rejects.toThrow(/batchSize/);
    await expect(startSimulator({ rate: -1 })).rejects.toThrow(/rate/);
  });
});
