import { execFileSync } from 'node:child_process';

let cached: number | undefined;

/** `getconf CLK_TCK` (the unit of /proc CPU times), 100 when it cannot be read. */
export function clockTicksPerSecond(): number {
  if (cached === undefined) {
    try {
      cached =
        Number(
          execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim(),
        ) || 100;
    } catch {
      cached = 100;
    }
  }
  return cached;
}
