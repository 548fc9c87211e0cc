import type {
  FilingInsights,
  InsightsProblem,
  StakeFiler,
} from '@secfeed/filing-model';
import { parseXml } from './parse-xml';
import { cusipOf, stakeOf } from './stake-of';
import { at, first, list, numberOf, text, type XmlNode } from './xml-values';

/**
 * The §6 `stake` of a Schedule 13D or 13G (or amendment) filed as XML, EDGAR's structured
 * format of 2024-12 on (`edgarSubmission`, namespaces `schedule13D` and `schedule13g`), both
 * schema generations:
 * - 13D: persons in `reportingPersons/reportingPersonInfo` (`reportingPersonName`,
 *   `aggregateAmountOwned`, `percentOfClass`), CUSIP in `issuerInfo/issuerCUSIP` (X0101) or
 *   `issuerInfo/issuerCusips/issuerCusipNumber` (X0202);
 * - 13G: persons in `coverPageHeaderReportingPersonDetails` (`reportingPersonName`,
 *   `reportingPersonBeneficiallyOwnedAggregateNumberOfShares`, `classPercent`), CUSIP in
 *   `issuerInfo/issuerCusip` or `issuerInfo/issuerCusips/issuerCusipNumber`.
 * Never throws: unreadable XML gives `{ problems }`.
 */
export function insightsFromScheduleXml(xml: unknown): FilingInsights {
  const parsed = parseXml(xml, 'edgarSubmission');
  if (!parsed.ok) return { problems: [parsed.problem] };
  const form = at(parsed.root, 'formData');
  const info = at(form, 'coverPageHeader', 'issuerInfo');
  const issuer = {
    name: text(at(info, 'issuerName')),
    cusip: cusipOf(
      text(at(info, 'issuerCUSIP')) ||
        text(at(info, 'issuerCusip')) ||
        text(first(at(info, 'issuerCusips', 'issuerCusipNumber'))),
    ),
  };
  const filers = [
    ...list(at(form, 'reportingPersons', 'reportingPersonInfo')).map((person) =>
      filerOf(person, 'aggregateAmountOwned', 'percentOfClass'),
    ),
    ...list(at(form, 'coverPageHeaderReportingPersonDetails')).map((person) =>
      filerOf(
        person,
        'reportingPersonBeneficiallyOwnedAggregateNumberOfShares',
        'classPercent',
      ),
    ),
  ];
  const problems: InsightsProblem[] = [];
  const stake = stakeOf(issuer, filers, problems);
  return problems.length > 0 ? { stake, problems } : { stake };
}

function filerOf(
  person: XmlNode,
  sharesName: string,
  percentName: string,
): StakeFiler {
  return {
    name: text(at(person, 'reportingPersonName')),
    shares: numberOf(at(person, sharesName)),
    percent: numberOf(at(person, percentName)),
  };
}
