// µs per filing of toFiling over the shipped replay day, before (the class-validator path alone)
// and after (the fast path, falling back to it). A script, not a test: timings belong here.
//
//   TS_NODE_PROJECT=libs/filing-model/tsconfig.spec.json \
//     node -r ts-node/register/transpile-only libs/filing-model/src/bench/to-filing.bench.ts [rounds]
//
// Each round times one pass of the class-validator path and several passes of toFiling over
// all 4,655 filings, alternating so that machine noise hits both; the medians are reported.
import { toFiling, FilingMeta, ToFilingResult } from '../lib/to-filing';
import { toFilingByClassValidator } from '../lib/to-filing-by-class-validator';
import { replayDay } from '../test-support/replay-day';
import { aapl } from '../test-support/sec-api-fixtures';

type ToFilingFn = (raw: unknown, meta: FilingMeta) => ToFilingResult;

const meta: FilingMeta = {
  source: 'replay',
  receivedAt: '2020-01-03T11:00:47.000Z',
};

/** µs per filing of one timed loop of `passes` passes over `filings`. */
function timePasses(
  fn: ToFilingFn,
  filings: readonly unknown[],
  passes: number,
): number {
  let accepted = 0;
  const start = process.hrtime.bigint();
  for (let pass = 0; pass < passes; pass++) {
    for (const raw of filings) {
      if (fn(raw, meta).ok) accepted++;
    }
  }
  const elapsedNs = Number(process.hrtime.bigint() - start);
  if (accepted !== filings.length * passes) {
    throw new Error(`only ${accepted} of ${filings.length * passes} accepted`);
  }
  return elapsedNs / 1000 / (filings.length * passes);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function bench(
  label: string,
  filings: readonly unknown[],
  rounds: number,
): void {
  // Passes per round sized so that each timed loop runs for a good fraction of a second.
  const slowPasses = Math.max(1, Math.round(2000 / filings.length));
  const fastPasses = Math.max(1, Math.round(80_000 / filings.length));
  timePasses(toFilingByClassValidator, filings, slowPasses); // warm-up
  timePasses(toFiling, filings, fastPasses);
  const before: number[] = [];
  const after: number[] = [];
  for (let round = 0; round < rounds; round++) {
    before.push(timePasses(toFilingByClassValidator, filings, slowPasses));
    after.push(timePasses(toFiling, filings, fastPasses));
  }
  const [b, a] = [median(before), median(after)];
  console.log(
    `${label}: before ${b.toFixed(2)} µs/filing (class-validator), ` +
      `after ${a.toFixed(2)} µs/filing (toFiling), ${(b / a).toFixed(1)}x; ` +
      `medians of ${rounds} rounds; ` +
      `before [${before.map((v) => v.toFixed(1)).join(' ')}] ` +
      `after [${after.map((v) => v.toFixed(2)).join(' ')}]`,
  );
}

const rounds = Number(process.argv[2] ?? 7);
const day = replayDay();
bench(`replay day (${day.length} filings)`, day, rounds);
bench('Apple 10-K fixture (16 files)', [aapl()], rounds);
