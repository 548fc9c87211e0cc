import { toFiling, type Filing } from '@secfeed/filing-model';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const REPLAY_DAY = join(
  __dirname,
  '../../../../../data/replay/edgar-2020-01-03.jsonl.gz',
);

/** The first `count` real filings of the shipped replay day (2020-01-03), normalized as ingest stores them. */
export function replayFilings(count: number, from = 0): Filing[] {
  return gunzipSync(readFileSync(REPLAY_DAY))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(from, from + count)
    .map((line) => {
      const result = toFiling(JSON.parse(line), {
        source: 'replay',
        receivedAt: new Date().toISOString(),
      });
      if (!result.ok)
        throw new Error(
          `replay filing refused: ${JSON.stringify(result.reasons)}`,
        );
      return result.filing;
    });
}
