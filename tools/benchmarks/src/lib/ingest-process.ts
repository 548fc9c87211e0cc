import { existsSync } from 'node:fs';
import { startNodeChild, type NodeChild } from './node-child';

/** The built ingest service (`node dist/apps/ingest/main.js`) running as a child process. */
export type IngestProcess = NodeChild;

export interface IngestProcessOptions {
  /** Path of the built `main.js`. */
  main: string;
  /** Variables added to this process's environment. */
  env: Record<string, string>;
  /** Called with every line the process writes. */
  onLine?: (line: string) => void;
  /** Extra `node` flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  cwd: string;
}

/** Starts the built ingest; throws if it was not built. */
export function startIngestProcess(
  options: IngestProcessOptions,
): IngestProcess {
  if (!existsSync(options.main)) {
    throw new Error(
      `${options.main} not found: build it first (npx nx build ingest), or run npm run bench:ingest`,
    );
  }
  return startNodeChild({
    args: [...(options.nodeArgs ?? []), options.main],
    env: options.env,
    cwd: options.cwd,
    onLine: options.onLine,
  });
}
