import { redisTestContext } from '../test-support/redis-test-context';
import { testFilings } from '../test-support/filings';
import { FilingPublisher } from './filing-publisher';
import { decodeIndexMember } from './index-member';
import { PublishResult } from './publish-result';
import { decodeStreamEntry } from './stream-entry';

describe('FilingPublisher with concurrent publishers', () => {
  const ctx = redisTestContext('concurrency');
  const { keys } = ctx;

  afterAll(() => ctx.close());

  it('publishes each of 100 filings exactly once when 4 connections send them 10 times each', async () => {
    const filings = testFilings(100);
    const clients = await Promise.all([1, 2, 3, 4].map(() => ctx.connect()));
    const publishers = clients.map(
      (client) => new FilingPublisher(client, { keys }),
    );

    // Every publisher starts all of its rounds at once, single calls and batches mixed, so the
    // 4 000 script calls interleave on the server.
    const results: Array<{ accessionNo: string; result: PublishResult }> = [];
    await Promise.all(
      publishers.flatMap((publisher, p) =>
        Array.from({ length: 10 }, async (_, round) => {
          const order = round % 2 === 0 ? filings : [...filings].reverse();
          const answers =
            (round + p) % 3 === 0
              ? await publisher.publishBatch(order)
              : await Promise.all(
                  order.map((filing) => publisher.publish(filing)),
                );
          answers.forEach((result, i) =>
            results.push({ accessionNo: order[i].accessionNo, result }),
          );
        }),
      ),
    );

    expect(results).toHaveLength(4000);
    const published = results.filter(
      ({ result }) => result.status === 'published',
    );
    expect(published).toHaveLength(100);
    const positionOf = new Map(
      published.map(({ accessionNo, result }) => [
        accessionNo,
        result.position,
      ]),
    );
    expect(positionOf.size).toBe(100);
    for (const { accessionNo, result } of results) {
      expect(result.position).toBe(positionOf.get(accessionNo));
    }

    const [client] = clients;
    const entries = await client.xRange(keys.stream, '-', '+');
    expect(entries).toHaveLength(100);
    expect(
      new Set(
        entries.map((entry) => decodeStreamEntry(entry.message).accessionNo),
      ).size,
    ).toBe(100);
    for (const entry of entries) {
      expect(positionOf.get(entry.message['accessionNo'])).toBe(entry.id);
    }

    const seenKeys = (await ctx.allKeys()).filter((key) =>
      key.startsWith(`${keys.prefix}dedup:`),
    );
    expect(seenKeys).toHaveLength(100);
    const docKeys = (await ctx.allKeys()).filter((key) =>
      key.startsWith(`${keys.prefix}doc:`),
    );
    expect(docKeys).toHaveLength(100);

    expect(await client.zCard(keys.latest)).toBe(100);
    expect(await client.zCard(keys.history)).toBe(100);
    const members = await client.zRange(keys.history, 0, -1);
    expect(members.map((m) => decodeIndexMember(m)?.position).sort()).toEqual(
      [...positionOf.values()].sort(),
    );
    for (let t = 0; t < 5; t++)
      expect(await client.zCard(keys.ticker(`TICK${t}`))).toBe(20);
    const perForm = await Promise.all(
      ['8-K', '10-Q', 'SC 13D'].map((f) => client.zCard(keys.formType(f))),
    );
    expect(perForm).toEqual([34, 33, 33]);
    const perCik = await Promise.all(
      [0, 1, 2, 3, 4, 5, 6].map((c) =>
        client.zCard(keys.cik(String(320193 + c))),
      ),
    );
    expect(perCik.reduce((a, b) => a + b, 0)).toBe(100);
  });
});
