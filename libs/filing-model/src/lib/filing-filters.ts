import { Expose, Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateBy,
} from 'class-validator';
import { canonicalCik, isCanonicalCik } from './cik';
import { FILING_LIMITS } from './filing-limits';
import { compose } from './wire-decorators';

/**
 * Most values one filter list may hold. A subscription is matched against every filing, so a
 * list of thousands would make one client cost as much as thousands; watchlists are far
 * shorter. The gateway answers `TOO_MANY_VALUES` above it.
 */
export const MAX_FILTER_VALUES = 100;

const { shortString } = FILING_LIMITS;

/** Upper-cases and trims string entries; anything else is left for validation to name. */
const upperCaseEntries = Transform(({ value }) =>
  Array.isArray(value)
    ? value.map((entry) =>
        typeof entry === 'string' ? entry.trim().toUpperCase() : entry,
      )
    : value,
);

/** A CIK may come as a string with or without zeros, or as a JSON number. */
const canonicalCikEntries = Transform(({ value }) =>
  Array.isArray(value)
    ? value.map((entry) =>
        canonicalCik(
          typeof entry === 'number' && Number.isSafeInteger(entry)
            ? String(entry)
            : entry,
        ),
      )
    : value,
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

const nonEmptyStrings = [
  IsString({ each: true, message: 'each entry must be a string' }),
  IsNotEmpty({ each: true, message: 'each entry must not be empty' }),
  MaxLength(shortString, {
    each: true,
    message: `each entry must be at most ${shortString} characters`,
  }),
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
  @FilterList(...nonEmptyStrings)
  @upperCaseEntries
  tickers?: string[];

  /** CIKs as digit strings (leading zeros allowed) or integers; at most 100. */
  @FilterList(
    ValidateBy(
      { name: 'isCik', validator: { validate: isCanonicalCik } },
      {
        each: true,
        message:
          'each entry must be a CIK: digits, at most 10 significant, not all zeros',
      },
    ),
  )
  @canonicalCikEntries
  ciks?: string[];

  /** Form types, any case, e.g. `10-K`, `8-K`, `4`; at most 100. */
  @FilterList(...nonEmptyStrings)
  @upperCaseEntries
  formTypes?: string[];

  /** Whether `10-K` also matches `10-K/A`. Default true. */
  @Expose()
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  includeAmendments?: boolean;
}
