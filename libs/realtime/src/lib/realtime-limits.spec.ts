import { makeFiling } from '@secfeed/filing-model/testing';
import { waitUntil } from '@secfeed/test-kit';
import type { Socket } from 'node:net';
import type { RealtimeConfig } from './realtime-config';
import { CLOSE_CODES, MAX_CONSECUTIVE_ERRORS } from '../index';
import {
  connectTestRedis,
  startGateway,
  type TestGateway,
  type TestRedis,
} from './test-support/realtime-harness';
import { TestClient } from './test-support/test-client';

const counterValue = async (
  metric: {
    get(): Promise<{ values: Array<{ value: number; labels: object }> }>;
  },
  labels: object = {},
) =>
  (await metric.get()).values.find(
    (v) => JSON.stringify(v.labels) === JSON.stringify(labels),
  )?.value ?? 0;

describe('realtime: protecting itself', () => {
  let redis: TestRedis;
  let gateway: TestGateway | undefined;
  const clients: TestClient[] = [];

  const start = async (overrides: Partial<RealtimeConfig> = {}) => {
    gateway = await startGateway(redis.client, redis.keys, overrides);
    return gateway;
  };
  const connect = async (g: TestGateway, options = {}) => {
    const client = await TestClient.connect(g.url, options);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    redis = await connectTestRedis('rt-limits');
  });

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await gateway?.close();
    gateway = undefined;
    await redis.close();
  });

  it('closes a client that stops reading (4009) while a fast one gets every filing', async () => {
    const g = await start({ sendBufferBytes: 64 * 1024 });
    const slow = await connect(g);
    const fast = await connect(g);
    await slow.request({ action: 'subscribe_sec_filings' });
    await fast.request({ action: 'subscribe_sec_filings' });
    (slow.ws as unknown as { _socket: Socket })._socket.pause();
    const padding = 'x'.repeat(100_000);
    const positions: string[] = [];
    for (let batch = 0; batch < 8; batch += 1) {
      const filings = Array.from({ length: 10 }, () => ({
        ...makeFiling(),
        padding,
      }));
      positions.push(
        ...(await redis.publisher.publishBatch(filings)).map((r) => r.position),
      );
    }
    expect(await fast.waitForFilings(80)).toEqual(positions);
    await waitUntil(
      async () => (await counterValue(g.metrics.slowConsumerCloses)) === 1,
      'the slow close',
    );
    expect(await counterValue(g.metrics.closes, { code: '4009' })).toBe(1);
    (slow.ws as unknown as { _socket: Socket })._socket.resume();
    expect(await slow.closed).toMatchObject({
      code: CLOSE_CODES.SLOW_CONSUMER,
    });
    expect(slow.filingPositions().length).toBeLessThan(80);
    expect(slow.filingPositions()).toEqual(
      positions.slice(0, slow.filingPositions().length),
    );
  });

  it('closes with 1009 on a frame above maxPayloadBytes', async () => {
    const g = await start({ maxPayloadBytes: 1024 });
    const client = await connect(g);
    client.send({ action: 'ping', padding: 'x'.repeat(1024) });
    expect(await client.closed).toMatchObject({
      code: CLOSE_CODES.MESSAGE_TOO_BIG,
    });
    expect(await counterValue(g.metrics.closes, { code: '1009' })).toBe(1);
  });

  it('closes with 1007 on a text frame that is not UTF-8, and counts it', async () => {
    const g = await start();
    const client = await connect(g);
    client.ws.send(Buffer.from('{"action":"ping","x":"\xff"}', 'latin1'), {
      binary: false,
    });
    expect(await client.closed).toMatchObject({
      code: CLOSE_CODES.INVALID_UTF8,
    });
    await waitUntil(
      async () =>
        (await counterValue(g.metrics.closes, { code: '1007' })) === 1,
      'the 1007 close to be counted',
    );
  });

  it('answers RATE_LIMITED above the rate, then closes a flood with 4029', async () => {
    const g = await start({ messageRate: 5 });
    const client = await connect(g);
    for (let i = 0; i < 11; i += 1) client.send({ action: 'ping' });
    const replies = await Promise.all(
      Array.from({ length: 11 }, () => client.next()),
    );
    expect(replies.slice(0, 10)).toEqual(Array(10).fill({ type: 'pong' }));
    expect(replies[10]).toMatchObject({ type: 'error', code: 'RATE_LIMITED' });
    for (let i = 0; i < 20; i += 1) client.send({ action: 'ping' });
    expect(await client.closed).toMatchObject({
      code: CLOSE_CODES.RATE_LIMITED,
    });
  });

  it('closes a client after too many bad messages in a row (4008)', async () => {
    const g = await start();
    const client = await connect(g);
    for (let i = 0; i < MAX_CONSECUTIVE_ERRORS; i += 1) client.ws.send('nope');
    expect(await client.closed).toMatchObject({
      code: CLOSE_CODES.POLICY_VIOLATION,
    });
    expect(
      client.received.filter((m) => m.code === 'INVALID_JSON'),
    ).toHaveLength(MAX_CONSECUTIVE_ERRORS);
  });

  it('refuses upgrades past maxConnections with 503 and counts them', async () => {
    const g = await start({ maxConnections: 2 });
    await connect(g);
    await connect(g);
    await expect(TestClient.connect(g.url)).rejects.toMatchObject({
      status: 503,
    });
    expect(
      await counterValue(g.metrics.errors, { code: 'CONNECTION_LIMIT' }),
    ).toBe(1);
    expect(g.realtime.readiness()).toEqual({
      readerRunning: true,
      connections: 2,
    });
  });

  it('terminates a client that does not answer pings, and keeps one that does', async () => {
    const g = await start({ pingIntervalMs: 100, pongTimeoutMs: 100 });
    const silent = await connect(g, { autoPong: false });
    const alive = await connect(g);
    expect(await silent.closed).toMatchObject({ code: 1006 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await alive.request({ action: 'ping' })).toEqual({ type: 'pong' });
    expect(g.realtime.readiness().connections).toBe(1);
  });

  it('close() closes every client with 1001 and refuses new ones', async () => {
    const g = await start();
    const a = await connect(g);
    const b = await connect(g);
    await a.request({ action: 'subscribe_sec_filings' });
    await g.realtime.close();
    expect(await a.closed).toMatchObject({ code: CLOSE_CODES.GOING_AWAY });
    expect(await b.closed).toMatchObject({ code: CLOSE_CODES.GOING_AWAY });
    expect(g.realtime.readiness()).toEqual({
      readerRunning: false,
      connections: 0,
    });
    await expect(TestClient.connect(g.url)).rejects.toMatchObject({
      status: 503,
    });
  });

  it('refuses an upgrade off /ws with 404', async () => {
    const g = await start();
    await expect(
      TestClient.connect(g.url.replace('/ws', '/other')),
    ).rejects.toMatchObject({ status: 404 });
  });
});
