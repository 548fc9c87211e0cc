/**
 * Test helpers for projects that use `@secfeed/filing-model`: builders of valid filings.
 * Browser-safe like the library itself, so dashboard specs may use them too.
 */
export { makeFiling, makeRawFiling } from './lib/make-filing';
