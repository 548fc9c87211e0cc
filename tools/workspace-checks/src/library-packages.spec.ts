import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeConsumerProject } from './consumer-project';

const workspaceRoot = join(__dirname, '../../..');
const libraries = [
  'filing-model',
  'redis-keys',
  'dedup',
  'reconnect-policy',
  'stream-client',
] as const;
/** The libraries' runtime dependencies outside the workspace. */
const thirdParty = [
  'class-transformer',
  'class-validator',
  'reflect-metadata',
  'redis',
  'rxjs',
  'tslib',
  'ws',
];

/**
 * Each library is published on its own: built by `nx build <lib>` (a task dependency of this
 * project's tests), packed with `npm pack`, and installed into a project outside the workspace,
 * offline, from the npm cache that `npm ci` filled (through a consumer lockfile). Nothing here resolves through the
 * workspace's `tsconfig` paths or `node_modules`.
 */
describe('libraries as packages', () => {
  let scratch: string;
  let consumer: string;

  /** Runs a command; on failure, throws with what it printed (tsc reports on stdout). */
  const run = (cmd: string, args: string[], cwd: string): string => {
    try {
      return execFileSync(cmd, args, {
        cwd,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (err) {
      const { stdout = '', stderr = '' } = err as {
        stdout?: string;
        stderr?: string;
      };
      throw new Error(`${cmd} ${args.join(' ')} failed:\n${stdout}${stderr}`);
    }
  };

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'secfeed-pack-'));
    consumer = join(scratch, 'consumer');
    mkdirSync(consumer);
    const tarballs = libraries.map((lib) => {
      const [packed] = JSON.parse(
        run(
          'npm',
          [
            'pack',
            join(workspaceRoot, 'dist/libs', lib),
            '--json',
            '--pack-destination',
            scratch,
          ],
          scratch,
        ),
      ) as Array<{ filename: string }>;
      return join(scratch, packed.filename);
    });
    // A consumer's lockfile pins the third-party packages to the tree the workspace was tested
    // with; `npm ci --offline` then installs it all from the cache `npm ci` filled.
    writeConsumerProject(
      consumer,
      join(workspaceRoot, 'package-lock.json'),
      libraries.map((lib, i) => ({
        name: `@secfeed/${lib}`,
        tarball: tarballs[i],
      })),
      thirdParty,
    );
    run(
      'npm',
      ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'],
      consumer,
    );
  });

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it.each(libraries)(
    '%s builds a package.json, JavaScript and type declarations',
    (lib) => {
      const dist = join(workspaceRoot, 'dist/libs', lib);
      const manifest = JSON.parse(
        readFileSync(join(dist, 'package.json'), 'utf8'),
      );
      expect(manifest.name).toBe(`@secfeed/${lib}`);
      expect(existsSync(join(dist, manifest.main))).toBe(true);
      expect(existsSync(join(dist, manifest.types))).toBe(true);
      expect(manifest.exports['.']).toBeDefined();
    },
  );

  it('installs outside the workspace with its dependencies', () => {
    for (const lib of libraries) {
      expect(
        existsSync(
          join(consumer, 'node_modules/@secfeed', lib, 'package.json'),
        ),
      ).toBe(true);
    }
    // Runtime dependencies come along; none is borrowed from the workspace.
    for (const dep of thirdParty) {
      expect(
        existsSync(join(consumer, 'node_modules', dep, 'package.json')),
      ).toBe(true);
    }
  });

  it('works when required from plain Node (CommonJS), secondary entry points included', () => {
    writeFileSync(join(consumer, 'probe.cjs'), PROBE);
    const result = JSON.parse(run(process.execPath, ['probe.cjs'], consumer));
    expect(result).toEqual(EXPECTED_PROBE);
  });

  it('type-checks from TypeScript through the packages exports', () => {
    writeFileSync(join(consumer, 'index.ts'), TYPED_CONSUMER);
    const tsc = join(workspaceRoot, 'node_modules/typescript/bin/tsc');
    const args = [
      '--noEmit',
      '--strict',
      '--module',
      'node16',
      '--moduleResolution',
      'node16',
      '--target',
      'es2022',
      '--skipLibCheck',
      'index.ts',
    ];
    expect(() => run(process.execPath, [tsc, ...args], consumer)).not.toThrow();
    // And a wrong use is caught by the shipped declarations, so the check above means something.
    writeFileSync(
      join(consumer, 'index.ts'),
      `${TYPED_CONSUMER}\nconst n: number = createRedisKeys('').stream;\n`,
    );
    expect(() => run(process.execPath, [tsc, ...args], consumer)).toThrow(
      /not assignable to type 'number'/,
    );
  });
});

