import { Expose, Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsNotEmpty,
  IsOptional,
  IsString,
  ValidateBy,
} from 'class-validator';
import {
  filterValueDescription,
  isFilterValue,
  MAX_FILTER_VALUES,
  normalizeFilterValue,
  type FilterValueKind,
} from './filter-value';
import { compose } from './wire-decorators';

export { MAX_FILTER_VALUES } from './filter-value';

/**
 * Normalizes the string entries of a list as REST does (filter-value.ts); a CIK may also come
 * as a JSON integer. Anything else is left for validation to name.
 */
const normalizedEntries = (kind: FilterValueKind) =>
  Transform(({ value }) =>
    Array.isArray(value)
      ? value.map((entry) => {
          if (
            kind === 'cik' &&
            typeof entry === 'number' &&
            Number.isSafeInteger(entry)
          )
            return normalizeFilterValue(kind, String(entry));
          return typeof entry === 'string'
            ? normalizeFilterValue(kind, entry)
            : entry;
        })
      : value,
  );

/** Each entry follows the one rule of its kind (filter-value.ts). */
const validEntries = (kind: FilterValueKind) =>
  ValidateBy(
    {
      name: `is-${kind}`,
      validator: { validate: (value) => isFilterValue(kind, value) },
    },
    {
      each: true,
      message: `each entry must be ${filterValueDescription(kind)}`,
    },
  );

/** An optional list of at most MAX_FILTER_VALUES entries (null counts as absent). */
function FilterList(...entryChecks: PropertyDecorator[]): PropertyDecorator {
  return compose(
    Expose(),
    Transform(({ value }) => (value === null ? undefined : value)),
    IsOptional(),
    IsArray({ message: 'must be an array' }),
    ArrayMaxSize(MAX_FILTER_VALUES, {
      message: `must have at most ${MAX_FILTER_VALUES} entries`,
    }),
    ...entryChecks,
  );
}

/** Strings first, so that a non-string entry is named as such. */
const nonEmptyStrings = [
  IsString({ each: true, message: 'each entry must be a string' }),
  IsNotEmpty({ each: true, message: 'each entry must not be empty' }),
];

/**
 * The `filters` of a `subscribe_sec_filings` message (contracts §3), as sent by a client.
 * Use {@link parseFilingFilters} to validate one and get {@link NormalizedFilters}.
 *
 * @example
 * ```json
 * { "tickers": ["aapl", "MSFT"], "ciks": ["0000320193"], "formTypes": ["10-K"], "includeAmendments": false }
 * ```
 */
export class FilingFilters {
  /** Tickers, any case; at most 100. */
  @FilterList(...nonEmptyStrings, validEntries('ticker'))
  @normalizedEntries('ticker')
  tickers?: string[];

  /** CIKs as digit strings (leading zeros allowed) or integers; at most 100. */
  @FilterList(validEntries('cik'))
  @normalizedEntries('cik')
  ciks?: string[];

  /** Form types, any case, e.g. `10-K`, `8-K`, `4`; at most 100. */
  @FilterList(...nonEmptyStrings, validEntries('formType'))
  @normalizedEntries('formType')
  formTypes?: string[];

  /** Whether `10-K` also matches `10-K/A`. Default true. */
  @Expose()
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  includeAmendments?: boolean;
}
