// Property fuzz of the stored-format decoders: on any string, any field set and any member
// they never throw and answer a value or one of the documented codes; what is encoded decodes
// back unchanged. Seeded, so a failure replays with FUZZ_SEED=<seed>.
import fc from 'fast-check';
import {
  decodeIndexMember,
  decodeStoredFiling,
  decodeStreamEntry,
  encodeIndexMember,
  encodeStreamEntry,
} from '../stored';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20200103);
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 3000);
const options = { seed: SEED, numRuns: RUNS };
const CODES = [
  'MISSING_FIELD',
  'NOT_JSON',
  'NOT_AN_OBJECT',
  'MALFORMED_MEMBER',
];

/** Text that is sometimes JSON (of any type), sometimes broken JSON, sometimes anything. */
const documentText = fc.oneof(
  fc.string(),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.jsonValue().map((value) => JSON.stringify(value).slice(0, -1)),
);

describe('stored format under random input', () => {
  it('decodeStoredFiling answers a document or NOT_JSON / NOT_AN_OBJECT, with typed fields', () => {
    fc.assert(
      fc.property(documentText, (text) => {
        const decoded = decodeStoredFiling(text);
        if (!decoded.ok) return CODES.includes(decoded.error.code);
        const { document, filedAtMs, ...strings } = decoded.value;
        return (
          typeof document === 'object' &&
          (filedAtMs === undefined || typeof filedAtMs === 'number') &&
          Object.values(strings).every((v) => typeof v === 'string')
        );
      }),
      options,
    );
  });

  it('decodeStreamEntry never throws on any fields, and reads back what was encoded', () => {
    const fields = fc.dictionary(
      fc.constantFrom('accessionNo', 'data', 'other'),
      documentText,
    );
    fc.assert(
      fc.property(fields, (entry) => {
        const decoded = decodeStreamEntry(entry);
        return decoded.ok || CODES.includes(decoded.error.code);
      }),
      options,
    );
    fc.assert(
      fc.property(
        fc.string(),
        fc.dictionary(fc.string(), fc.jsonValue()),
        (accessionNo, rest) => {
          const filing = { ...rest, accessionNo };
          const decoded = decodeStreamEntry(encodeStreamEntry(filing));
          return (
            decoded.ok &&
            decoded.value.accessionNo === accessionNo &&
            decoded.value.filing.accessionNo === accessionNo &&
            decoded.value.data === JSON.stringify(filing)
          );
        },
      ),
      options,
    );
  });

  it('decodeIndexMember reads back every encoded member and refuses the rest with a code', () => {
    const digits = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String);
    fc.assert(
      fc.property(
        digits,
        digits,
        fc.string({ minLength: 1 }),
        (ms, seq, accessionNo) => {
          const decoded = decodeIndexMember(
            encodeIndexMember(`${ms}-${seq}`, accessionNo),
          );
          return (
            decoded.ok &&
            decoded.value.position === `${ms}-${seq}` &&
            decoded.value.accessionNo === accessionNo
          );
        },
      ),
      options,
    );
    fc.assert(
      fc.property(fc.string(), (member) => {
        const decoded = decodeIndexMember(member);
        return decoded.ok || decoded.error.code === 'MALFORMED_MEMBER';
      }),
      options,
    );
  });
});
