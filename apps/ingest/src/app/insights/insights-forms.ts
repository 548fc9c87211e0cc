const OWNERSHIP = new Set(['3', '4', '5']);
const STAKE = new Set(['SC 13D', 'SC 13G', 'SCHEDULE 13D', 'SCHEDULE 13G']);

/**
 * Whether ingest reads the documents of a filing of this form type (contracts §6): the 8-K
 * family (`8-K`, `8-K12B`, ...), Forms 3, 4 and 5, Schedules 13D and 13G (`SC 13D`,
 * `SCHEDULE 13G`), and the amendments of each (`/A`). Case and runs of spaces do not matter.
 *
 * @example
 * formHasInsights('4/A'); // true
 * formHasInsights('10-K'); // false
 */
export function formHasInsights(formType: string): boolean {
  const form = String(formType).trim().toUpperCase().replace(/\s+/g, ' ');
  const base = form.endsWith('/A') ? form.slice(0, -2) : form;
  return base.startsWith('8-K') || OWNERSHIP.has(base) || STAKE.has(base);
}
