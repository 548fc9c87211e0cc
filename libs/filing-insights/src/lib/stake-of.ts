import type {
  InsightsProblem,
  StakeFiler,
  StakeInsights,
} from '@secfeed/filing-model';
import { problem } from './insights-problem';

/** A CUSIP of zeros is EDGAR's placeholder for a class without one: `''`. */
export function cusipOf(raw: string): string {
  const cusip = raw.replace(/\s+/g, '').toUpperCase();
  return /^0+$/.test(cusip) ? '' : cusip;
}

/**
 * The §6 stake of an issuer and its filers, `percent` the largest percent of class reported.
 * A percent outside 0 to 100 is no percent (null, with a `VALUE_INVALID` problem); no filers
 * gives a `FIELD_MISSING` problem.
 */
export function stakeOf(
  issuer: { name: string; cusip: string },
  filers: StakeFiler[],
  problems: InsightsProblem[],
): StakeInsights {
  for (const filer of filers) {
    if (filer.percent !== null && (filer.percent < 0 || filer.percent > 100)) {
      problems.push(
        problem(
          'VALUE_INVALID',
          `percent of class ${filer.percent} of "${filer.name}" is not 0 to 100`,
        ),
      );
      filer.percent = null;
    }
  }
  if (filers.length === 0) {
    problems.push(problem('FIELD_MISSING', 'no reporting person'));
  }
  const percents = filers
    .map((filer) => filer.percent)
    .filter((percent): percent is number => percent !== null);
  return {
    issuer,
    filers,
    percent: percents.length > 0 ? Math.max(...percents) : null,
  };
}
