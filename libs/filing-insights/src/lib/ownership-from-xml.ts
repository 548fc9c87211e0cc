import type {
  FilingInsights,
  InsightsProblem,
  OwnershipInsights,
  OwnershipOwner,
  OwnershipTransaction,
} from '@secfeed/filing-model';
import { problem } from './insights-problem';
import { mentionsRule10b51 } from './mentions-rule-10b5-1';
import { parseXml } from './parse-xml';
import {
  at,
  cikOf,
  flag,
  list,
  numberOf,
  text,
  type XmlNode,
} from './xml-values';

/**
 * The §6 `ownership` of a Form 3, 4 or 5 (or amendment) from its `ownershipDocument` XML, any
 * schema version EDGAR has used (X0101 to X0508): values with or without `<value>` wrappers,
 * booleans `1`/`0`/`true`/`false`, prices only in footnotes (null), several reporting owners.
 * Holdings (`nonDerivativeHolding`, `derivativeHolding`) are no transactions and are not listed:
 * a Form 3 gives `transactions: []`. The README says how each field is derived.
 *
 * Never throws: unreadable XML gives `{ problems }`; a row without a code, an A/D code, a share
 * count or a date is left out with a `TRANSACTION_UNREADABLE` problem.
 */
export function insightsFromOwnershipXml(xml: unknown): FilingInsights {
  const parsed = parseXml(xml, 'ownershipDocument');
  if (!parsed.ok) return { problems: [parsed.problem] };
  const doc = parsed.root;
  const problems: InsightsProblem[] = [];
  const issuer = {
    cik: cikOf(at(doc, 'issuer', 'issuerCik')),
    name: text(at(doc, 'issuer', 'issuerName')),
    ticker: tickerOf(text(at(doc, 'issuer', 'issuerTradingSymbol'))),
  };
  if (!issuer.cik && !issuer.name) {
    problems.push(
      problem('FIELD_MISSING', 'no issuer (issuerCik, issuerName)'),
    );
  }
  const owners = list(at(doc, 'reportingOwner')).map(ownerOf);
  if (owners.length === 0) {
    problems.push(problem('FIELD_MISSING', 'no reportingOwner'));
  }
  const transactions = [
    ...rows(
      at(doc, 'nonDerivativeTable', 'nonDerivativeTransaction'),
      false,
      problems,
    ),
    ...rows(
      at(doc, 'derivativeTable', 'derivativeTransaction'),
      true,
      problems,
    ),
  ];
  const ownership: OwnershipInsights = {
    issuer,
    owners,
    transactions,
    tenb51: flag(at(doc, 'aff10b5One')) || explainsRule10b51(doc),
  };
  return problems.length > 0 ? { ownership, problems } : { ownership };
}

/** `NONE`, `N/A`, `-` and the like mean no ticker; otherwise upper case, as `Filing.ticker`. */
function tickerOf(symbol: string): string {
  return /^(?:none|n\/?a|-+|\.+)$/i.test(symbol) ? '' : symbol.toUpperCase();
}

function ownerOf(owner: XmlNode): OwnershipOwner {
  const relation = at(owner, 'reportingOwnerRelationship');
  const officerTitle = text(at(relation, 'officerTitle'));
  return {
    cik: cikOf(at(owner, 'reportingOwnerId', 'rptOwnerCik')),
    name: text(at(owner, 'reportingOwnerId', 'rptOwnerName')),
    director: flag(at(relation, 'isDirector')),
    officer: flag(at(relation, 'isOfficer')),
    officerTitle: officerTitle || null,
    tenPercentOwner: flag(at(relation, 'isTenPercentOwner')),
    other: flag(at(relation, 'isOther')),
  };
}

function rows(
  nodes: XmlNode,
  derivative: boolean,
  problems: InsightsProblem[],
): OwnershipTransaction[] {
  const table = derivative ? 'derivative' : 'non-derivative';
  const transactions: OwnershipTransaction[] = [];
  list(nodes).forEach((row, index) => {
    const read = transactionOf(row, derivative);
    if (typeof read === 'string') {
      problems.push(
        problem(
          'TRANSACTION_UNREADABLE',
          `${table} row ${index + 1} left out: ${read}`,
        ),
      );
    } else transactions.push(read);
  });
  return transactions;
}

/** The row as a §6 transaction, or why it cannot be one. */
function transactionOf(
  row: XmlNode,
  derivative: boolean,
): OwnershipTransaction | string {
  const code = text(
    at(row, 'transactionCoding', 'transactionCode'),
  ).toUpperCase();
  if (!/^[A-Z]$/.test(code)) return 'no transactionCode';
  const amounts = at(row, 'transactionAmounts');
  const acquiredDisposed = text(
    at(amounts, 'transactionAcquiredDisposedCode'),
  ).toUpperCase();
  if (acquiredDisposed !== 'A' && acquiredDisposed !== 'D') {
    return 'no transactionAcquiredDisposedCode A or D';
  }
  const shares = numberOf(at(amounts, 'transactionShares'));
  if (shares === null || shares < 0) return 'no transactionShares';
  const date = /^\d{4}-\d{2}-\d{2}/.exec(text(at(row, 'transactionDate')));
  if (!date) return 'no transactionDate';
  return {
    security: text(at(row, 'securityTitle')),
    date: date[0],
    code,
    acquired: acquiredDisposed === 'A',
    shares,
    price: numberOf(at(amounts, 'transactionPricePerShare')),
    sharesAfter: numberOf(
      at(row, 'postTransactionAmounts', 'sharesOwnedFollowingTransaction'),
    ),
    derivative,
    direct:
      text(
        at(row, 'ownershipNature', 'directOrIndirectOwnership'),
      ).toUpperCase() !== 'I',
  };
}

/** True when a footnote or the remarks say a trade was made under a Rule 10b5-1 plan. */
function explainsRule10b51(doc: XmlNode): boolean {
  const notes = list(at(doc, 'footnotes', 'footnote')).map(text);
  return [...notes, text(at(doc, 'remarks'))].some(mentionsRule10b51);
}
