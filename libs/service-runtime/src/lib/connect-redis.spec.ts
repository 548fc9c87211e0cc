import { hashSlot } from '@secfeed/redis-keys';
import {
  createRedisCluster,
  createRedisProcess,
  type RedisClusterProcess,
  uniqueKeyPrefix,
  waitUntil,
} from '@secfeed/test-kit';
import { createServer, connect as tcpConnect, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { createClient } from 'redis';
import { connectRedis } from './connect-redis';
import { createLogger } from './create-logger';
import {
  isRedisCluster,
  isRedisReady,
  routedCommands,
  type SecfeedRedis,
} from './secfeed-redis';

/** A logger whose lines the test reads, and the `onUpChange` calls. */
function observed() {
  const messages: string[] = [];
  const ups: boolean[] = [];
  const logger = createLogger(
    'test',
    'info',
    new Writable({
      write: (chunk: Buffer, _e, done) => {
        messages.push(JSON.parse(chunk.toString()).msg);
        done();
      },
    }),
  );
  return { logger, messages, ups, onUpChange: (up: boolean) => ups.push(up) };
}

describe('connectRedis', () => {
  const open: SecfeedRedis[] = [];
  const connect = async (url: string, watch = observed()) => {
    const redis = await connectRedis({ url, ...watch });
    open.push(redis);
    return redis;
  };
  afterEach(() => Promise.all(open.splice(0).map((redis) => redis.close())));

  it('gives a plain client for a standalone server, its offline queue off', async () => {
    const watch = observed();
    const redis = await connect('redis://127.0.0.1:6379', watch);
    expect(isRedisCluster(redis)).toBe(false);
    expect(isRedisReady(redis)).toBe(true);
    expect(watch.messages).toEqual(['Connected to Redis']);
    expect(watch.ups).toEqual([true]);
    const key = `${uniqueKeyPrefix('connect')}x`;
    const stream = routedCommands(redis, key);
    expect(await stream.sendCommand(['EXISTS', key])).toBe(0);
  });

  describe('with Redis down at start', () => {
    it('waits, retrying, and connects once Redis arrives', async () => {
      const server = await createRedisProcess();
      try {
        const watch = observed();
        const connecting = connectRedis({ url: server.url, ...watch });
        await waitUntil(
          () => watch.messages.includes('Redis connection lost; reconnecting'),
          'a failed attempt',
        );
        await server.start();
        const redis = await connecting;
        open.push(redis);
        expect(isRedisReady(redis)).toBe(true);
        expect(watch.messages).toContain('Connected to Redis');
      } finally {
        await server.dispose();
      }
    });

    it('gives up when its signal aborts, leaving nothing retrying', async () => {
      const server = await createRedisProcess();
      const watch = observed();
      const controller = new AbortController();
      const connecting = connectRedis({
        url: server.url,
        ...watch,
        signal: controller.signal,
      });
      await waitUntil(() => watch.ups.length > 0, 'a failed attempt');
      controller.abort(new Error('stopping'));
      await expect(connecting).rejects.toThrow('stopping');
      const attempts = watch.ups.length;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(watch.ups.length).toBe(attempts);
      await server.dispose();
    });
  });

  describe('a server that dies just as the client reconnects', () => {
    // Redis killed a few milliseconds after a reconnect was accepted: node-redis's handshake
    // (CLIENT SETINFO, whose failures it ignores) failed with the socket, and the client then
    // called itself ready on that dead socket; every later command waited for ever and no
    // reconnect ever came. Seen in the ingest fault matrix (Redis restarted twice, about one
    // run in ten on a loaded machine).
    it('reconnects again instead of staying "ready" on the dead socket', async () => {
      const proxy = await resettingProxy('127.0.0.1', 6379);
      try {
        const redis = await connect(proxy.url);
        expect(await redis.ping()).toBe('PONG');
        proxy.resetNext = 3; // the next three connections die as soon as they are accepted
        proxy.dropAll();
        await waitUntil(
          () => proxy.accepted >= 5 && isRedisReady(redis),
          'two connections after the resets',
          15_000,
        );
        await expect(withTimeout(redis.ping(), 3_000)).resolves.toBe('PONG');
      } finally {
        await proxy.close();
      }
    }, 30_000);
  });

  describe('on a Redis Cluster of 3 masters', () => {
    let cluster: RedisClusterProcess;
    beforeAll(async () => {
      cluster = await createRedisCluster();
    }, 60_000);
    afterAll(() => cluster?.stop());

    it('detects the cluster from one node URL and routes every key to its slot', async () => {
      const watch = observed();
      const redis = await connect(cluster.urls[1], watch);
      expect(isRedisCluster(redis)).toBe(true);
      expect(isRedisReady(redis)).toBe(true);
      expect(watch.messages).toEqual(['Connected to Redis']);
      // Keys without a shared tag spread over the masters; each lands where its slot lives.
      const prefix = uniqueKeyPrefix('connect');
      const keys = ['a', 'b', 'c', 'd', 'e', 'f'].map((k) => prefix + k);
      await Promise.all(keys.map((key) => redis.set(key, key)));
      expect(await Promise.all(keys.map((key) => redis.get(key)))).toEqual(
        keys,
      );
      const slots = new Set(keys.map(hashSlot));
      expect(slots.size).toBeGreaterThan(1);
      // A raw command routed by its key reaches the owner (a wrong node would answer MOVED).
      expect(
        await routedCommands(redis, keys[3]).sendCommand(['GET', keys[3]]),
      ).toBe(keys[3]);
    });

    it('takes a comma-separated list of nodes as the cluster', async () => {
      const redis = await connect(cluster.urls.join(','));
      expect(isRedisCluster(redis)).toBe(true);
      if (!isRedisCluster(redis)) return;
      expect(redis.masters).toHaveLength(3);
    });

    it('reports a lost node once and its return, and is ready again', async () => {
      const watch = observed();
      const redis = await connect(cluster.urls[0], watch);
      if (!isRedisCluster(redis)) throw new Error('expected a cluster client');
      const { host, port } = redis.masters[0];
      // Drops every other connection to that master; node-redis reconnects with backoff.
      const killer = await createClient({
        url: `redis://${host}:${port}`,
      }).connect();
      await killer.sendCommand(['CLIENT', 'KILL', 'TYPE', 'normal']);
      killer.destroy();
      await waitUntil(() => watch.ups.includes(false), 'the outage reported');
      await waitUntil(
        () => watch.ups.at(-1) === true && isRedisReady(redis),
        'the node back',
      );
      expect(watch.messages).toEqual([
        'Connected to Redis',
        'Redis connection lost; reconnecting',
        'Reconnected to Redis',
      ]);
    });
  });
});

/**
 * A TCP proxy to a Redis server that can cut every open connection and reset the next
 * `resetNext` connections a few milliseconds after accepting them (a server dying mid-handshake).
 */
async function resettingProxy(host: string, port: number) {
  const sockets = new Set<Socket>();
  const state = { resetNext: 0, accepted: 0 };
  const server = createServer((client) => {
    state.accepted++;
    sockets.add(client);
    client.on('error', () => undefined);
    client.on('close', () => sockets.delete(client));
    if (state.resetNext > 0) {
      state.resetNext--;
      setTimeout(() => client.resetAndDestroy(), 3);
      return;
    }
    const upstream = tcpConnect(port, host);
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('proxy has no port');
  return Object.assign(state, {
    url: `redis://127.0.0.1:${address.port}`,
    dropAll: () => sockets.forEach((socket) => socket.resetAndDestroy()),
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
