// Wire fuzz of the built gateway, as a stranger on the network sees it: raw TCP connections
// with random and mutated request lines, methods, targets, headers and WebSocket handshakes to
// every route, closed or reset at random bytes or dribbled (slowloris), then a slowloris crowd
// and a flood up to the descriptor limit of a gateway run under a low `ulimit -n`. Throughout,
// the process stays up, every well-formed request gets an answer (never a 500, never a hang),
// and a subscribed WebSocket client receives every filing published meanwhile, in order.
// Seeded: FUZZ_SEED=<n> replays a failure, FUZZ_RUNS=<n> runs longer (a fifth as many
// connections: each is a TCP connection, not a frame).
import { FilingPublisher } from '@secfeed/dedup';
import { easternIsoString } from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';
import { createRedisKeys } from '@secfeed/redis-keys';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  testRedisUrl,
  uniqueKeyPrefix,
  waitUntil,
  type TestRedis,
} from '@secfeed/test-kit';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startGatewayProcess,
  type GatewayProcess,
} from '../integration/test-support/gateway-process';
import { holdConnections } from '../integration/test-support/hold-connections';
import { openSocket } from '../integration/test-support/raw-http';
import { httpCodes } from './test-support/documented-codes';
import { FuzzClient } from './test-support/fuzz-client';
import { FUZZ } from './test-support/fuzz-settings';
import { playWireAction, type WireOutcome } from './test-support/wire-client';
import { wireAction, type WireAction } from './test-support/wire-requests';

const CONNECTIONS = Math.ceil(FUZZ.inputs / 5);
/** Low, so the flood reaches it in a second; room for Node, Redis and a run's connections. */
const FD_LIMIT = 256;
/** Every status the gateway (or Node's HTTP parser in front of it) may answer with. */
const ANSWERS = new Set([101, 200, 400, 404, 405, 408, 429, 431, 503]);
const SLOWLORIS_CLIENTS = 60;

jest.setTimeout(Math.max(180_000, CONNECTIONS * 100));

