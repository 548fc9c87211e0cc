// The SEC's company_tickers_exchange.json arrives as an HTTP body that ingest's daily refresh
// parses: whatever text comes, parseCompanyTickers never throws, and a map it accepts holds only
// well-formed share classes. Inputs: the real shipped file with rows replaced by random JSON,
// cut anywhere, and random JSON documents. Seeded: FUZZ_SEED=<n> replays a failure, FUZZ_RUNS=<n>
// runs longer (`npm run fuzz`).
import { findDataFile } from '@secfeed/service-runtime';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import {
  DEFAULT_COMPANY_TICKERS_LIMITS,
  parseCompanyTickers,
} from '../app/tickers/parse-company-tickers';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20200103);
const RUNS = Math.ceil(Number(process.env['FUZZ_RUNS'] ?? 600) / 3);
const shipped = readFileSync(
  findDataFile('edgar/company-tickers-exchange.json', __dirname),
  'utf8',
);
const real = JSON.parse(shipped) as { fields: string[]; data: unknown[][] };
/** A slice of the real file, so that every run parses quickly. */
const sample = real.data.slice(0, 300);
const LIMITS = { minCiks: 1 };

/** Whatever parseCompanyTickers answers must be a refusal or a well-formed table. */
function expectWellFormed(text: string): void {
  const parsed = parseCompanyTickers(text, LIMITS);
  if (!parsed.ok) {
    expect(typeof parsed.reason).toBe('string');
    return;
  }
  for (const [cik, classes] of parsed.table) {
    expect(cik).toMatch(/^[1-9]\d{0,9}$/);
    expect(classes.length).toBeGreaterThan(0);
    expect(classes.length).toBeLessThanOrEqual(
      DEFAULT_COMPANY_TICKERS_LIMITS.maxClassesPerCik,
    );
    for (const { ticker, exchange } of classes) {
      expect(ticker).toMatch(/^[A-Z0-9][A-Z0-9.\-/]{0,15}$/);
      if (exchange !== null) expect(exchange.length).toBeGreaterThan(0);
    }
  }
}

describe('parseCompanyTickers under fuzz', () => {
  const run = <T extends unknown[]>(property: fc.IProperty<T>) =>
    fc.assert(property, { seed: SEED, numRuns: RUNS });

  it('takes the real file as it is', () => {
    const parsed = parseCompanyTickers(shipped);
    expect(parsed.ok && parsed.table.size).toBeGreaterThan(7_000);
  });

  it('never throws on real rows replaced by random JSON values', () => {
    run(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: sample.length - 1 }), fc.jsonValue()), {
          minLength: 1,
          maxLength: 8,
        }),
        (edits) => {
          const data = sample.map((row) => [...row]) as unknown[];
          for (const [at, value] of edits) data[at] = value;
          expectWellFormed(JSON.stringify({ fields: real.fields, data }));
        },
      ),
    );
  });

  it('never throws on the file cut anywhere or with bytes spliced in', () => {
    const text = JSON.stringify({ fields: real.fields, data: sample });
    run(
      fc.property(
        fc.nat({ max: text.length }),
        fc.string({ maxLength: 20 }),
        fc.boolean(),
        (at, junk, cut) =>
          expectWellFormed(
            cut ? text.slice(0, at) : text.slice(0, at) + junk + text.slice(at),
          ),
      ),
    );
  });

  it('never throws on random JSON documents and text', () => {
    run(
      fc.property(
        fc.oneof(
          fc.json(),
          fc.string(),
          fc
            .record({ fields: fc.jsonValue(), data: fc.jsonValue() })
            .map((v) => JSON.stringify(v)),
        ),
        (text) => expectWellFormed(text),
      ),
    );
  });
});
