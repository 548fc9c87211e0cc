import type {
  FilingInsights,
  InsightsProblem,
  StakeFiler,
} from '@secfeed/filing-model';
import { htmlToText } from './html-to-text';
import { INSIGHTS_LIMITS } from './insights-limits';
import { problem } from './insights-problem';
import { cusipOf, stakeOf } from './stake-of';
import { decimal } from './xml-values';

/** Row 1 of each cover page: "1 NAME OF REPORTING PERSON", "NAMES OF REPORTING PERSONS." */
const ROW_NAME = /\bNAMES? OF REPORTING PERSONS?\b/gi;
/** What may follow the row 1 label before the name (the old I.R.S. number caption). */
const NAME_CAPTION =
  /^[\s.:]*(?:(?:S\.S\.\s*OR\s*)?I\.?\s?R\.?\s?S\.?\s*IDENTIFICATION\s*NOS?\.?\s*OF\s*ABOVE\s*PERSONS?\s*(?:\(ENTITIES ONLY\))?[\s.:]*)?/i;
/** Row 2 ends the name. */
const ROW_2 = /(?:\b2\s*[.)]?\s*)?CHECK THE APPROPRIATE BOX/i;
const ROW_AGGREGATE =
  /AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON[\s.:]*/i;
const ROW_PERCENT =
  /PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW\s*\(?\s*(?:9|11)\s*\)?[\s.:]*/i;
/** A share count right after the row 9 label: `3,394,114`, `-0-`, `0`. */
const SHARES = /^(?:\(\d+\)\s*)?(-0-|\d[\d,]*(?:\.\d+)?)(?![\d,.]*\s*%)/;
/** A percent right after the row 11 label: `5.31%`, `9.9 %`, `0.0%`. */
const PERCENT = /^(?:\(\d+\)\s*)?(\d{1,3}(?:\.\d+)?)\s*%/;

/**
 * The §6 `stake` of a Schedule 13D or 13G filed before the XML format (text or HTML), read from
 * its cover pages, one per reporting person: row 1 (name), row 9 (aggregate amount) and row 11
 * (percent of class). Only what reads unambiguously counts: a percent that is not a number
 * with `%` right after the row 11 label leaves that filer's percent null with a
 * `STAKE_UNREADABLE` problem, and a document where no percent reads gives `{ problems }` only.
 * The issuer is `issuerName` when given (the header's subject company), else the cover's
 * "(Name of Issuer)" line; the CUSIP is the cover's "(CUSIP Number)". Reads at most
 * `INSIGHTS_LIMITS.legacyChars` characters. Never throws.
 */
export function insightsFromScheduleText(
  document: string,
  issuerName = '',
): FilingInsights {
  if (document.length > INSIGHTS_LIMITS.legacyChars) {
    return {
      problems: [
        problem(
          'DOCUMENT_TOO_LARGE',
          `document of ${document.length} characters is over the ${INSIGHTS_LIMITS.legacyChars} read`,
        ),
      ],
    };
  }
  const text = htmlToText(document);
  const problems: InsightsProblem[] = [];
  const filers = coverPages(text, problems);
  if (!filers.some((filer) => filer.percent !== null)) {
    return {
      problems: [
        ...problems,
        problem(
          'STAKE_UNREADABLE',
          'no cover page with a readable percent of class (row 11)',
        ),
      ],
    };
  }
  const issuer = {
    name: issuerName || coverIssuerName(text),
    cusip: coverCusip(text),
  };
  const stake = stakeOf(issuer, filers, problems);
  return problems.length > 0 ? { stake, problems } : { stake };
}

function coverPages(text: string, problems: InsightsProblem[]): StakeFiler[] {
  const starts = [...text.matchAll(ROW_NAME)].map(
    (m) => (m.index ?? 0) + m[0].length,
  );
  const filers: StakeFiler[] = [];
  starts.forEach((start, i) => {
    const page = text.slice(start, starts[i + 1] ?? text.length);
    const aggregate = ROW_AGGREGATE.exec(page);
    const percentRow = ROW_PERCENT.exec(page);
    if (!aggregate || !percentRow) return; // a mention in the body, not a cover page
    const end = page.search(ROW_2);
    const name = page
      .slice(0, end === -1 ? 0 : end)
      .replace(NAME_CAPTION, '')
      .trim();
    const afterShares = page.slice(
      aggregate.index + aggregate[0].length,
      aggregate.index + aggregate[0].length + 60,
    );
    const afterPercent = page.slice(
      percentRow.index + percentRow[0].length,
      percentRow.index + percentRow[0].length + 40,
    );
    const shares = SHARES.exec(afterShares);
    const percent = PERCENT.exec(afterPercent);
    if (!name || name.length > 200) {
      problems.push(
        problem(
          'STAKE_UNREADABLE',
          `cover page ${i + 1}: no reporting person name`,
        ),
      );
      return;
    }
    if (!percent) {
      problems.push(
        problem(
          'STAKE_UNREADABLE',
          `cover page of "${name}": percent of class not readable`,
        ),
      );
    }
    filers.push({
      name,
      shares: shares ? (shares[1] === '-0-' ? 0 : decimal(shares[1])) : null,
      percent: percent ? decimal(percent[1]) : null,
    });
  });
  return filers;
}

function coverIssuerName(text: string): string {
  const found =
    /(?:Act of 1934|\(Amendment No\.?[^)]{0,20}\)\*?)\s*(.{1,200}?)\s*\(Name of Issuer\)/i.exec(
      text.slice(0, 20_000),
    );
  if (!found) return '';
  return found[1].replace(/^\(Amendment No\.?[^)]{0,20}\)\*?\s*/i, '').trim();
}

function coverCusip(text: string): string {
  const head = text.slice(0, 20_000);
  const found =
    /\b([0-9A-Z]{6}\s?[0-9A-Z]{2}\s?[0-9A-Z]?)\s*\(CUSIP Number\)/i.exec(
      head,
    ) ??
    /CUSIP\s*(?:No\.?|Number)\s*:?\s*([0-9A-Z]{6}\s?[0-9A-Z]{2}\s?[0-9A-Z]?)\b/i.exec(
      head,
    );
  return found ? cusipOf(found[1]) : '';
}
