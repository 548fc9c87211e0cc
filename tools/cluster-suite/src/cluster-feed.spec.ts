import { createRedisKeys, hashSlot } from '@secfeed/redis-keys';
import {
  builtServiceMain,
  connectTestRedis,
  deleteKeysWithPrefix,
  isTestCluster,
  startServiceProcess,
  testRedisUrl,
  uniqueKeyPrefix,
  waitUntil,
  type ServiceProcess,
  type TestRedis,
} from '@secfeed/test-kit';
import type { RedisClusterType } from 'redis';
import { WebSocket } from 'ws';

/** Filings in the shipped replay day (data/replay). */
const REPLAY_DAY_FILINGS = 4655;

describe('secfeed on a Redis Cluster of 3 masters (REDIS_URL = one node)', () => {
  let redis: RedisClusterType;
  const prefix = uniqueKeyPrefix('cluster');
  const keys = createRedisKeys(prefix);
  const running: ServiceProcess[] = [];

  beforeAll(async () => {
    const connected: TestRedis = await connectTestRedis();
    if (!isTestCluster(connected))
      throw new Error(`REDIS_URL=${testRedisUrl()} is not a cluster node`);
    redis = connected;
  });
  afterAll(async () => {
    await Promise.all(
      running.map((service) => service.stop({ signal: 'SIGKILL' })),
    );
    await deleteKeysWithPrefix(redis, prefix);
    await redis.close();
  });

  /** The built service as an operator runs it: env only, from `/`. */
  const start = (name: 'ingest' | 'gateway', env: NodeJS.ProcessEnv) => {
    const service = startServiceProcess({
      main: builtServiceMain(name),
      env: { REDIS_URL: testRedisUrl(), SECFEED_KEY_PREFIX: prefix, ...env },
    });
    running.push(service);
    return service;
  };

  it('carries the replayed day from ingest through the gateway, live and in history', async () => {
    const gateway = start('gateway', { GATEWAY_PORT: '0' });
    const port = Number(
      (await gateway.waitForLog('Gateway listening'))['port'],
    );
    const base = `http://127.0.0.1:${port}`;
    await waitUntil(
      async () => (await fetch(`${base}/readyz`)).status === 200,
      'the gateway ready on the cluster',
    );

    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    const live: string[] = [];
    let subscribed = false;
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'subscribed') subscribed = true;
      if (message.type === 'sec_filing') live.push(message.data.accessionNo);
    });
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ action: 'subscribe_sec_filings' }));
    await waitUntil(() => subscribed, 'the subscription');

    const ingest = start('ingest', { REPLAY_SPEED: '36000', INGEST_PORT: '0' });
    await ingest.waitForLog('Upstream finished', 30_000);
    await waitUntil(
      () => live.length >= REPLAY_DAY_FILINGS,
      'every filing over the WebSocket',
      30_000,
    );
    ws.terminate();
    expect(new Set(live).size).toBe(REPLAY_DAY_FILINGS);
    expect(live).toHaveLength(REPLAY_DAY_FILINGS);
    expect(await redis.xLen(keys.stream)).toBe(REPLAY_DAY_FILINGS);

    const page = (await (
      await fetch(`${base}/api/filings?limit=50`)
    ).json()) as {
      filings: Array<{ accessionNo: string }>;
    };
    expect(page.filings).toHaveLength(50);
    const stored = new Set(live);
    for (const filing of page.filings)
      expect(stored.has(filing.accessionNo)).toBe(true);

    for (const service of [ingest, gateway]) {
      expect(service.messages()).toContain('Connected to Redis');
      expect(service.messages()).not.toContain(
        'Redis connection lost; reconnecting',
      );
    }
  });

  it("keeps every key of that day's prefix in the one slot of its hash tag, on one master", async () => {
    const slot = hashSlot(keys.stream);
    const owner = redis.slots[slot].master;
    const perMaster = await Promise.all(
      redis.masters.map(async (master) => {
        const node = await redis.nodeClient(master);
        const found: string[] = [];
        for await (const batch of node.scanIterator({
          MATCH: `${prefix}*`,
          COUNT: 1000,
        }))
          found.push(...batch);
        return { address: master.address, found };
      }),
    );
    expect(redis.masters).toHaveLength(3);
    const onOwner = perMaster.find((m) => m.address === owner.address)?.found;
    // The stream, a document per filing and the indexes: far more keys than filings.
    expect(onOwner?.length).toBeGreaterThan(REPLAY_DAY_FILINGS);
    expect(new Set(onOwner?.map(hashSlot))).toEqual(new Set([slot]));
    for (const master of perMaster)
      if (master.address !== owner.address) expect(master.found).toEqual([]);
    // Every key a service writes is built by redis-keys with the tag {<prefix>sec}.
    expect(hashSlot(`{${prefix}sec}`)).toBe(slot);
    expect(onOwner).toEqual(expect.arrayContaining([keys.stream, keys.latest]));
  });
});
