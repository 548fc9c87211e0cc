/**
 * Test helpers for projects that use `@secfeed/filing-model`: builders of valid filings, and the
 * table of filter values every filter parser must agree on.
 * Browser-safe like the library itself, so dashboard specs may use them too.
 */
export { makeFiling, makeRawFiling } from './lib/make-filing';
export {
  FILTER_NUMBER_CASES,
  FILTER_VALUE_CASES,
} from './lib/filter-value-cases';
export type {
  FilterNumberCase,
  FilterValueCase,
} from './lib/filter-value-cases';
