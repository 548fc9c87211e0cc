import type { FilingItem } from '@secfeed/filing-model';

/** One Form 8-K item: its code, EDGAR's title and the few words a trader reads at a glance. */
export interface EightKItem {
  readonly code: string;
  /** As EDGAR writes it in submission headers, its feeds and the sec-api.io `items` strings. */
  readonly title: string;
  /** A few words for {@link describeInsights}, e.g. `results` for 2.02. */
  readonly label: string;
  /** Older or variant titles EDGAR headers carry for the same item. */
  readonly aliases?: readonly string[];
}

/**
 * The items of Form 8-K (General Instructions B and the form itself, as amended through the 2023
 * cybersecurity rule), with the titles EDGAR writes in `ITEM INFORMATION:` header lines and feed
 * summaries. EDGAR spells 5.02 with a colon before "Compensatory"; the form has a semicolon.
 * Aliases map the titles of the items as numbered before August 2004 (Items 1 to 12) onto the
 * current codes where the item carried over.
 */
export const EIGHT_K_ITEMS: readonly EightKItem[] = [
  {
    code: '1.01',
    title: 'Entry into a Material Definitive Agreement',
    label: 'agreement',
  },
  {
    code: '1.02',
    title: 'Termination of a Material Definitive Agreement',
    label: 'agreement ended',
  },
  { code: '1.03', title: 'Bankruptcy or Receivership', label: 'bankruptcy' },
  {
    code: '1.04',
    title: 'Mine Safety - Reporting of Shutdowns and Patterns of Violations',
    label: 'mine safety',
  },
  {
    code: '1.05',
    title: 'Material Cybersecurity Incidents',
    label: 'cybersecurity incident',
  },
  {
    code: '2.01',
    title: 'Completion of Acquisition or Disposition of Assets',
    label: 'acquisition or disposition',
    aliases: ['Acquisition or Disposition of Assets'],
  },
  {
    code: '2.02',
    title: 'Results of Operations and Financial Condition',
    label: 'results',
  },
  {
    code: '2.03',
    title:
      'Creation of a Direct Financial Obligation or an Obligation under an Off-Balance Sheet Arrangement of a Registrant',
    label: 'new debt',
  },
  {
    code: '2.04',
    title:
      'Triggering Events That Accelerate or Increase a Direct Financial Obligation or an Obligation under an Off-Balance Sheet Arrangement',
    label: 'debt accelerated',
  },
  {
    code: '2.05',
    title: 'Costs Associated with Exit or Disposal Activities',
    label: 'exit costs',
  },
  { code: '2.06', title: 'Material Impairments', label: 'impairment' },
  {
    code: '3.01',
    title:
      'Notice of Delisting or Failure to Satisfy a Continued Listing Rule or Standard; Transfer of Listing',
    label: 'delisting notice',
  },
  {
    code: '3.02',
    title: 'Unregistered Sales of Equity Securities',
    label: 'unregistered sale',
  },
  {
    code: '3.03',
    title: 'Material Modification to Rights of Security Holders',
    label: 'holder rights changed',
  },
  {
    code: '4.01',
    title: "Changes in Registrant's Certifying Accountant",
    label: 'auditor change',
  },
  {
    code: '4.02',
    title:
      'Non-Reliance on Previously Issued Financial Statements or a Related Audit Report or Completed Interim Review',
    label: 'non-reliance',
  },
  {
    code: '5.01',
    title: 'Changes in Control of Registrant',
    label: 'change in control',
  },
  {
    code: '5.02',
    title:
      'Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers: Compensatory Arrangements of Certain Officers',
    label: 'officers or directors',
    aliases: ["Resignations of Registrant's Directors"],
  },
  {
    code: '5.03',
    title:
      'Amendments to Articles of Incorporation or Bylaws; Change in Fiscal Year',
    label: 'bylaws or fiscal year',
    aliases: ['Change in Fiscal Year'],
  },
  {
    code: '5.04',
    title:
      "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans",
    label: 'benefit plan trading halt',
  },
  {
    code: '5.05',
    title:
      "Amendments to the Registrant's Code of Ethics, or Waiver of a Provision of the Code of Ethics",
    label: 'code of ethics',
  },
  {
    code: '5.06',
    title: 'Change in Shell Company Status',
    label: 'shell status',
  },
  {
    code: '5.07',
    title: 'Submission of Matters to a Vote of Security Holders',
    label: 'shareholder vote',
  },
  {
    code: '5.08',
    title: 'Shareholder Director Nominations',
    label: 'director nominations',
  },
  {
    code: '6.01',
    title: 'ABS Informational and Computational Material',
    label: 'ABS material',
  },
  {
    code: '6.02',
    title: 'Change of Servicer or Trustee',
    label: 'servicer or trustee',
  },
  {
    code: '6.03',
    title: 'Change in Credit Enhancement or Other External Support',
    label: 'credit enhancement',
  },
  {
    code: '6.04',
    title: 'Failure to Make a Required Distribution',
    label: 'missed distribution',
  },
  {
    code: '6.05',
    title: 'Securities Act Updating Disclosure',
    label: 'ABS update',
  },
  { code: '6.06', title: 'Static Pool', label: 'static pool' },
  {
    code: '6.10',
    title: 'Alternative Filings of Asset-Backed Issuers',
    label: 'ABS alternative filing',
  },
  { code: '7.01', title: 'Regulation FD Disclosure', label: 'Reg FD' },
  { code: '8.01', title: 'Other Events', label: 'other events' },
  {
    code: '9.01',
    title: 'Financial Statements and Exhibits',
    label: 'exhibits',
  },
];

const byCode = new Map(EIGHT_K_ITEMS.map((item) => [item.code, item]));

/** Titles compared without case, spacing or punctuation (`;` and `:` in 5.02 vary). */
const titleKey = (title: string): string =>
  title.toLowerCase().replace(/[^a-z0-9]+/g, '');

const byTitle = new Map<string, EightKItem>();
for (const item of EIGHT_K_ITEMS) {
  byTitle.set(titleKey(item.title), item);
  for (const alias of item.aliases ?? []) byTitle.set(titleKey(alias), item);
}

/** The item of a code such as `2.02`, or undefined. */
export function eightKItemByCode(code: string): EightKItem | undefined {
  return byCode.get(code);
}

/** The item whose EDGAR title (or an alias) is `title`, ignoring case and punctuation. */
export function eightKItemByTitle(title: string): EightKItem | undefined {
  return byTitle.get(titleKey(title));
}

/** The §6 `{ code, title }` of a table entry. */
export function filingItem(item: EightKItem): FilingItem {
  return { code: item.code, title: item.title };
}
