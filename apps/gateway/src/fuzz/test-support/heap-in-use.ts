import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Heap kept after a full collection, in MiB (turns on `gc` for this process). */
export function heapInUse(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed / 2 ** 20;
}
