import { newestPosition } from '@secfeed/filings-history';
import { routedCommands } from '@secfeed/service-runtime';
import {
  connectTestRedis,
  type TestRedis,
} from './test-support/realtime-harness';
import {
  isRetained,
  readBackwards,
  readRange,
  streamRetention,
} from './stream-history';

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[][]> {
  const all: T[][] = [];
  for await (const page of pages) all.push(page);
  return all;
}

describe('isRetained', () => {
  const retention = {
    firstId: '10-0',
    lastGeneratedId: '20-0',
    maxDeletedId: '0-0',
  };
  it.each([
    ['20-0', retention, true],
    ['15-3', retention, true],
    ['10-0', retention, true],
    ['9-9', retention, false],
    ['20-1', retention, false],
    ['15-0', { ...retention, maxDeletedId: '16-0' }, false],
    ['5-0', { lastGeneratedId: '5-0', maxDeletedId: '0-0' }, true],
    ['4-0', { lastGeneratedId: '5-0', maxDeletedId: '0-0' }, false],
    ['0-0', { lastGeneratedId: '0-0', maxDeletedId: '0-0' }, true],
  ])('since %s with %j is %s', (since, r, expected) => {
    expect(isRetained(since, r)).toBe(expected);
  });
});

describe('stream history reads', () => {
  let redis: TestRedis;
  let ids: string[];

  beforeAll(async () => {
    redis = await connectTestRedis('rt-history');
    ids = [];
    for (let i = 1; i <= 7; i += 1)
      ids.push(
        await redis.client.xAdd(redis.keys.stream, `${i}-0`, {
          data: String(i),
        }),
      );
  });

  afterAll(() => redis.close());
  // Raw commands for the stream's node (a cluster client routes by key).
  const history = () => routedCommands(redis.client, redis.keys.stream);

  it('reads (after, upTo] in pages, oldest first', async () => {
    const pages = await collect(
      readRange(history(), redis.keys.stream, ids[0], ids[5], 2),
    );
    expect(pages.map((p) => p.map((e) => e.id))).toEqual([
      ['2-0', '3-0'],
      ['4-0', '5-0'],
      ['6-0'],
    ]);
    expect(pages[0][0].fields).toEqual({ data: '2' });
    expect(
      await collect(readRange(history(), redis.keys.stream, '6-0', '6-0', 2)),
    ).toEqual([]);
  });

  it('reads backwards from upTo, at most limit entries', async () => {
    const pages = await collect(
      readBackwards(history(), redis.keys.stream, '6-0', 2, 5),
    );
    expect(pages.flat().map((e) => e.id)).toEqual([
      '6-0',
      '5-0',
      '4-0',
      '3-0',
      '2-0',
    ]);
  });

  it('awaits the gate before each page and reads no page once it rejects', async () => {
    const commands: string[] = [];
    const counting = {
      sendCommand: (args: ReadonlyArray<string>) => {
        commands.push(args[0]);
        return history().sendCommand(args);
      },
    };
    let opened = 0;
    const twoPages = async () => {
      opened += 1;
      if (opened > 2) throw new Error('cancelled');
    };
    const ids = async (pages: AsyncIterable<Array<{ id: string }>>) => {
      const seen: string[] = [];
      try {
        for await (const page of pages) seen.push(...page.map((e) => e.id));
      } catch (err) {
        seen.push((err as Error).message);
      }
      return seen;
    };
    expect(
      await ids(
        readRange(counting, redis.keys.stream, '0-0', '7-0', 2, twoPages),
      ),
    ).toEqual(['1-0', '2-0', '3-0', '4-0', 'cancelled']);
    opened = 0;
    expect(
      await ids(
        readBackwards(counting, redis.keys.stream, '7-0', 2, 7, twoPages),
      ),
    ).toEqual(['7-0', '6-0', '5-0', '4-0', 'cancelled']);
    expect(commands).toEqual(['XRANGE', 'XRANGE', 'XREVRANGE', 'XREVRANGE']);
  });

  it('knows the newest position and what the stream retains', async () => {
    expect(await newestPosition(history(), redis.keys.stream)).toBe('7-0');
    expect(await newestPosition(history(), `${redis.keys.stream}:none`)).toBe(
      '0-0',
    );
    await redis.client.xTrim(redis.keys.stream, 'MAXLEN', 5);
    expect(await streamRetention(history(), redis.keys.stream)).toEqual({
      firstId: '3-0',
      lastGeneratedId: '7-0',
      maxDeletedId: '0-0',
    });
    expect(
      await streamRetention(history(), `${redis.keys.stream}:none`),
    ).toEqual({
      lastGeneratedId: '0-0',
      maxDeletedId: '0-0',
    });
  });
});
