// After a restart the first poll pages back to the newest filing already stored, over real HTTP.
import { edgarSource } from './edgar-source';
import type { EdgarSourceOptions } from './edgar-source-options';
import { atomFeed, generatedEntries } from './test-support/atom-feed';
import { eventually, EventRecorder } from './test-support/event-recorder';
import { FeedServer, type ReceivedRequest } from './test-support/feed-server';

const userAgent = 'Secfeed Tests tests@secfeed.example';
// Entry n was accepted n seconds before entry 0, the newest; page `start` lists start..start+9.
const entries = generatedEntries(300);
const feed = (request: ReceivedRequest) => {
  const start = Number(request.url.searchParams.get('start'));
  return FeedServer.atom(atomFeed(entries.slice(start, start + 10)));
};
const accession = (n: number) => entries[n].accessionNo;

describe('edgarSource after a restart', () => {
  let server: FeedServer | undefined;
  let recorder: EventRecorder | undefined;

  afterEach(async () => {
    recorder?.stop();
    await server?.close();
  });

  async function firstPoll(options: Partial<EdgarSourceOptions>) {
    const started = (server = await FeedServer.start(feed));
    const events = (recorder = new EventRecorder(
      edgarSource({
        userAgent,
        feedUrl: started.feedUrl,
        pageSize: 10,
        // One poll only within the test: the next is far away.
        pollIntervalMs: 60_000,
        maxRequestsPerSecond: 10,
        ...options,
      }),
    ));
    await events.until(() => events.filings.length > 0);
    return {
      server: started,
      recorder: events,
      starts: started.requests.map((r) => r.url.searchParams.get('start')),
      filings: events.filings.map((f) => f.accessionNo),
    };
  }

  it('pages back with start until a page reaches the newest filing in Redis', async () => {
    // Redis holds entry 35 and older: entries 0..34 came while the service was down.
    const { starts, filings } = await firstPoll({
      lastFiledAt: async () => entries[35].updated,
    });
    expect(starts).toEqual(['0', '10', '20', '30']);
    for (let n = 0; n < 35; n++) expect(filings).toContain(accession(n));
    // Everything the pages listed, oldest acceptance first; dedup absorbs 35..39.
    expect(filings).toHaveLength(40);
    expect(filings[0]).toBe(accession(39));
  });

  it('reads one page when Redis has nothing yet or cannot answer', async () => {
    const empty = await firstPoll({ lastFiledAt: async () => undefined });
    expect(empty.starts).toEqual(['0']);
    expect(empty.filings).toHaveLength(10);
    recorder?.stop();
    await server?.close();
    const down = await firstPoll({
      lastFiledAt: () => Promise.reject(new Error('Redis down')),
    });
    expect(down.starts).toEqual(['0']);
  });

  it('stops at maxRecoveryPages and says so when the stored filing is older than it reaches', async () => {
    const poll = await firstPoll({
      lastFiledAt: async () => entries[299].updated,
      maxRecoveryPages: 5,
    });
    await eventually(() =>
      poll.recorder
        .ofKind('error')
        .some((e) => e.code === 'EDGAR_RECOVERY_INCOMPLETE'),
    );
    expect(
      poll.server.requests.map((r) => r.url.searchParams.get('start')),
    ).toEqual(['0', '10', '20', '30', '40']);
    expect(poll.recorder.filings).toHaveLength(50);
  });
});
