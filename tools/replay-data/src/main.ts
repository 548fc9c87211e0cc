/**
 * Builds the replay data set that ships in the repo, from the real EDGAR data in
 * ../shared/fixtures/edgar: `data/replay/edgar-2020-01-03.jsonl.gz` (one filing per accession,
 * sorted by synthesized acceptance time), `data/edgar/cik-tickers.json` (CIK to primary ticker,
 * which the replay and the simulator use) and `data/edgar/company-tickers-exchange.json` (every
 * ticker and exchange of each CIK, the offline default of ingest's ticker directory). Run with
 * `npx nx run replay-data:generate`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { seededRandom } from './acceptance-times';
import { groupByAccession, parseMasterIndex } from './master-index';
import { toReplayFiling } from './replay-filing';
import {
  SecCompanyTickersExchange,
  shippedCompanyTickers,
} from './share-class-table';
import { SecCompanyTickers, tickerMap } from './ticker-map';

const root = join(__dirname, '../../..');
const fixtures = join(root, '../shared/fixtures/edgar');
const DAY = '20200103';
const SEED = Number(DAY);

const tickers = tickerMap(
  JSON.parse(
    readFileSync(join(fixtures, 'company_tickers.json'), 'utf8'),
  ) as SecCompanyTickers,
);
const shareClasses = shippedCompanyTickers(
  JSON.parse(
    readFileSync(join(fixtures, 'company_tickers_exchange.json'), 'utf8'),
  ) as SecCompanyTickersExchange,
);
const rows = parseMasterIndex(
  readFileSync(join(fixtures, 'master.20200103.idx'), 'latin1'),
);
const random = seededRandom(SEED);
const filings = groupByAccession(rows)
  .map((group) => toReplayFiling(group, tickers, random, DAY))
  .sort(
    (a, b) =>
      a.filedAt.localeCompare(b.filedAt) ||
      a.accessionNo.localeCompare(b.accessionNo),
  );

mkdirSync(join(root, 'data/replay'), { recursive: true });
mkdirSync(join(root, 'data/edgar'), { recursive: true });
const lines = filings.map((f) => JSON.stringify(f)).join('\n') + '\n';
writeFileSync(
  join(root, 'data/replay/edgar-2020-01-03.jsonl.gz'),
  gzipSync(lines, { level: 9 }),
);
writeFileSync(
  join(root, 'data/edgar/cik-tickers.json'),
  JSON.stringify(tickers) + '\n',
);
// One security a line, so that a refreshed copy reads as a short diff.
writeFileSync(
  join(root, 'data/edgar/company-tickers-exchange.json'),
  `{"fields":${JSON.stringify(shareClasses.fields)},"data":[\n` +
    shareClasses.data.map((row) => JSON.stringify(row)).join(',\n') +
    '\n]}\n',
);
console.log(
  `${rows.length} index rows -> ${filings.length} filings ` +
    `(${filings.filter((f) => f.ticker).length} with a ticker); ${Object.keys(tickers).length} CIK tickers; ` +
    `${shareClasses.data.length} listed securities`,
);
