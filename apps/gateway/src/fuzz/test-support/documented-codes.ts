// The codes the user docs promise, read from the docs themselves: an answer the fuzz sees must
// carry one of them, so an undocumented code fails the suite until it is documented.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const docs = (name: string) =>
  readFileSync(join(__dirname, '../../../../../docs', name), 'utf8');

/** The lines of the section under `## <heading>`, up to the next `## `. */
function section(text: string, heading: string): string[] {
  const start = text.indexOf(`\n## ${heading}`);
  if (start < 0) throw new Error(`no section "${heading}"`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end).split('\n');
}

const firstCells = (lines: string[], cell: RegExp) =>
  lines.flatMap((line) => line.match(cell)?.[1] ?? []);

/** docs/protocol.md: error reply codes and close codes. */
export function protocolCodes(): { errors: Set<string>; closes: Set<number> } {
  const text = docs('protocol.md');
  return {
    errors: new Set(
      firstCells(
        section(text, 'Error codes'),
        /^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|/,
      ),
    ),
    closes: new Set(
      firstCells(section(text, 'Close codes'), /^\|\s*`(\d{4})`/).map(Number),
    ),
  };
}

/** docs/rest.md: `status -> codes` of the Errors table. */
export function restCodes(): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const line of section(docs('rest.md'), 'Errors')) {
    const match = line.match(/^\|\s*(\d{3})\s*\|\s*`([A-Z][A-Z0-9_]*)`\s*\|/);
    if (!match) continue;
    const status = Number(match[1]);
    out.set(status, (out.get(status) ?? new Set()).add(match[2]));
  }
  return out;
}

/** Every `UPPER_SNAKE` code in backticks on `lines`. */
const codesIn = (lines: string[]) =>
  lines.flatMap((line) =>
    [...line.matchAll(/`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{4,})`/g)].map(
      (m) => m[1],
    ),
  );

/**
 * Every code an HTTP answer of the gateway may carry in `{"error":{"code"}}`: the refusals of
 * docs/protocol.md (the table and the notes under it), the errors of docs/rest.md and what
 * docs/gateway.md's "Operating it" names (bad requests, files not served, Redis not there).
 */
export function httpCodes(): Set<string> {
  return new Set([
    ...codesIn(section(docs('protocol.md'), 'Refused connections')),
    ...codesIn(section(docs('rest.md'), 'Errors')),
    ...codesIn(section(docs('gateway.md'), 'Operating it')),
  ]);
}
