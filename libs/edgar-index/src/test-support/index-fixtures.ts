// Real daily indexes from ../shared/fixtures/edgar (see documents/README.md), for specs only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const edgar = join(__dirname, '../../../../../shared/fixtures/edgar');

/** `form.20200318.idx`, whole: 4,084 rows, 2,666 filings. */
export const FORM_20200318 = readFileSync(
  join(edgar, 'documents/daily_form_20200318_full.idx'),
  'latin1',
);
/** `company.20221003.idx`, whole: 4,925 rows, 3,195 filings. */
export const COMPANY_20221003 = readFileSync(
  join(edgar, 'documents/daily_company_20221003_full.idx'),
  'latin1',
);
/** `master.20200103.idx`: 7,989 rows, 4,655 filings. */
export const MASTER_20200103 = readFileSync(
  join(edgar, 'master.20200103.idx'),
  'latin1',
);
