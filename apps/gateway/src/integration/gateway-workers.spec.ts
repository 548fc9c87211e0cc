import { FilingPublisher } from '@secfeed/dedup';
import { easternIsoString } from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';
import { createRedisKeys } from '@secfeed/redis-keys';
import {
  builtServiceMain,
  connectTestRedis,
  deleteKeysWithPrefix,
  startServiceProcess,
  testRedisUrl,
  uniqueKeyPrefix,
  waitUntil,
  type ServiceProcess,
  type TestRedis,
} from '@secfeed/test-kit';
import { existsSync, readFileSync } from 'node:fs';
import { freshGet } from './test-support/fresh-get';
import { ResumingClient } from './test-support/resuming-client';
import { socketOwner } from './test-support/socket-owner';

jest.setTimeout(60_000);

/** The value of one series (`name{labels}`) in a Prometheus text answer. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.split(' ').pop());
};

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

interface Published {
  readonly accessionNo: string;
  readonly position: string;
}

describe('the gateway on several workers (GATEWAY_WORKERS)', () => {
  let redis: TestRedis;
  let prefix: string;
  let publisher: FilingPublisher;
  const running: ServiceProcess[] = [];
  const clients: ResumingClient[] = [];

  beforeAll(async () => (redis = await connectTestRedis()));
  beforeEach(() => {
    prefix = uniqueKeyPrefix('gw-workers');
    publisher = new FilingPublisher(redis, { keys: createRedisKeys(prefix) });
  });
  afterEach(async () => {
    clients.splice(0).forEach((client) => client.stop());
    await Promise.all(
      running.splice(0).map((r) => r.stop({ signal: 'SIGKILL' })),
    );
    await deleteKeysWithPrefix(redis, prefix);
  });
  afterAll(async () => redis.quit());

  const run = (workers: string): ServiceProcess => {
    const gateway = startServiceProcess({
      main: builtServiceMain('gateway'),
      env: {
        REDIS_URL: testRedisUrl(),
        SECFEED_KEY_PREFIX: prefix,
        GATEWAY_PORT: '0',
        GATEWAY_WORKERS: workers,
      },
    });
    running.push(gateway);
    return gateway;
  };

  /** The workers the primary forked, by pid (from its log), alive or not. */
  const workerIds = (gateway: ServiceProcess): Map<number, number> =>
    new Map(
      gateway.logs
        .filter((l) => l['msg'] === 'gateway worker started')
        .map((l) => [Number(l['pid']), Number(l['worker'])]),
    );

  /** Asks `/readyz` on new connections until each of `ids` has answered 200; their bodies. */
  const readyAnswers = async (port: number, ids: readonly number[]) => {
    const answers = new Map<number, Record<string, unknown>>();
    await waitUntil(
      async () => {
        const answer = await freshGet(`http://127.0.0.1:${port}/readyz`);
        const body = JSON.parse(answer.body) as Record<string, unknown>;
        expect(answer.headers['x-secfeed-worker']).toBe(String(body['worker']));
        if (answer.status === 200) answers.set(Number(body['worker']), body);
        return ids.every((id) => answers.has(id));
      },
      `/readyz 200 from workers ${ids.join(', ')}`,
      20_000,
    );
    return answers;
  };

  const startWorkers = async () => {
    const gateway = run('2');
    const port = Number(
      (await gateway.waitForLog('Gateway workers listening', 30_000))['port'],
    );
    await readyAnswers(port, [...workerIds(gateway).values()]);
    return { gateway, port, url: `ws://127.0.0.1:${port}/ws` };
  };

  const connectClients = async (url: string, count: number) => {
    const opened: ResumingClient[] = [];
    for (let i = 0; i < count; i += 1) {
      const client = new ResumingClient(url);
      clients.push(client);
      opened.push(client);
      await client.connect();
    }
    return opened;
  };

  /** The pid of the worker holding each client's current connection. */
  const ownersOf = (
    port: number,
    gateway: ServiceProcess,
    of: readonly ResumingClient[],
  ): number[] => {
    const pids = [...workerIds(gateway).keys()];
    return of.map((client) => {
      const owner = socketOwner(port, client.current?.localPort ?? 0, pids);
      if (owner === undefined) throw new Error('no worker holds a client');
      return owner;
    });
  };

  const publish = async (count: number): Promise<Published[]> => {
    const published: Published[] = [];
    for (let i = 0; i < count; i += 1) {
      const filing = makeFiling({ filedAt: easternIsoString(Date.now()) });
      const { position } = await publisher.publish(filing);
      published.push({ accessionNo: filing.accessionNo, position });
    }
    return published;
  };

  const expectEachReceivedOnce = async (
    of: readonly ResumingClient[],
    published: readonly Published[],
  ) => {
    await waitUntil(
      () => of.every((client) => client.filings.length >= published.length),
      `${published.length} filings at every client`,
      20_000,
    );
    for (const client of of) expect(client.filings).toEqual(published);
  };

  const scrapeTotals = async (port: number, workers: number) => {
    const seen = new Map<string, string>();
    await waitUntil(
      async () => {
        const answer = await freshGet(`http://127.0.0.1:${port}/metrics`);
        expect(answer.status).toBe(200);
        seen.set(String(answer.headers['x-secfeed-worker']), answer.body);
        return seen.size === workers;
      },
      'a scrape answered by each worker',
      10_000,
    );
    return [...seen.values()];
  };

  it('spreads clients over both workers, each client gets every filing once, /metrics shows the totals, SIGTERM stops all', async () => {
    const { gateway, port, url } = await startWorkers();
    const pids = [...workerIds(gateway).keys()];
    expect(pids).toHaveLength(2);

    const all = await connectClients(url, 8);
    const owners = ownersOf(port, gateway, all);
    const perPid = new Map(
      pids.map((pid) => [pid, owners.filter((o) => o === pid).length]),
    );
    // The primary hands connections to the workers in turn.
    for (const count of perPid.values())
      expect(count).toBeGreaterThanOrEqual(2);
    // Each worker answers /readyz for itself and counts the clients /proc says it holds.
    const ready = await readyAnswers(port, [...workerIds(gateway).values()]);
    for (const body of ready.values())
      expect(body['connections']).toBe(perPid.get(Number(body['pid'])));

    const published = await publish(20);
    await expectEachReceivedOnce(all, published);

    for (const text of await scrapeTotals(port, 2)) {
      expect(sample(text, 'secfeed_gateway_workers')).toBe(2);
      expect(sample(text, 'secfeed_gateway_workers_scraped')).toBe(2);
      expect(sample(text, 'secfeed_gateway_connections')).toBe(8);
      expect(sample(text, 'secfeed_gateway_filings_broadcast_total')).toBe(
        2 * 20,
      );
      expect(
        sample(text, 'secfeed_gateway_messages_sent_total{type="sec_filing"}'),
      ).toBe(8 * 20);
      expect(sample(text, 'secfeed_gateway_worker_restarts_total')).toBe(0);
    }

    all.forEach((client) => client.stopReconnecting());
    const closes = Promise.all(all.map((client) => client.closed()));
    const asked = Date.now();
    expect(await gateway.stop({ graceMs: 15_000 })).toBe(0);
    expect(Date.now() - asked).toBeLessThan(10_000);
    expect(await closes).toEqual(all.map(() => 1001));
    expect(pids.filter(alive)).toEqual([]);
    expect(gateway.messages()).toContain('gateway workers stopped');
  });

  it('replaces a SIGKILLed worker; its clients resume with since and miss nothing, the others never notice', async () => {
    const { gateway, port, url } = await startWorkers();
    const first = await connectClients(url, 6);
    const owners = ownersOf(port, gateway, first);
    const [victimPid] = owners;
    const victims = first.filter((_, i) => owners[i] === victimPid);
    const survivors = first.filter((_, i) => owners[i] !== victimPid);
    expect(victims.length).toBeGreaterThan(0);
    expect(survivors.length).toBeGreaterThan(0);
    const before = await publish(10);
    await expectEachReceivedOnce(first, before);

    process.kill(victimPid, 'SIGKILL');
    // Published while the victims are cut off, reconnecting and replaying.
    const during = await publish(10);
    const exited = await gateway.waitForLog(
      (l) => l['msg'] === 'gateway worker exited; replacing it',
    );
    expect(exited).toMatchObject({ pid: victimPid, signal: 'SIGKILL' });
    const replacement = await gateway.waitForLog(
      (l) =>
        l['msg'] === 'gateway worker started' &&
        !owners.includes(Number(l['pid'])) &&
        Number(l['pid']) !== victimPid,
    );
    const survivorId = workerIds(gateway).get(
      survivors.length > 0 ? ownersOf(port, gateway, survivors)[0] : 0,
    );
    await readyAnswers(port, [
      Number(replacement['worker']),
      Number(survivorId),
    ]);
    await waitUntil(
      () => first.every((client) => client.subscribed),
      'the victims subscribed again',
    );
    // New clients reach the replacement too.
    const later: ResumingClient[] = [];
    await waitUntil(async () => {
      const [client] = await connectClients(url, 1);
      later.push(client);
      return ownersOf(port, gateway, [client])[0] === replacement['pid'];
    }, 'a new client on the replacement');
    const after = await publish(10);

    await expectEachReceivedOnce(first, [...before, ...during, ...after]);
    await expectEachReceivedOnce(later, after);
    for (const client of victims) {
      expect(client.connections[0].closeCode).toBe(1006);
      expect(client.connections.slice(1).map((c) => c.recovered)).toEqual(
        client.connections.slice(1).map(() => true),
      );
    }
    for (const client of survivors) expect(client.connections).toHaveLength(1);

    for (const text of await scrapeTotals(port, 2)) {
      expect(sample(text, 'secfeed_gateway_worker_restarts_total')).toBe(1);
      expect(sample(text, 'secfeed_gateway_workers')).toBe(2);
      expect(sample(text, 'secfeed_gateway_connections')).toBe(
        first.length + later.length,
      );
    }
    expect(await gateway.stop({ graceMs: 15_000 })).toBe(0);
  });

  it('with GATEWAY_WORKERS=1 runs as one process; a bad value stops the start naming the variable', async () => {
    const bad = run('zero');
    expect(await bad.exited).toBe(2);
    expect(bad.stderr).toContain(
      'GATEWAY_WORKERS: must be \\"auto\\" or a whole number from 1 to 256, got \\"zero\\"',
    );

    const single = run('1');
    const port = Number((await single.waitForLog('Gateway listening'))['port']);
    await waitUntil(
      async () =>
        (await freshGet(`http://127.0.0.1:${port}/readyz`)).status === 200,
      'ready',
    );
    const answer = await freshGet(`http://127.0.0.1:${port}/readyz`);
    expect(answer.headers['x-secfeed-worker']).toBeUndefined();
    expect(JSON.parse(answer.body)).not.toHaveProperty('worker');
    const children = `/proc/${single.pid}/task/${single.pid}/children`;
    if (existsSync(children))
      expect(readFileSync(children, 'utf8').trim()).toBe('');
    expect(single.messages()).not.toContain('gateway worker started');
    expect(await single.stop()).toBe(0);
  });
});
