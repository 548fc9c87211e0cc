import type { FilingInsights } from '@secfeed/filing-model';
import { formKind, normalizeFormType } from './form-kind';
import { INSIGHTS_LIMITS } from './insights-limits';
import { problem } from './insights-problem';
import { itemsFromHeader } from './items-from-header';
import { insightsFromOwnershipXml } from './ownership-from-xml';
import { kindOf } from './parse-xml';
import { insightsFromScheduleText } from './schedule-from-text';
import { insightsFromScheduleXml } from './schedule-from-xml';
import { headerCompanyName, sgmlHeader } from './sgml-header';
import { submissionDocuments } from './submission-documents';

/**
 * What §6 says of a filing, from EDGAR's full submission text (`<accession>.txt`: the SGML
 * header, then `<DOCUMENT>` blocks with `<TYPE>` and `<TEXT>`, often `<XML>`; the `.nc` feed
 * format too):
 * - 8-K family (`8-K`, `8-K/A`, `8-K12B`, ...): `items` from the header;
 * - Forms 3, 4, 5 and amendments: `ownership` from the first document holding an
 *   `ownershipDocument` (see {@link insightsFromOwnershipXml});
 * - Schedules 13D and 13G and amendments (`SC 13D`, `SCHEDULE 13G/A`, ...): `stake` from the
 *   XML primary document (see {@link insightsFromScheduleXml}), or from a legacy text or HTML
 *   document's cover pages where the percent of class reads reliably, else a problem;
 * - any other form: `{}`.
 *
 * The submission may be of any length: the header is looked for in its first
 * `INSIGHTS_LIMITS.headerChars` characters and one document is parsed, within the caps of
 * {@link INSIGHTS_LIMITS}. Never throws; never returns a problem for a form it does not know.
 */
export function insightsFromSubmission(
  formType: string,
  submissionText: string,
): FilingInsights {
  const kind = formKind(formType);
  if (kind === null) return {};
  if (typeof submissionText !== 'string') {
    return {
      problems: [
        problem(
          'INPUT_NOT_TEXT',
          `expected submission text, got ${kindOf(submissionText)}`,
        ),
      ],
    };
  }
  if (kind === 'items') return itemsFromHeader(submissionText);
  return kind === 'ownership'
    ? ownershipOf(submissionText)
    : stakeOf(normalizeFormType(formType), submissionText);
}

function ownershipOf(submission: string): FilingInsights {
  for (const document of submissionDocuments(submission)) {
    const xml = document.xml();
    if (xml !== null && xml.includes('<ownershipDocument')) {
      return insightsFromOwnershipXml(xml);
    }
  }
  return {
    problems: [
      problem('DOCUMENT_MISSING', 'no ownershipDocument XML in the submission'),
    ],
  };
}

function stakeOf(formType: string, submission: string): FilingInsights {
  const schedule = formType.replace(/^SCHEDULE /, 'SC ').replace(/\/A$/, '');
  for (const document of submissionDocuments(submission)) {
    const xml = document.xml();
    if (xml !== null && xml.includes('<edgarSubmission')) {
      return insightsFromScheduleXml(xml);
    }
    const type = document.type
      .toUpperCase()
      .replace(/^SCHEDULE /, 'SC ')
      .replace(/\/A$/, '');
    if (type === schedule && xml === null) {
      const header = sgmlHeader(
        submission.slice(0, INSIGHTS_LIMITS.headerChars),
      );
      return insightsFromScheduleText(
        document.text(),
        headerCompanyName(header, 'SUBJECT COMPANY'),
      );
    }
  }
  return {
    problems: [
      problem('DOCUMENT_MISSING', `no ${formType} document in the submission`),
    ],
  };
}
