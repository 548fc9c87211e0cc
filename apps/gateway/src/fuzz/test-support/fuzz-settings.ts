/**
 * The settings both gateway fuzz suites share: the seed (`FUZZ_SEED`, fixed in `npm test`), the
 * inputs per suite (`FUZZ_RUNS`), how many go in one fast-check run, and the heap growth
 * allowed over a whole suite (a bound, whatever its length).
 */
export const FUZZ = Object.freeze({
  seed: Number(process.env['FUZZ_SEED'] ?? 20200103),
  inputs: Number(process.env['FUZZ_RUNS'] ?? 10_000),
  perRun: 25,
  heapGrowthMiB: 48,
});

/** Test timeout for a suite: generous, and growing with `FUZZ_RUNS`. */
export const FUZZ_TIMEOUT_MS = Math.max(120_000, FUZZ.inputs * 20);
