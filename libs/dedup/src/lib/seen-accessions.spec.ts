import {
  redisTestContext,
  TestClient,
} from '../test-support/redis-test-context';
import { testFiling } from '../test-support/filings';
import { FilingPublisher } from './filing-publisher';
import { seenAccessions } from './seen-accessions';

describe('seenAccessions', () => {
  const ctx = redisTestContext('seen-accessions');
  let client: TestClient;

  beforeAll(async () => {
    client = await ctx.connect();
  });
  afterAll(() => ctx.close());

  it('tells the published accession numbers from the others, over several batches', async () => {
    const publisher = new FilingPublisher(client, { keys: ctx.keys });
    const published = [testFiling(1), testFiling(700)];
    for (const filing of published) await publisher.publish(filing);
    const asked = [
      ...Array.from({ length: 1200 }, (_, i) => testFiling(i).accessionNo),
      'not a key {x}',
    ];
    const seen = await seenAccessions(client, ctx.keys, asked);
    expect([...seen].sort()).toEqual(
      published.map((f) => f.accessionNo).sort(),
    );
  });

  it('answers an empty set for nothing asked', async () => {
    expect((await seenAccessions(client, ctx.keys, [])).size).toBe(0);
  });
});
