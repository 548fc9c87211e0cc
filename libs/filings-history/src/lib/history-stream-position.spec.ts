import {
  HistoryTest,
  HistoryTestServer,
  openHistoryTest,
  TestRedis,
} from './test-support/history-test-server';
import {
  buildFilings,
  listingOrder,
  publishFilings,
} from './test-support/seed-filings';
import type { PageBody } from './test-support/walk-pages';

let history: HistoryTest;
let redis: TestRedis;
let server: HistoryTestServer;

beforeEach(async () => {
  history = await openHistoryTest('history-position');
  ({ redis, server } = history);
});

afterEach(() => history?.close());

async function streamIds(start: string, end: string): Promise<string[]> {
  const entries = await redis.client.xRange(redis.keys.stream, start, end);
  return entries.map((entry) => entry.id);
}

describe('Stream-Position on the newest page', () => {
  it('is 0-0 while nothing was ever published', async () => {
    const reply = await server.request('/api/filings');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('stream-position')).toBe('0-0');
  });

  it('names the newest stream entry on the newest page, and is absent on older pages', async () => {
    await publishFilings(redis.client, redis.keys, buildFilings(120));
    const [newest] = await redis.client.xRevRange(redis.keys.stream, '+', '-', {
      COUNT: 1,
    });
    const first = await server.request('/api/filings?limit=10');
    expect(first.headers.get('stream-position')).toBe(newest.id);
    const next = (first.body as PageBody).next;
    expect(next).not.toBeNull();
    const older = await server.request(`/api/filings?limit=10&cursor=${next}`);
    expect(older.status).toBe(200);
    expect(older.headers.has('stream-position')).toBe(false);
  });

  it('splits the store exactly: everything up to it was listed, everything after it comes by since, whatever its filedAt', async () => {
    // The newest 60 by filedAt are published first; the 60 older ones arrive after the page
    // was read, as a gap backfill would bring them: published later, filed earlier.
    const all = buildFilings(120);
    const byFiledAt = [...all].sort((a, b) => b.filedAtMs - a.filedAtMs);
    const early = await publishFilings(
      redis.client,
      redis.keys,
      byFiledAt.slice(0, 60),
    );
    const reply = await server.request('/api/filings?limit=50');
    const position = reply.headers.get('stream-position') ?? '';
    const late = await publishFilings(
      redis.client,
      redis.keys,
      byFiledAt.slice(60),
      12,
    );

    // The page is the newest 50 of what was there when it was read...
    expect((reply.body as PageBody).filings.map((f) => f.accessionNo)).toEqual(
      listingOrder(early)
        .slice(0, 50)
        .map((seeded) => seeded.filing.accessionNo),
    );
    // ...the position splits the stream exactly between the two batches...
    const earlyIds = await streamIds('-', position);
    const lateIds = await streamIds(`(${position}`, '+');
    expect(earlyIds).toHaveLength(60);
    expect(lateIds).toHaveLength(60);
    const lateAccessions = new Set(late.map((s) => s.filing.accessionNo));
    // ...and the late filings would not be on the newest page read again now: only `since`
    // brings them to a client that already has the page.
    const again = await server.request('/api/filings?limit=50');
    const listedAgain = (again.body as PageBody).filings.map(
      (f) => f.accessionNo,
    );
    expect(listedAgain.filter((id) => lateAccessions.has(id))).toEqual([]);
  });
});
