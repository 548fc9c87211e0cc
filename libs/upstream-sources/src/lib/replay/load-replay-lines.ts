import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

const gunzipAsync = promisify(gunzip);

/**
 * The non-empty lines of a gzip JSON-lines file, in file order. Asynchronous, so that loading
 * the day (a few MB unzipped) never blocks the service's event loop.
 *
 * @throws (rejects) when the file cannot be read or is not gzip.
 */
export async function loadReplayLines(file: string): Promise<string[]> {
  const text = (await gunzipAsync(await readFile(file))).toString('utf8');
  return text.split('\n').filter((line) => line.trim().length > 0);
}
