// The shipped replay day (data/replay/edgar-2020-01-03.jsonl.gz): 4,655 real EDGAR filings in
// sec-api.io's shape, one JSON object a line. For specs and benchmarks only (it reads files with
// Node, so it is excluded from the build).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const REPLAY_DAY_PATH = join(
  __dirname,
  '../../../../data/replay/edgar-2020-01-03.jsonl.gz',
);

/** Every filing of the replay day, parsed, in file order. A fresh copy per call. */
export function replayDay(): Record<string, unknown>[] {
  return gunzipSync(readFileSync(REPLAY_DAY_PATH))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
