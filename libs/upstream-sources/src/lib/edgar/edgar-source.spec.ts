import type { Filing } from '@secfeed/filing-model';
import { Subject } from 'rxjs';
import { edgarSource } from './edgar-source';
import type { EdgarSourceOptions } from './edgar-source-options';
import {
  atomEntry,
  atomFeed,
  fixtureFeedBytes,
  generatedEntries,
  realTickers,
  type TestEntry,
} from './test-support/atom-feed';
import {
  eventually,
  EventRecorder,
  sleep,
} from './test-support/event-recorder';
import {
  FeedServer,
  type FeedReply,
  type ReceivedRequest,
} from './test-support/feed-server';
import { TrackingScheduler } from './test-support/tracking-scheduler';

const userAgent = 'Secfeed Tests tests@secfeed.example';
const fixture: FeedReply = {
  body: fixtureFeedBytes(),
  contentType: 'application/atom+xml; charset=ISO-8859-1',
};

describe('edgarSource (real HTTP)', () => {
  let server: FeedServer | undefined;
  let recorder: EventRecorder | undefined;

  afterEach(async () => {
    recorder?.stop();
    recorder = undefined;
    await server?.close();
    server = undefined;
  });

  async function run(
    reply: (request: ReceivedRequest, index: number) => FeedReply,
    options: Partial<EdgarSourceOptions> = {},
  ): Promise<{ server: FeedServer; recorder: EventRecorder }> {
    server = await FeedServer.start(reply);
    recorder = new EventRecorder(
      edgarSource({
        userAgent,
        feedUrl: server.feedUrl,
        pollIntervalMs: 20,
        maxRequestsPerSecond: 10,
        ...options,
      }),
    );
    return { server, recorder };
  }

  it('turns all 40 entries of the real feed into filings, every field right', async () => {
    const { recorder } = await run(() => fixture, { tickers: realTickers() });
    await recorder.until(() => recorder.filings.length > 0);
    expect(recorder.events[0]).toEqual({
      kind: 'state',
      upstream: { state: 'polling' },
    });
    const filings = recorder.filings;
    // 40 entries, 32 accession numbers: three filings are listed under several co-registrants.
    expect(filings).toHaveLength(32);
    expect(new Set(filings.map((f) => f.accessionNo)).size).toBe(32);
    expect(filings.flatMap((f) => f.entities)).toHaveLength(40);
    const duke = filings.find((f) => f.accessionNo === '0001326160-16-000221');
    expect(duke?.cik).toBe('1326160');
    expect(duke?.companyName).toBe('Duke Energy CORP');
    expect(duke?.ticker).toBe('DUK');
    expect(duke?.entities).toHaveLength(7);
    expect(duke?.entities[1]).toEqual({
      companyName: 'PROGRESS ENERGY INC (Filer)',
      cik: '1094093',
    });
    // Oldest acceptance first: Benefitfocus (17:05:40) is the last entry of the feed.
    expect(filings[0].companyName).toBe('Benefitfocus,Inc.');
    const bbt = filings.find((f) => f.accessionNo === '0000092230-16-000125');
    expect(bbt).toMatchObject({
      accessionNo: '0000092230-16-000125',
      cik: '92230',
      ticker: 'TFC',
      companyName: 'BB&T CORP',
      companyNameLong: 'BB&T CORP (Filer)',
      formType: '10-K',
      description: 'Form 10-K',
      filedAt: '2016-02-25T17:25:57-05:00',
      filedAtMs: Date.parse('2016-02-25T22:25:57Z'),
      linkToHtml:
        'http://www.sec.gov/Archives/edgar/data/92230/000009223016000125/0000092230-16-000125-index.htm',
      linkToFilingDetails:
        'http://www.sec.gov/Archives/edgar/data/92230/000009223016000125/0000092230-16-000125-index.htm',
      linkToTxt:
        'https://www.sec.gov/Archives/edgar/data/92230/0000092230-16-000125.txt',
      entities: [{ companyName: 'BB&T CORP (Filer)', cik: '92230' }],
      source: 'edgar',
    });
    const tesoro = filings.find(
      (f) => f.accessionNo === '0000050104-16-000055',
    );
    expect(tesoro).toMatchObject({
      cik: '50104',
      ticker: '', // delisted since: not in the 2025 map
      companyName: 'TESORO CORP /NEW/',
      filedAt: '2016-02-25T17:29:49-05:00',
      linkToTxt:
        'https://www.sec.gov/Archives/edgar/data/50104/0000050104-16-000055.txt',
    });
    expect(filings.find((f) => f.cik === '1097149')?.ticker).toBe('ALGN');
    expect(filings.find((f) => f.cik === '1373715')?.ticker).toBe('NOW');
    expect(Date.parse(filings[0].receivedAt)).not.toBeNaN();
  });

  it('sends the User-Agent exactly and asks for one page of every form type', async () => {
    const { server } = await run(() => fixture);
    await eventually(() => server.requests.length > 0);
    const [request] = server.requests;
    expect(request.headers['user-agent']).toBe(userAgent);
    expect(`${request.url.pathname}${request.url.search}`).toBe(
      '/cgi-bin/browse-edgar?action=getcurrent&type=&company=&dateb=&owner=include&start=0&count=100&output=atom',
    );
  });

  it('takes a token of the shared fair-access budget before every request, and polls on when the budget cannot be read', async () => {
    const taken: number[] = [];
    let fail = false;
    const { server: feed } = await run(() => fixture, {
      takeToken: async () => {
        taken.push(server?.requests.length ?? -1);
        if (fail) throw new Error('Redis unavailable');
      },
    });
    await eventually(() => feed.requests.length >= 3);
    // Each token is taken before its request: the i-th token sees i-1 requests made.
    expect(taken.slice(0, 3)).toEqual([0, 1, 2]);
    fail = true;
    const before = feed.requests.length;
    await eventually(() => feed.requests.length >= before + 2);
  });

  it('emits nothing new when the next polls see the same feed', async () => {
    const { server, recorder } = await run(() => fixture);
    await eventually(() => server.requests.length >= 3);
    expect(recorder.ofKind('filings')).toHaveLength(1);
    expect(recorder.filings).toHaveLength(32);
    expect(recorder.ofKind('error')).toEqual([]);
  });

  it('merges the issuer and reporting-owner entries of one Form 4', async () => {
    const form4 = {
      form: '4',
      accessionNo: '0001127602-25-026455',
      updated: '2025-11-03T16:02:11-05:00',
    };
    const owner = {
      ...form4,
      name: 'COOK TIMOTHY D',
      cik: '0001214156',
      role: 'Reporting',
    };
    const issuer = {
      ...form4,
      name: 'Apple Inc.',
      cik: '0000320193',
      role: 'Issuer',
    };
    const { recorder } = await run(
      () => FeedServer.atom(atomFeed([owner, issuer])),
      {
        tickers: { '320193': 'AAPL' },
      },
    );
    await recorder.until(() => recorder.filings.length > 0);
    expect(recorder.filings).toHaveLength(1);
    expect(recorder.filings[0]).toMatchObject({
      accessionNo: '0001127602-25-026455',
      cik: '320193',
      ticker: 'AAPL',
      companyName: 'Apple Inc.',
      formType: '4',
      entities: [
        { companyName: 'COOK TIMOTHY D (Reporting)', cik: '1214156' },
        { companyName: 'Apple Inc. (Issuer)', cik: '320193' },
      ],
    });
  });

  it('decodes an ISO-8859-1 feed', async () => {
    const entry: TestEntry = {
      form: '6-K',
      name: 'SOCIÉTÉ GÉNÉRALE',
      cik: '0001238766',
      role: 'Filer',
      accessionNo: '0001238766-25-000012',
      updated: '2025-11-03T16:30:00-05:00',
    };
    const { recorder } = await run(() => FeedServer.atom(atomFeed([entry])));
    await recorder.until(() => recorder.filings.length > 0);
    expect(recorder.filings[0].companyName).toBe('SOCIÉTÉ GÉNÉRALE');
  });

  it('pages with start=100 while a whole page is unseen, and stops at a seen entry', async () => {
    const older = generatedEntries(100, 100);
    const newer = generatedEntries(100, 0);
    const { server, recorder } = await run((request, index) => {
      const start = request.url.searchParams.get('start');
      if (index === 0) return FeedServer.atom(atomFeed(older)); // the first poll: 1 page only
      return FeedServer.atom(atomFeed(start === '0' ? newer : older));
    });
    await eventually(() => server.requests.length >= 4);
    const starts = server.requests.map((r) => r.url.searchParams.get('start'));
    expect(starts.slice(0, 4)).toEqual(['0', '0', '100', '0']);
    expect(
      recorder
        .ofKind('filings')
        .map((e) => e.filings.length)
        .slice(0, 2),
    ).toEqual([100, 100]);
    expect(recorder.filings).toHaveLength(200);
    // The page request went through the rate gate: 10/s means 100 ms apart at least.
    expect(
      server.requests[2].at - server.requests[1].at,
    ).toBeGreaterThanOrEqual(80); // network jitter aside
  });

  it('never fetches more than maxPagesPerPoll pages in one poll', async () => {
    let poll = 0;
    const { server } = await run(
      (request) => {
        const start = Number(request.url.searchParams.get('start'));
        if (start === 0) poll += 1;
        return FeedServer.atom(
          atomFeed(generatedEntries(10, poll * 1000 + start)),
        );
      },
      { pageSize: 10, maxPagesPerPoll: 3 },
    );
    await eventually(() => server.requests.length >= 7);
    const starts = server.requests.map((r) => r.url.searchParams.get('start'));
    expect(starts.slice(0, 7)).toEqual(['0', '0', '10', '20', '0', '10', '20']);
  });

  it('rejects a bad entry and still delivers the good ones', async () => {
    const [good] = generatedEntries(1);
    const bad = atomEntry({
      ...good,
      accessionNo: 'not-an-accession',
      name: 'BAD CO',
    });
    const unreadable = '<entry><title>no structure here</title></entry>';
    const { server, recorder } = await run(() =>
      FeedServer.atom(atomFeed([bad, good, unreadable])),
    );
    await recorder.until(() => recorder.ofKind('rejects').length > 0);
    await eventually(() => server.requests.length >= 3);
    expect(recorder.filings.map((f) => f.accessionNo)).toEqual([
      good.accessionNo,
    ]);
    const rejects = recorder.ofKind('rejects');
    expect(rejects).toHaveLength(1); // reported once, not at every poll
    expect(rejects[0].rejects.map((r) => [r.code, r.source])).toEqual([
      ['EDGAR_ENTRY_INVALID', 'edgar'],
      ['EDGAR_ENTRY_INVALID', 'edgar'],
    ]);
    expect(rejects[0].rejects[1].reasons).toEqual([
      { field: 'accessionNo', reason: expect.any(String) },
    ]);
  });

  it('reports invalid XML as EDGAR_FEED_INVALID and polls on', async () => {
    const { recorder } = await run((_, index) =>
      index === 0
        ? { body: '<html><body>Oops<br></body>' }
        : FeedServer.atom(atomFeed(generatedEntries(2))),
    );
    await recorder.until(() => recorder.filings.length === 2);
    expect(recorder.ofKind('error')).toEqual([
      {
        kind: 'error',
        code: 'EDGAR_FEED_INVALID',
        message: expect.stringContaining('XML'),
      },
    ]);
  });

  it('reports HTTP 500 as EDGAR_HTTP_500, backs off, and recovers', async () => {
    const { recorder } = await run((_, index) =>
      index === 0
        ? { status: 500, body: 'boom', contentType: 'text/plain' }
        : fixture,
    );
    await recorder.until(() => recorder.filings.length === 32);
    expect(
      recorder.events.map((e) =>
        e.kind === 'state' ? e.upstream.state : e.kind,
      ),
    ).toEqual(['polling', 'error', 'retry', 'filings', 'polling']);
    expect(recorder.ofKind('error')[0]).toMatchObject({
      code: 'EDGAR_HTTP_500',
    });
    expect(recorder.events[2]).toEqual({
      kind: 'state',
      upstream: { state: 'retry', attempt: 1, delayMs: 20 },
    });
  });

  it('slows down hard on 429', async () => {
    const { server, recorder } = await run(() => ({
      status: 429,
      body: '',
      headers: { 'Retry-After': '90' },
    }));
    await recorder.until(() => recorder.ofKind('state').length >= 2);
    expect(recorder.ofKind('error')[0].code).toBe('EDGAR_HTTP_429');
    expect(recorder.events[2]).toEqual({
      kind: 'state',
      upstream: { state: 'retry', attempt: 1, delayMs: 90_000 },
    });
    await sleep(100);
    expect(server.requests).toHaveLength(1);
  });

  it('reports an unreachable EDGAR as EDGAR_UNREACHABLE with backoff', async () => {
    const { server: closed } = await run(() => fixture);
    recorder?.stop();
    await closed.close();
    server = undefined;
    recorder = new EventRecorder(
      edgarSource({ userAgent, feedUrl: closed.feedUrl, pollIntervalMs: 20 }),
    );
    const current = recorder;
    await current.until(() => current.ofKind('error').length >= 2);
    expect(current.ofKind('error')[0]).toEqual({
      kind: 'error',
      code: 'EDGAR_UNREACHABLE',
      message: expect.stringContaining('ECONNREFUSED'),
    });
    expect(
      current
        .ofKind('state')
        .slice(1, 3)
        .map((e) => e.upstream),
    ).toEqual([
      { state: 'retry', attempt: 1, delayMs: expect.any(Number) },
      { state: 'retry', attempt: 2, delayMs: expect.any(Number) },
    ]);
  });

  it('gives up on a request after requestTimeoutMs', async () => {
    const { recorder } = await run(() => 'hang', { requestTimeoutMs: 50 });
    await recorder.until(() => recorder.ofKind('error').length > 0);
    expect(recorder.ofKind('error')[0]).toEqual({
      kind: 'error',
      code: 'EDGAR_UNREACHABLE',
      message: 'no answer within 50 ms',
    });
  });

  it('aborts the request in flight on unsubscribe and leaves no timers', async () => {
    const scheduler = new TrackingScheduler();
    const timers = () =>
      process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const { server, recorder: current } = await run(() => 'hang', {
      scheduler,
    });
    await eventually(() => server.requests.length === 1);
    expect(scheduler.pending).toBe(1); // the request's deadline
    current.stop();
    await eventually(() => server.requests[0].aborted);
    expect(scheduler.pending).toBe(0);
    // Process-wide too; undici may hold a timer of its own for a moment after the abort.
    await eventually(() => timers() <= before);
    await sleep(60);
    expect(server.requests).toHaveLength(1);
  });

  describe('filings the consumer dropped', () => {
    // A feed of generated filings whose newest is number `top`; page `start` lists top+start...
    let top = 50;
    const page = (request: ReceivedRequest): FeedReply => {
      const start = Number(request.url.searchParams.get('start'));
      return FeedServer.atom(atomFeed(generatedEntries(10, top + start)));
    };
    const starts = (requests: readonly ReceivedRequest[]) =>
      requests.map((r) => r.url.searchParams.get('start'));
    const accessions = (filings: readonly Filing[]) =>
      filings.map((f) => f.accessionNo);

    beforeEach(() => {
      top = 50;
    });

    it('pages back to the oldest of them once settled, and emits them again', async () => {
      const dropped = new Subject<readonly Filing[]>();
      let settle: (ok: boolean) => void = () => undefined;
      const { server, recorder } = await run(page, {
        pageSize: 10,
        dropped,
        settled: () => new Promise((resolve) => (settle = resolve)),
      });
      await recorder.until(() => recorder.filings.length === 10);
      const first = recorder.filings; // numbers 59 to 50, oldest first
      top = 40; // ten newer filings: the first ten are on the second page now
      await recorder.until(() => recorder.filings.length === 20);
      dropped.next(first);
      const before = server.requests.length;
      await eventually(() => server.requests.length >= before + 3);
      // Not settled yet: the usual polls, page 0 only, which lists none of them.
      expect(new Set(starts(server.requests.slice(before)))).toEqual(
        new Set(['0']),
      );
      expect(recorder.filings).toHaveLength(20);
      settle(true);
      await recorder.until(() => recorder.filings.length === 30);
      expect(accessions(recorder.filings.slice(20))).toEqual(accessions(first));
      const after = server.requests.length;
      await eventually(() => server.requests.length >= after + 2);
      // The second page holds the oldest dropped filing: no third page, and once only.
      expect(starts(server.requests)).not.toContain('20');
      expect(starts(server.requests).filter((s) => s === '10')).toHaveLength(
        2, // the poll that found the ten newer filings, and the recovery
      );
      expect(recorder.filings).toHaveLength(30);
      expect(recorder.ofKind('error')).toEqual([]);
    });

    it('reports EDGAR_RECOVERY_INCOMPLETE when maxRecoveryPages ends the search first', async () => {
      const dropped = new Subject<readonly Filing[]>();
      const { server, recorder } = await run(page, {
        pageSize: 10,
        maxRecoveryPages: 2,
        dropped,
      });
      await recorder.until(() => recorder.filings.length === 10);
      const first = recorder.filings;
      top = 30; // twenty newer filings: the first ten are on the third page now
      await recorder.until(() => recorder.filings.length === 30);
      dropped.next(first);
      await recorder.until(() => recorder.ofKind('error').length === 1);
      expect(recorder.ofKind('error')[0]).toEqual({
        kind: 'error',
        code: 'EDGAR_RECOVERY_INCOMPLETE',
        message: expect.stringContaining('maxRecoveryPages 2'),
      });
      const after = server.requests.length;
      await eventually(() => server.requests.length >= after + 2);
      expect(recorder.filings).toHaveLength(30);
      expect(recorder.ofKind('error')).toHaveLength(1);
    });

    it('emits them again from page 0 when a poll lists them, before any settling', async () => {
      const dropped = new Subject<readonly Filing[]>();
      const { recorder } = await run(page, {
        pageSize: 10,
        dropped,
        settled: () => new Promise(() => undefined),
      });
      await recorder.until(() => recorder.filings.length === 10);
      const first = recorder.filings;
      dropped.next(first.slice(0, 3));
      await recorder.until(() => recorder.filings.length === 13);
      expect(accessions(recorder.filings.slice(10))).toEqual(
        accessions(first.slice(0, 3)),
      );
    });
  });

  it.each([undefined, '', 'secfeed-bot/1.0'])(
    'throws naming SEC_USER_AGENT for user agent %j',
    (value) => {
      expect(() =>
        edgarSource({ userAgent: value as unknown as string }),
      ).toThrow(/SEC_USER_AGENT/);
    },
  );
});
