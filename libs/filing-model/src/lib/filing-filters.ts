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
  filterNumberDescription,
  filterValueDescription,
  isFilterNumber,
  isFilterValue,
  MAX_FILTER_VALUES,
  normalizeFilterValue,
  type FilterNumberKind,
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

/** An optional number that follows the one rule of its kind (null counts as absent). */
function FilterNumber(kind: FilterNumberKind): PropertyDecorator {
  return compose(
    Expose(),
    IsOptional(),
    ValidateBy(
      {
        name: `is-${kind}`,
        validator: { validate: (value) => isFilterNumber(kind, value) },
      },
      { message: `must be ${filterNumberDescription(kind)}` },
    ),
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
 * { "formTypes": ["4"], "transactionCodes": ["P"], "minTransactionValue": 100000, "tenb51": false }
 * ```
 *
 * The last five fields need a filing's insights (contracts §6): a filing without `insights`
 * never passes them, so they match the `sec_filing_insights` message only.
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

  /** 8-K item codes such as `2.02`; a filing passes when it reports one of them. At most 100. */
  @FilterList(...nonEmptyStrings, validEntries('item'))
  @normalizedEntries('item')
  items?: string[];

  /** Form 4 transaction codes (`P`, `S`, `A`, `M`, `F`, `G`...), any case; at most 100. */
  @FilterList(...nonEmptyStrings, validEntries('transactionCode'))
  @normalizedEntries('transactionCode')
  transactionCodes?: string[];

  /**
   * Least shares x price (USD) of one ownership transaction; with `transactionCodes`, that
   * same transaction must have one of the codes.
   */
  @FilterNumber('minTransactionValue')
  minTransactionValue?: number;

  /** Whether the ownership filing was made under a Rule 10b5-1 plan (true) or not (false). */
  @Expose()
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  tenb51?: boolean;

  /** Least percent of class reported by a Schedule 13D or 13G, 0 to 100. */
  @FilterNumber('minStakePercent')
  minStakePercent?: number;
}