const fixture = join(
  workspaceRoot,
  '../shared/fixtures/sec-api/filing-joff-10q.json',
);

/**
 * Uses each installed package the way a team's own service would: parse a real upstream frame,
 * publish it exactly once into the real Redis under a throwaway prefix, read it back from the
 * stream, and use the browser-safe retry policy from its own package.
 */
const PROBE = `
const { readFileSync } = require('node:fs');
const { createClient } = require('redis');
const model = require('@secfeed/filing-model');
const { makeFiling } = require('@secfeed/filing-model/testing');
const { matchesFilters } = require('@secfeed/filing-model/filters');
const stored = require('@secfeed/filing-model/stored');
const { createRedisKeys, hashSlot } = require('@secfeed/redis-keys');
const { FilingPublisher, decodeStreamEntry } = require('@secfeed/dedup');
const { redactUrl } = require('@secfeed/stream-client');
const { backoffDelay } = require('@secfeed/reconnect-policy');

(async () => {
  const frame = '[' + readFileSync(${JSON.stringify(fixture)}, 'utf8') + ']';
  const parsed = model.parseStreamFrame(frame, { source: 'sec-api', receivedAt: new Date().toISOString() });
  const filters = model.parseFilingFilters({ tickers: ['joff'], formTypes: ['10-Q'] });
  const keys = createRedisKeys('pack-probe-' + process.pid + ':');
  const client = createClient({ url: 'redis://127.0.0.1:6379' });
  await client.connect();
  try {
    const publisher = new FilingPublisher(client, { keys });
    const first = await publisher.publish(parsed.filings[0]);
    const again = await publisher.publish(parsed.filings[0]);
    const entries = await client.xRange(keys.stream, '-', '+');
    console.log(JSON.stringify({
      parsed: parsed.filings.map((f) => [f.accessionNo, f.ticker, f.cik]),
      rejects: parsed.rejects.length,
      matches: model.matchesFilters(parsed.filings[0], filters.filters),
      matchesAlone: matchesFilters(parsed.filings[0], filters.filters),
      testing: typeof makeFiling().accessionNo,
      sameSlot: hashSlot(keys.stream) === hashSlot(keys.seen(parsed.filings[0].accessionNo)),
      publish: [first.status, again.status, first.position === again.position],
      streamed: entries.map((e) => decodeStreamEntry(e.message).accessionNo),
      storedTickers: entries.map((e) => {
        const decoded = stored.decodeStreamEntry(e.message);
        return decoded.ok && decoded.value.filing.ticker;
      }),
      redacted: redactUrl('wss://stream.sec-api.io?apiKey=SECRET').includes('SECRET'),
      backoff: backoffDelay(0, {}, () => 0.5),
    }));
  } finally {
    for await (const batch of client.scanIterator({ MATCH: keys.prefix + '*', COUNT: 100 })) {
      if (batch.length) await client.del(batch);
    }
    await client.quit();
  }
})().catch((err) => { console.error(err); process.exit(1); });
`;

const EXPECTED_PROBE = {
  parsed: [['0001213900-21-032169', 'JOFF', '1824149']],
  rejects: 0,
  matches: true,
  matchesAlone: true,
  testing: 'string',
  sameSlot: true,
  publish: ['published', 'duplicate', true],
  streamed: ['0001213900-21-032169'],
  storedTickers: ['JOFF'],
  redacted: false,
  backoff: 275,
};

const TYPED_CONSUMER = `
import { parseStreamFrame, type Filing } from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';
import { matchesFilters } from '@secfeed/filing-model/filters';
import { decodeStoredFiling, type StoredDecodeResult, type StoredFiling } from '@secfeed/filing-model/stored';
import { createRedisKeys } from '@secfeed/redis-keys';
import { FilingPublisher, type PublishResult } from '@secfeed/dedup';
import { reconnectingSocket, type SocketEvent } from '@secfeed/stream-client';
import { backoffDelay } from '@secfeed/reconnect-policy';

const filings: Filing[] = parseStreamFrame('[]', { source: 'replay', receivedAt: '' }).filings;
const one: Filing = makeFiling();
const matched: boolean = matchesFilters(one, {
  tickers: new Set(),
  ciks: new Set(),
  formTypes: new Set(),
  includeAmendments: true,
});
const key: string = createRedisKeys('').stream;
const document: StoredDecodeResult<StoredFiling> = decodeStoredFiling('{}');
const delay: number = backoffDelay(1);
type Publish = (f: Filing) => Promise<PublishResult>;
const publish: Publish | undefined = undefined as unknown as FilingPublisher['publish'];
const events: ((e: SocketEvent) => void) | undefined = undefined;
export { filings, one, key, document, delay, publish, events, reconnectingSocket };
`;
