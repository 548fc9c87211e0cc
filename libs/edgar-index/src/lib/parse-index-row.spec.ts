import type { IndexLayout } from './index-layout';
import { parseIndexRow } from './parse-index-row';

describe('parseIndexRow', () => {
  const form: IndexLayout = { kind: 'form', nameColumn: 12 };

  // Regression (found by the edgar-index fuzz): the index is decoded as UTF-8, and a company
  // name holding U+2028 or U+2029 made the row unreadable (`.` does not match them), so the
  // reconciliation missed its filing.
  it.each(['\u2028', '\u2029', '\u0085', 'é', '😀'])(
    'reads a company name holding %j',
    (char) => {
      const parsed = parseIndexRow(
        `8-K         ACME${char} CORP                                                    1234        20200318    edgar/data/1234/0000001234-20-000001.txt`,
        form,
      );
      expect(parsed).toMatchObject({
        ok: true,
        row: {
          accessionNo: '0000001234-20-000001',
          formType: '8-K',
          companyName: `ACME${char} CORP`,
          cik: '1234',
        },
      });
    },
  );
});
