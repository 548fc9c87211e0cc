/** What §6 reads from a form: its 8-K items, its ownership document or its stake. */
export type FormKind = 'items' | 'ownership' | 'stake';

const ITEMS = /^8-K(?:12B|12G3|15D5)?(?:\/A)?$/;
const OWNERSHIP = /^[345](?:\/A)?$/;
const STAKE = /^(?:SC|SCHEDULE) 13[DG](?:\/A)?$/;

/**
 * The kind of insights a form type has, or null for forms §6 says nothing about. Form types are
 * compared trimmed, upper case, with runs of spaces as one: `8-K`, `8-K/A`, `8-K12B`, `4`,
 * `4/A`, `SC 13G/A`, `SCHEDULE 13D`.
 */
export function formKind(formType: string): FormKind | null {
  const form = normalizeFormType(formType);
  if (ITEMS.test(form)) return 'items';
  if (OWNERSHIP.test(form)) return 'ownership';
  if (STAKE.test(form)) return 'stake';
  return null;
}

/** Trimmed, upper case, single spaces. */
export function normalizeFormType(formType: string): string {
  return typeof formType === 'string'
    ? formType.trim().toUpperCase().replace(/\s+/g, ' ')
    : '';
}
