import { createCluster, ErrorReply } from 'redis';
import {
  flushScripts,
  redisTestContext,
  TestClient,
} from '../test-support/redis-test-context';
import { testFiling, testFilings } from '../test-support/filings';
import { DedupError } from './dedup-error';
import { FilingPublisher } from './filing-publisher';
import { encodeIndexMember } from './index-member';
import { decodeStreamEntry } from './stream-entry';

describe('FilingPublisher', () => {
  const ctx = redisTestContext('publisher');
  const { keys } = ctx;
  let client: TestClient;
  let publisher: FilingPublisher;

  beforeAll(async () => {
    client = await ctx.connect();
    publisher = new FilingPublisher(client, { keys });
  });

  afterAll(() => ctx.close());

  it('publishes a new filing to the stream, the document and every index, then reports it duplicate', async () => {
    const filing = testFiling(1, {
      ticker: 'aapl',
      formType: '10-K',
      cik: '0000320193',
    });
    const first = await publisher.publish(filing);
    expect(first.status).toBe('published');
    expect(first.position).toMatch(/^\d+-\d+$/);

    const json = JSON.stringify(filing);
    expect(
      await client.xRange(keys.stream, first.position, first.position),
    ).toEqual([
      {
        id: first.position,
        message: { accessionNo: filing.accessionNo, data: json },
      },
    ]);
    expect(await client.get(keys.seen(filing.accessionNo))).toBe(
      first.position,
    );
    expect(await client.get(keys.filing(filing.accessionNo))).toBe(json);

    const member = encodeIndexMember(first.position, filing.accessionNo);
    for (const set of [
      keys.latest,
      keys.history,
      keys.ticker('AAPL'),
      keys.cik('320193'),
      keys.formType('10-k'),
    ]) {
      expect(await client.zScore(set, member)).toBe(filing.filedAtMs);
    }

    expect(
      await publisher.publish({ ...filing, companyName: 'changed' }),
    ).toEqual({
      status: 'duplicate',
      position: first.position,
    });
    expect(await client.get(keys.filing(filing.accessionNo))).toBe(json);
  });

  it('stores the whole filing so that readers get it back through decodeStreamEntry', async () => {
    const filing = testFiling(2);
    const { position } = await publisher.publish(filing);
    const [entry] = await client.xRange(keys.stream, position, position);
    expect(decodeStreamEntry(entry.message)).toEqual({
      accessionNo: filing.accessionNo,
      kind: 'filing',
      filing,
    });
    expect(
      JSON.parse((await client.get(keys.filing(filing.accessionNo))) ?? 'null'),
    ).toEqual(filing);
  });

  it('writes no ticker set for a filing without a ticker', async () => {
    const filing = testFiling(3, { ticker: '' });
    const { position } = await publisher.publish(filing);
    expect(
      await client.zScore(
        keys.latest,
        encodeIndexMember(position, filing.accessionNo),
      ),
    ).not.toBeNull();
    expect(
      (await ctx.allKeys()).filter((key) => key.endsWith(':ticker:')),
    ).toEqual([]);
  });

  it('rejects a filing it cannot key with INVALID_FILING and writes nothing, for a batch too', async () => {
    const before = await client.xLen(keys.stream);
    const bad = [
      testFiling(10, { cik: 'not-a-cik' }),
      testFiling(11, { ticker: 'A{B}' }),
      testFiling(12, { accessionNo: '' }),
      testFiling(13, { filedAtMs: Number.NaN }),
    ];
    for (const filing of bad) {
      await expect(publisher.publish(filing)).rejects.toMatchObject({
        code: 'INVALID_FILING',
      });
    }
    await expect(
      publisher.publishBatch([testFiling(14), bad[0]]),
    ).rejects.toBeInstanceOf(DedupError);
    expect(await client.xLen(keys.stream)).toBe(before);
    expect(await client.exists(keys.seen(testFiling(14).accessionNo))).toBe(0);
  });

  it('rejects with the Redis error and leaves no seen-mark when the stream write fails', async () => {
    // A foreign value under the stream key makes XADD fail inside the script: the filing must not
    // stay marked seen, or the retry would report a duplicate of something nobody received.
    const broken = redisTestContext('broken');
    const brokenClient = await broken.connect();
    try {
      const brokenPublisher = new FilingPublisher(brokenClient, {
        keys: broken.keys,
      });
      await brokenClient.set(broken.keys.stream, 'not a stream');
      const filing = testFiling(20);
      const failure = brokenPublisher.publish(filing);
      await expect(failure).rejects.toBeInstanceOf(ErrorReply);
      await expect(failure).rejects.toThrow(/WRONGTYPE/);
      expect(
        await brokenClient.exists(broken.keys.seen(filing.accessionNo)),
      ).toBe(0);

      await brokenClient.del(broken.keys.stream);
      expect((await brokenPublisher.publish(filing)).status).toBe('published');
    } finally {
      await broken.close();
    }
  });

  it('recovers when the server forgot the script (NOSCRIPT after SCRIPT FLUSH)', async () => {
    await publisher.publish(testFiling(30));
    await flushScripts(client);
    expect((await publisher.publish(testFiling(31))).status).toBe('published');
    await flushScripts(client);
    const results = await publisher.publishBatch([
      testFiling(32),
      testFiling(33),
      testFiling(32),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'published',
      'published',
      'duplicate',
    ]);
    expect(results[2].position).toBe(results[0].position);
  });

  it('orders the history newest filedAt first, ties by newest position, pageable by a keyset cursor', async () => {
    const paged = redisTestContext('paging');
    const pagedClient = await paged.connect();
    try {
      const pagedPublisher = new FilingPublisher(pagedClient, {
        keys: paged.keys,
      });
      const tie = testFiling(0).filedAtMs;
      const filings = [
        ...testFilings(6, 100, { filedAtMs: tie }),
        testFiling(200, { filedAtMs: tie + 1 }),
      ];
      const results = await pagedPublisher.publishBatch(filings);
      const expected = [6, 5, 4, 3, 2, 1, 0].map((i) =>
        encodeIndexMember(results[i].position, filings[i].accessionNo),
      );
      expect(
        await pagedClient.zRange(paged.keys.history, '+inf', '-inf', {
          BY: 'SCORE',
          REV: true,
        }),
      ).toEqual(expected);

      // The cursor is the last member seen; its rank is looked up again for each page, so
      // filings inserted meanwhile (newer ones go in front) neither repeat nor vanish.
      const page = async (cursor: string | null) => {
        const from =
          cursor === null
            ? 0
            : ((await pagedClient.zRevRank(paged.keys.history, cursor)) ?? -1) +
              1;
        return pagedClient.zRange(paged.keys.history, from, from + 2, {
          REV: true,
        });
      };
      const first = await page(null);
      await pagedPublisher.publishBatch(
        testFilings(3, 300, { filedAtMs: tie + 5 }),
      );
      const second = await page(first[2]);
      const third = await page(second[2]);
      expect([...first, ...second, ...third.slice(0, 1)]).toEqual(expected);
    } finally {
      await paged.close();
    }
  });

  it('throws for programmer mistakes in the constructor', () => {
    expect(() => new FilingPublisher({} as never)).toThrow(/node-redis client/);
    expect(() => new FilingPublisher(client, { retentionMs: 0 })).toThrow(
      /retentionMs/,
    );
  });

  it('accepts a cluster client (never connected here), which routes each call by its first key', () => {
    const cluster = createCluster({
      rootNodes: [{ url: 'redis://127.0.0.1:6379' }],
    });
    expect(new FilingPublisher(cluster, { keys })).toBeInstanceOf(
      FilingPublisher,
    );
  });
});
