// The backfill of a past day with `npm run reconcile`, killed midway and run again: real
// processes, real Redis, a real HTTP stand-in of EDGAR's archive serving the real daily index
// of 2020-03-18.
import { FilingPublisher } from '@secfeed/dedup';
import { parseEdgarIndex } from '@secfeed/edgar-index';
import { createCompletenessKeys, createRedisKeys } from '@secfeed/redis-keys';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  testRedisUrl,
  uniqueKeyPrefix,
  waitUntil,
  type TestRedis,
} from '@secfeed/test-kit';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  FORM_20200318,
  INDEX_PATH_20200318,
} from '../app/completeness/test-support/edgar-day';
import {
  publishAllBut,
  streamFilings,
} from '../app/completeness/test-support/reconcile-context';
import {
  startArchiveStandIn,
  type ArchiveStandIn,
} from '../app/insights/test-support/archive-stand-in';

jest.setTimeout(60_000);

const WORKSPACE = join(__dirname, '../../../..');
const DATE = '2020-03-18';
const ALL = parseEdgarIndex(FORM_20200318).accessions.map((a) => a.accessionNo);
/** What the live sources missed that day: 40 accessions spread over the index. */
const MISSED = ALL.filter((_, i) => i % 67 === 0);

/** One run of the reconcile CLI as a child process, its stderr log parsed line by line. */
interface CliRun {
  readonly child: ChildProcess;
  readonly logs: Array<Record<string, unknown>>;
  readonly stdout: () => string;
  /** Exit code, or the signal's name. */
  readonly exited: Promise<number | string>;
}

/** `npm run reconcile -- --date <date>` as package.json runs it, configured by environment only. */
function runReconcile(date: string, env: NodeJS.ProcessEnv): CliRun {
  const child = spawn(
    process.execPath,
    [
      '-r',
      require.resolve('ts-node/register/transpile-only'),
      '-r',
      require.resolve('tsconfig-paths/register'),
      join(WORKSPACE, 'apps/ingest/src/app/completeness/reconcile-cli.ts'),
      '--date',
      date,
    ],
    {
      // Not the workspace: no .env of a developer's is read.
      cwd: '/',
      env: {
        PATH: process.env['PATH'] ?? '',
        TS_NODE_PROJECT: join(WORKSPACE, 'tsconfig.base.json'),
        TS_NODE_COMPILER_OPTIONS: '{"module":"commonjs"}',
        ...env,
      },
    },
  );
  const logs: Array<Record<string, unknown>> = [];
  let partial = '';
  let stdout = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ msg: line });
      }
    }
  });
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('close', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return { child, logs, stdout: () => stdout, exited };
}

const backfilling = (run: CliRun) =>
  run.logs.filter((l) => l['msg'] === 'Completeness: backfilling');

/** The accession of an SGML header request. */
const headerAccession = (path: string) =>
  /\/(\d{10}-\d{2}-\d{6})\.hdr\.sgml$/.exec(path)?.[1];

describe('backfill of a past day, killed and run again', () => {
  const prefix = uniqueKeyPrefix('backfill');
  const keys = createRedisKeys(prefix);
  const completenessKeys = createCompletenessKeys(prefix);
  let redis: TestRedis;
  let archive: ArchiveStandIn;
  const runs: CliRun[] = [];

  beforeAll(async () => {
    redis = await connectTestRedis();
    archive = await startArchiveStandIn();
  });
  afterAll(async () => {
    for (const run of runs) run.child.kill('SIGKILL');
    await archive.close();
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  });

  it('carries on where the killed run stopped: every accession of the index in the stream exactly once', async () => {
    // The headers answer 404: each missing filing is built from its index row alone.
    archive.script(INDEX_PATH_20200318, { body: FORM_20200318 });
    expect(MISSED).toHaveLength(40);
    const before = await publishAllBut(
      new FilingPublisher(redis, { keys }),
      FORM_20200318,
      MISSED,
    );
    const env = {
      REDIS_URL: testRedisUrl(),
      SECFEED_KEY_PREFIX: prefix,
      EDGAR_ARCHIVES_URL: archive.url,
      EDGAR_REQUESTS_PER_SECOND: '9',
      // 2020 is long past; a retention this long lets the day be told.
      SECFEED_RETENTION_DAYS: '36500',
      LOG_LEVEL: 'info',
    };

    // First run: killed once it says its first batch of 20 is published.
    const first = runReconcile(DATE, env);
    runs.push(first);
    await waitUntil(
      () => backfilling(first).some((l) => Number(l['published']) >= 20),
      'the first batch published',
      30_000,
    );
    expect(await redis.xLen(keys.stream)).toBeGreaterThanOrEqual(before + 20);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const publishedFirst = (await streamFilings(redis, keys))
      .filter((f) => f.source === 'edgar-index')
      .map((f) => f.accessionNo);
    expect(publishedFirst.length).toBeGreaterThanOrEqual(20);
    expect(publishedFirst.length).toBeLessThan(MISSED.length);
    expect(backfilling(first).at(-1)).toMatchObject({
      date: DATE,
      total: 2666,
      published: publishedFirst.length,
    });

    // The dead run's lock, and its progress, lapse within the lock's TTL: nothing extends them.
    const lock = completenessKeys.lock(DATE);
    expect(await redis.pTTL(lock)).toBeGreaterThan(0);
    expect(await redis.pTTL(lock)).toBeLessThanOrEqual(15_000);
    await waitUntil(
      async () =>
        (await redis.exists([lock, completenessKeys.progress(DATE)])) === 0,
      "the killed run's lock to lapse",
      20_000,
    );

    // Second run: publishes the rest, fetching only what is not in the stream yet.
    const requestsBefore = archive.requests.length;
    const second = runReconcile(DATE, env);
    runs.push(second);
    expect(await second.exited).toBe(0);
    const outcome = JSON.parse(second.stdout()) as {
      kind: string;
      report: Record<string, unknown>;
    };
    expect(outcome).toMatchObject({
      kind: 'reconciled',
      report: { date: DATE, indexed: 2666, have: 2666, missing: [], late: 40 },
    });
    expect(
      JSON.parse((await redis.get(completenessKeys.report(DATE))) ?? '{}'),
    ).toEqual(outcome.report);

    const filings = await streamFilings(redis, keys);
    const accessions = filings.map((f) => f.accessionNo);
    expect(accessions).toHaveLength(ALL.length);
    expect(new Set(accessions)).toEqual(new Set(ALL));
    expect(
      filings
        .filter((f) => f.source === 'edgar-index')
        .map((f) => f.accessionNo)
        .sort(),
    ).toEqual([...MISSED].sort());

    const fetchedAgain = archive.requests
      .slice(requestsBefore)
      .map((r) => headerAccession(r.path))
      .filter((a): a is string => a !== undefined);
    expect(fetchedAgain.sort()).toEqual(
      MISSED.filter((a) => !publishedFirst.includes(a)).sort(),
    );
    expect(backfilling(second).at(-1)).toMatchObject({
      date: DATE,
      done: 2666,
      total: 2666,
      published: MISSED.length - publishedFirst.length,
    });
  });
});
