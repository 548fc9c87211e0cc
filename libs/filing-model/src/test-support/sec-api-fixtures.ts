// Real sec-api.io filing objects from ../shared/fixtures, for this library's specs only
// (excluded from the build: it reads files with Node).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const fixtures = join(__dirname, '../../../../../shared/fixtures/sec-api');
const readJson = (name: string) =>
  JSON.parse(readFileSync(join(fixtures, name), 'utf8'));

/** JOFF Fintech 10-Q (2021-06-11): data files, an effectiveness date. A fresh copy per call. */
export const joff = (): Record<string, unknown> =>
  readJson('filing-joff-10q.json');

/** Apple 10-K (2025-10-31), the filing inside a real Query API response. A fresh copy per call. */
export const aapl = (): Record<string, unknown> =>
  readJson('query-response-aapl-10k.json').filings[0];
