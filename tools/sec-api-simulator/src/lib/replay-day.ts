import { readFileSync } from 'node:fs';
import { findDataFile } from '@secfeed/service-runtime';
import { gunzipSync } from 'node:zlib';

/** The replayed day that ships in the repo (see data/README.md). */
export const REPLAY_DAY_FILE = findDataFile(
  'replay/edgar-2020-01-03.jsonl.gz',
  __dirname,
);

/** A filing in the upstream wire shape; the simulator only reads these two fields. */
export interface WireFiling {
  accessionNo: string;
  filedAt: string;
  [field: string]: unknown;
}

/** Reads a gzip JSON-lines file of filings, in file order. */
export function loadReplayDay(file = REPLAY_DAY_FILE): WireFiling[] {
  return gunzipSync(readFileSync(file))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as WireFiling);
}

/**
 * The filing at position `index` of an endless replay: lap `n` of the day rewrites the two-digit
 * year of every accession number (`0001209191-20-000788` becomes `...-21-...` on lap 1), so
 * that each lap publishes distinct filings, as a long benchmark needs.
 */
export function filingAt(
  day: readonly WireFiling[],
  index: number,
): WireFiling {
  const lap = Math.floor(index / day.length);
  const filing = day[index % day.length];
  if (lap === 0) return filing;
  const [filer, year, seq] = filing.accessionNo.split('-');
  const lapYear = String((Number(year) + lap) % 100).padStart(2, '0');
  return { ...filing, accessionNo: `${filer}-${lapYear}-${seq}` };
}
