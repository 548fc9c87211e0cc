import {
  connectTestRedis,
  deleteKeysWithPrefix,
  type TestRedis,
} from '@secfeed/test-kit';
import {
  startArchiveStandIn,
  type ArchiveStandIn,
} from '../insights/test-support/archive-stand-in';
import { CompletenessRunner } from './completeness-runner';
import { reconcileDay } from './reconcile-day';
import { FORM_20200318, INDEX_PATH_20200318 } from './test-support/edgar-day';
import {
  publishAllBut,
  reconcileContext,
  type ReconcileContext,
} from './test-support/reconcile-context';

/** The runner on real Redis: the evening schedule (retried while EDGAR answers 404) and on-demand requests. */
describe('CompletenessRunner', () => {
  let redis: TestRedis;
  let archive: ArchiveStandIn;
  let ctx: ReconcileContext;
  const prefixes: string[] = [];

  beforeAll(async () => {
    redis = await connectTestRedis();
  });
  beforeEach(async () => {
    archive = await startArchiveStandIn();
    ctx = reconcileContext(redis, archive);
    prefixes.push(ctx.prefix);
  });
  afterEach(() => archive.close());
  afterAll(async () => {
    for (const prefix of prefixes) await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  });

  const runner = (options: { schedule: boolean; retryMs?: number }) =>
    new CompletenessRunner({
      redis,
      completenessKeys: ctx.completenessKeys,
      logger: ctx.deps.logger,
      reconcile: (date) => reconcileDay(date, ctx.deps),
      scheduleEveryMs: 0,
      scheduleOptions: { lookbackDays: 0 },
      now: ctx.deps.now,
      ...options,
    });

  const report = async () =>
    JSON.parse(
      (await redis.get(ctx.completenessKeys.report('2020-03-18'))) ?? 'null',
    );

  it('asks for the evening index until EDGAR has it, paced across replicas, then leaves the day alone', async () => {
    await publishAllBut(ctx.publisher, FORM_20200318, ['0001140361-20-006155']);
    const scheduler = runner({ schedule: true, retryMs: 300 });
    const other = runner({ schedule: true, retryMs: 300 });

    await scheduler.tick();
    expect(archive.requestsFor(INDEX_PATH_20200318)).toHaveLength(1);
    expect(await report()).toMatchObject({ checkedAt: null });
    // Within retryMs neither this replica nor another asks again.
    await other.tick();
    await scheduler.tick();
    expect(archive.requestsFor(INDEX_PATH_20200318)).toHaveLength(1);

    archive.script(INDEX_PATH_20200318, { body: FORM_20200318 });
    await new Promise((resolve) => setTimeout(resolve, 350));
    await other.tick();
    expect(archive.requestsFor(INDEX_PATH_20200318)).toHaveLength(2);
    expect(await report()).toMatchObject({
      indexed: 2666,
      have: 2666,
      late: 1,
      missing: [],
    });

    // Reconciled: later ticks, even past retryMs, leave it alone.
    await new Promise((resolve) => setTimeout(resolve, 350));
    await scheduler.tick();
    expect(archive.requestsFor(INDEX_PATH_20200318)).toHaveLength(2);
  });

  it('runs a day asked for on demand once, however many times it was asked', async () => {
    archive.script(INDEX_PATH_20200318, { body: FORM_20200318 });
    await publishAllBut(ctx.publisher, FORM_20200318, []);
    for (const at of [1, 2, 3])
      await redis.zAdd(
        ctx.completenessKeys.requests,
        { score: at, value: '2020-03-18' },
        { NX: true },
      );
    await runner({ schedule: false }).tick();
    expect(archive.requestsFor(INDEX_PATH_20200318)).toHaveLength(1);
    expect(await redis.zCard(ctx.completenessKeys.requests)).toBe(0);
    expect(await report()).toMatchObject({
      indexed: 2666,
      have: 2666,
      late: 0,
      missing: [],
    });
  });
});
