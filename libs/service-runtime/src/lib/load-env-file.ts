import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/**
 * Loads a `.env` file for local use into `env`, never overriding a variable already set
 * (contracts.md §5). A missing file is fine; a file is read once, at start.
 *
 * @returns the names of the variables it set.
 */
export function loadEnvFile(
  path = '.env',
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  if (!existsSync(path)) return [];
  const parsed = parseEnv(readFileSync(path, 'utf8')) as Record<string, string>;
  const set: string[] = [];
  for (const [name, value] of Object.entries(parsed)) {
    if (env[name] !== undefined) continue;
    env[name] = value;
    set.push(name);
  }
  return set;
}
