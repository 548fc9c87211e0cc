/**
 * What compressing a REST answer costs (docs/benchmarks.md, REST history, "Choosing the
 * levels"): pages of 1 to 200 `makeFiling` filings, as `GET /api/filings` joins them, each
 * compressed with Brotli 4, 5, 6 and gzip 1, 6 on the calling thread, and with Brotli 4 and
 * gzip 6 through zlib's thread pool (the round trip the gateway waits for above
 * `SYNC_BELOW_BYTES`). Each figure is the median of 150 runs after 10 of warm-up, in one
 * process, no server, no Redis.
 *
 * Run:
 *   TS_NODE_PROJECT=tools/benchmarks/tsconfig.json node -r ts-node/register/transpile-only \
 *     -r tsconfig-paths/register tools/benchmarks/src/json-compression-levels.ts
 */
import { makeFiling } from '@secfeed/filing-model/testing';
import { loadavg } from 'node:os';
import { promisify } from 'node:util';
import {
  brotliCompress,
  brotliCompressSync,
  constants,
  gzip,
  gzipSync,
  type BrotliOptions,
} from 'node:zlib';

const FORMS = ['4', '8-K', '10-Q', '10-K', 'SC 13G', '424B2', '4/A', '8-K/A'];
const RUNS = 150;

/** A page body as the gateway sends it: the stored documents joined, and a cursor. */
function page(count: number): Buffer {
  const filings = Array.from({ length: count }, (_, i) =>
    JSON.stringify(
      makeFiling({
        ticker: ['AAPL', 'MSFT', 'NVDA'][i % 3],
        cik: String(1000 + (i % 50)),
        formType: FORMS[i % FORMS.length],
        filedAt: new Date(Date.now() - i * 30_000).toISOString(),
      }),
    ),
  );
  return Buffer.from(
    `{"filings":[${filings.join(',')}],"next":"djEuMTc0MTYxMzQwMDAwMC4wMDAxNzQxNjEzNDAwMDAwLTA"}`,
  );
}

/** The gateway's Brotli options (compress-answer.ts) at `quality`. */
function brotli(quality: number, size: number): BrotliOptions {
  const window = Math.min(22, Math.max(10, Math.ceil(Math.log2(size + 1))));
  return {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: quality,
      [constants.BROTLI_PARAM_SIZE_HINT]: size,
      [constants.BROTLI_PARAM_LGWIN]: window,
    },
  };
}

/** Median microseconds of `work`. */
async function median(work: () => unknown): Promise<number> {
  for (let i = 0; i < 10; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    await work();
    samples.push(Number(process.hrtime.bigint() - started) / 1e3);
  }
  return Math.round(samples.sort((a, b) => a - b)[RUNS >> 1]);
}

async function main(): Promise<void> {
  console.log(
    `load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const brotliAsync = promisify(brotliCompress);
  const gzipAsync = promisify(gzip);
  for (const count of [1, 3, 8, 15, 50, 100, 200]) {
    const body = page(count);
    const cells = [`${count} filings, ${body.length} B`];
    for (const quality of [4, 5, 6]) {
      const options = brotli(quality, body.length);
      const bytes = brotliCompressSync(body, options).length;
      const us = await median(() => brotliCompressSync(body, options));
      cells.push(`br ${quality}: ${bytes} B, ${us} us`);
    }
    for (const level of [1, 6]) {
      const bytes = gzipSync(body, { level }).length;
      const us = await median(() => gzipSync(body, { level }));
      cells.push(`gzip ${level}: ${bytes} B, ${us} us`);
    }
    const brAsync = await median(() =>
      brotliAsync(body, brotli(4, body.length)),
    );
    const gzAsync = await median(() => gzipAsync(body, { level: 6 }));
    cells.push(`async br 4 / gzip 6: ${brAsync} / ${gzAsync} us`);
    console.log(cells.join(' | '));
  }
}

void main();
