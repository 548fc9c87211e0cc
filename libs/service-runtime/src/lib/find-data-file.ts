import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Finds `data/<relative>` in the nearest folder at or above `from`: beside a built `main.js`
 * (the build copies `data/` there) or at the workspace root when running from source. Returns
 * the path beside `from` when none exists, so the error names where it was expected.
 *
 * @example findDataFile('replay/edgar-2020-01-03.jsonl.gz', __dirname)
 */
export function findDataFile(relative: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'data', relative);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return join(from, 'data', relative);
  }
}
