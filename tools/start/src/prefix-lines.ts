import type { Readable, Writable } from 'node:stream';

/** Colours for service prefixes, cycled; none when the output is not a terminal. */
const COLOURS = [36, 35, 33, 32, 34];

/**
 * Copies `input` to `output` line by line, each line led by `[name]` and passed through
 * `format` (e.g. JSON made readable), so the logs of several services read apart in one
 * terminal.
 */
export function prefixLines(
  name: string,
  index: number,
  input: Readable,
  output: Writable & { isTTY?: boolean },
  format: (line: string) => string = (line) => line,
): void {
  const label = output.isTTY
    ? `\x1b[${COLOURS[index % COLOURS.length]}m[${name}]\x1b[0m`
    : `[${name}]`;
  let partial = '';
  input.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) output.write(`${label} ${format(line)}\n`);
  });
  input.on('end', () => {
    if (partial) output.write(`${label} ${format(partial)}\n`);
  });
}
