import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';

const workspaceRoot = join(__dirname, '../../..');
const benchmarksDir = join(workspaceRoot, 'tools/benchmarks/src');
/** issue 14: a benchmark's `main` wires its phases (`tools/benchmarks/src/lib/*-phase.ts`). */
const MAX_MAIN_LINES = 80;

/**
 * The lines of each function named `main` in `source` (declaration, or a const arrow/function
 * expression), from its first line to its closing brace.
 */
function mainLengths(fileName: string, source: string): number[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest);
  const line = (pos: number) => file.getLineAndCharacterOfPosition(pos).line;
  const lengths: number[] = [];
  const visit = (node: ts.Node): void => {
    const isMain =
      (ts.isFunctionDeclaration(node) && node.name?.text === 'main') ||
      (ts.isVariableDeclaration(node) &&
        ts.isIdentifier(node.name) &&
        node.name.text === 'main' &&
        node.initializer !== undefined &&
        (ts.isArrowFunction(node.initializer) ||
          ts.isFunctionExpression(node.initializer)));
    if (isMain)
      lengths.push(line(node.getEnd()) - line(node.getStart(file)) + 1);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return lengths;
}

/** The benchmark entry points: the scripts in tools/benchmarks/src that call runBenchmark. */
function benchmarkEntries(): string[] {
  return readdirSync(benchmarksDir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'))
    .filter((name) =>
      /\brunBenchmark\(/.test(readFileSync(join(benchmarksDir, name), 'utf8')),
    );
}

describe('benchmark entry points', () => {
  it('are found (the check would pass vacuously otherwise)', () => {
    expect(benchmarkEntries()).toEqual(
      expect.arrayContaining([
        'dashboard-bench.ts',
        'gateway-bench.ts',
        'ingest-bench.ts',
        'redis-memory-bench.ts',
        'rest-bench.ts',
      ]),
    );
  });

  it(`keep main() within ${MAX_MAIN_LINES} lines: phases live in modules of their own`, () => {
    const tooLong = benchmarkEntries().flatMap((name) => {
      const source = readFileSync(join(benchmarksDir, name), 'utf8');
      const lengths = mainLengths(name, source);
      if (lengths.length === 0) return [`${name}: no main()`];
      return lengths
        .filter((lines) => lines > MAX_MAIN_LINES)
        .map((lines) => `${name}: main() is ${lines} lines`);
    });
    expect(tooLong).toEqual([]);
  });

  it('measures main() from its first line to its closing brace', () => {
    const body = (n: number) => '  step();\n'.repeat(n);
    expect(
      mainLengths(
        'a.ts',
        `async function main(): Promise<void> {\n${body(79)}}\nrun(main);\n`,
      ),
    ).toEqual([81]);
    expect(
      mainLengths('b.ts', `const main = async () => {\n${body(3)}};\n`),
    ).toEqual([5]);
    expect(mainLengths('c.ts', 'function other() {}\n')).toEqual([]);
  });
});