describe('gateway under wire fuzz (raw TCP to the built gateway, ulimit -n 256)', () => {
  const prefix = uniqueKeyPrefix('fuzz-wire');
  let dashboard: string;
  let gateway: GatewayProcess;
  let port: number;
  let redis: TestRedis;
  let publisher: FilingPublisher;
  let watcher: FuzzClient;
  const published: string[] = [];
  const statuses = new Map<string, number>();
  const documented = httpCodes();

  const publish = async (count: number) => {
    const now = Date.now();
    const results = await publisher.publishBatch(
      Array.from({ length: count }, (_, i) =>
        makeFiling({ filedAt: easternIsoString(now - (count - i) * 1000) }),
      ),
    );
    published.push(...results.map((r) => r.position));
  };
  const healthz = async () =>
    (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
  const count = (label: string): void => {
    statuses.set(label, (statuses.get(label) ?? 0) + 1);
  };

  beforeAll(async () => {
    dashboard = mkdtempSync(join(tmpdir(), 'secfeed-wire-'));
    writeFileSync(
      join(dashboard, 'index.html'),
      `<!doctype html>${'<p>'.repeat(500)}`,
    );
    writeFileSync(
      join(dashboard, 'main-ABCDEFGH.js'),
      'console.log(1);'.repeat(200),
    );
    writeFileSync(join(dashboard, 'logo.png'), Buffer.alloc(256 << 10, 7));
    gateway = startGatewayProcess(
      {
        REDIS_URL: testRedisUrl(),
        SECFEED_KEY_PREFIX: prefix,
        GATEWAY_PORT: '0',
        GATEWAY_STATIC_DIR: dashboard,
        // Every connection here comes from 127.0.0.1; the cap has its own spec.
        GATEWAY_MAX_CONNECTIONS_PER_IP: '0',
        // `info`: the port is in the "Gateway listening" line.
        LOG_LEVEL: 'info',
      },
      { fdLimit: FD_LIMIT },
    );
    port = await gateway.port();
    await gateway.ready();
    redis = await connectTestRedis();
    publisher = new FilingPublisher(redis, { keys: createRedisKeys(prefix) });
    watcher = await FuzzClient.connect(`ws://127.0.0.1:${port}/ws`);
    watcher.send(JSON.stringify({ action: 'subscribe_sec_filings' }));
    expect(await watcher.next()).toMatchObject({
      reply: { type: 'subscribed' },
    });
  });

  afterAll(async () => {
    watcher?.terminate();
    await gateway?.kill();
    if (redis) {
      await deleteKeysWithPrefix(redis, prefix);
      await redis.quit();
    }
    rmSync(dashboard, { recursive: true, force: true });
  });

  /** Checks one outcome: a well-formed request is answered as documented, in time. */
  function check(action: WireAction, outcome: WireOutcome): void {
    const where = `${action.behaviour} ${JSON.stringify(action.bytes.toString('latin1').slice(0, 200))} -> ${JSON.stringify(outcome)}`;
    // When the process died, its last words (the uncaught error) say why.
    expect([where, gateway.alive || gateway.stderr.slice(-800)]).toEqual([
      where,
      true,
    ]);
    if (outcome.refused) return count('refused');
    if (action.behaviour !== 'answer') return count(action.behaviour);
    expect([where, outcome.hung ?? false]).toEqual([where, false]);
    // 0: the gateway closed without an answer (CONNECT, which it does not serve).
    const status = outcome.status ?? 0;
    count(`answer ${status}`);
    expect([where, status === 0 || ANSWERS.has(status)]).toEqual([where, true]);
    // An error body's code must be one the docs list (read from the docs themselves).
    if (outcome.code !== undefined) {
      count(`code ${outcome.code}`);
      expect([where, documented.has(outcome.code)]).toEqual([where, true]);
    }
  }

  it(`stays up and answers ${CONNECTIONS} fuzzed connections as documented (seed ${FUZZ.seed})`, async () => {
    let played = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(wireAction, {
          minLength: FUZZ.perRun,
          maxLength: FUZZ.perRun,
        }),
        async (actions) => {
          const outcomes = await Promise.all(
            actions.map((action) => playWireAction(port, action)),
          );
          actions.forEach((action, i) => check(action, outcomes[i]));
          await publish(1);
          played += actions.length;
        },
      ),
      {
        seed: FUZZ.seed,
        numRuns: Math.ceil(CONNECTIONS / FUZZ.perRun),
        endOnFailure: true,
      },
    );
    expect(played).toBeGreaterThanOrEqual(CONNECTIONS);
    expect(await healthz()).toBe(200);
    process.stdout.write(
      `gateway wire fuzz: seed ${FUZZ.seed}, ${played} connections, ${JSON.stringify(Object.fromEntries(statuses))}\n`,
    );
  });

  it(`stays up while ${SLOWLORIS_CLIENTS} clients dribble their headers`, async () => {
    const request = Buffer.from(
      'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaa\r\n',
    );
    const slow: Socket[] = await Promise.all(
      Array.from({ length: SLOWLORIS_CLIENTS }, () => openSocket(port)),
    );
    slow.forEach((socket) => socket.on('error', () => undefined));
    for (let at = 0; at < request.length; at += 1) {
      slow.forEach((socket) => socket.write(request.subarray(at, at + 1)));
      if (at % 10 === 0) {
        await publish(1);
        expect(await healthz()).toBe(200);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(slow.every((socket) => !socket.destroyed)).toBe(true);
    slow.forEach((socket) => socket.resetAndDestroy());
    expect(gateway.alive).toBe(true);
  });

  it(`stays up at its descriptor limit (${FD_LIMIT}): sheds connections, 503 for files, filings still flow`, async () => {
    const { held, exhausted } = await holdConnections(port);
    try {
      expect(exhausted).toBe(true);
      expect(held.length).toBeGreaterThan(0);
      await publish(10);
      const answer = await new Promise<string>((resolve) => {
        let text = '';
        held[0].on('data', (chunk: Buffer) => {
          text += chunk.toString('latin1');
          if (text.includes('\r\n\r\n')) resolve(text);
        });
        held[0].on('close', () => resolve(text));
        held[0].write('GET /logo.png HTTP/1.1\r\nHost: x\r\n\r\n');
      });
      expect(answer).toMatch(/^HTTP\/1\.1 503 /);
      expect(gateway.alive).toBe(true);
    } finally {
      held.forEach((socket) => socket.destroy());
    }
    await waitUntil(
      async () => (await healthz()) === 200,
      'healthz after the flood',
    );
  });

  it('delivered every filing published meanwhile to the subscriber, in order, on one socket', async () => {
    await waitUntil(
      () => watcher.positions.length >= published.length,
      `the subscriber to get all ${published.length} filings`,
      20_000,
    );
    expect(watcher.positions).toEqual(published);
    expect(watcher.open).toBe(true);
    expect(gateway.alive).toBe(true);
    expect(gateway.messages()).not.toContain('Request failed');
  });
});
