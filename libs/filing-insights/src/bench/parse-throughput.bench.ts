// Documents per second, one core, of each kind of document this library reads, over the real
// fixtures of ../shared/fixtures/edgar/documents. A script, not a test: timings belong here.
//
//   NX_DAEMON=false npx nx run filing-insights:bench   (or, with a number of rounds:)
//   TS_NODE_PROJECT=libs/filing-insights/tsconfig.bench.json \
//     node -r ts-node/register/transpile-only -r tsconfig-paths/register \
//     libs/filing-insights/src/bench/parse-throughput.bench.ts [rounds]
//
// Each round parses every document of a kind repeatedly for about half a second; the median
// round is reported. Node runs the script on one thread, so the figures are per core.
import type { FilingInsights } from '@secfeed/filing-model';
import {
  describeInsights,
  insightsFromOwnershipXml,
  insightsFromScheduleXml,
  insightsFromSubmission,
  itemsFromCodes,
} from '../index';
import { edgarDocument, FIXTURES } from '../test-support/edgar-documents';

interface Kind {
  label: string;
  files: string[];
  read: (text: string) => FilingInsights | unknown;
}

const KINDS: Kind[] = [
  {
    label: 'Form 3/4/5 ownership XML (8 docs, 4-29 KB)',
    files: [
      FIXTURES.form4Water,
      FIXTURES.form4Cook,
      FIXTURES.form4Levinson,
      FIXTURES.form4DutchBros,
      FIXTURES.form4Scarpelli,
      FIXTURES.form5McMahon,
      FIXTURES.form3Berkshire,
      FIXTURES.form3Garrett,
    ],
    read: insightsFromOwnershipXml,
  },
  {
    label: 'Form 4 full submission .txt (5 docs, 5-22 KB)',
    files: [
      FIXTURES.form4SubNicholas,
      FIXTURES.form4SubAar,
      FIXTURES.form4SubBetter,
      FIXTURES.form4SubDraftKings,
      FIXTURES.form4SubZip,
    ],
    read: (text) => insightsFromSubmission('4', text),
  },
  {
    label: '8-K full submission, items from the header (4 docs, 161-258 KB)',
    files: [
      FIXTURES.eightKSubNvidia,
      FIXTURES.eightKSub1895,
      FIXTURES.eightKSub3m,
      FIXTURES.eightKNcAcorn,
    ],
    read: (text) => insightsFromSubmission('8-K', text),
  },
  {
    label: 'Schedule 13D/G XML (4 docs, 10-22 KB)',
    files: [
      FIXTURES.schedule13dQxo,
      FIXTURES.schedule13dAAdia,
      FIXTURES.schedule13gAn2,
      FIXTURES.schedule13dArch,
    ],
    read: insightsFromScheduleXml,
  },
  {
    label: 'Schedule 13G legacy HTML cover pages (2 docs, 65-94 KB)',
    files: [FIXTURES.sc13gNcGlazer, FIXTURES.sc13gHtmlLivent],
    read: (text) => insightsFromSubmission('SC 13G', text),
  },
  {
    label: 'sec-api.io items strings (1 filing, 2 items)',
    files: [],
    read: () =>
      itemsFromCodes([
        'Item 2.02: Results of Operations and Financial Condition',
        'Item 9.01: Financial Statements and Exhibits',
      ]),
  },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** Documents per second of one round of about `ms` milliseconds. */
function round(kind: Kind, texts: string[], ms: number): number {
  let done = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (const text of texts) {
      const result = kind.read(text) as FilingInsights;
      if (result && typeof result === 'object' && 'problems' in result) {
        throw new Error(`${kind.label}: a fixture gave problems`);
      }
      done++;
    }
  }
  return done / ((performance.now() - start) / 1000);
}

const rounds = Number(process.argv[2] ?? 7);
for (const kind of KINDS) {
  const texts = kind.files.length > 0 ? kind.files.map(edgarDocument) : [''];
  round(kind, texts, 300); // warm-up
  const rates = Array.from({ length: rounds }, () => round(kind, texts, 500));
  console.log(
    `${kind.label}: ${Math.round(median(rates)).toLocaleString('en-US')} docs/s ` +
      `(median of ${rounds}; [${rates.map((r) => Math.round(r)).join(' ')}])`,
  );
}
const sample = insightsFromOwnershipXml(edgarDocument(FIXTURES.form4Cook));
const start = performance.now();
let lines = 0;
while (performance.now() - start < 500) {
  describeInsights('4', sample);
  lines++;
}
console.log(
  `describeInsights of a Form 4 (6 transactions): ${Math.round(lines / ((performance.now() - start) / 1000)).toLocaleString('en-US')} lines/s`,
);
