import { STREAM_FIELDS, streamEntryKind } from '@secfeed/filing-model/stored';
import type { RoutedCommands } from '@secfeed/service-runtime';
import type { Publication } from './recent-publications';

/**
 * The publications Redis acknowledged that its stream no longer holds, though an older one of
 * them is still there: no entry at their position, or another filing there (a new master with
 * a slower clock may reuse a position). A replica holds a prefix of its master's writes, so what
 * a failover loses is a run at the end; absent publications before the oldest present one were
 * trimmed, not lost. When none is present at all the stream was replaced or trimmed past them
 * all, not rolled back: nothing is reported (a Redis replaced empty is recovered as before). One
 * `XRANGE p p` per publication, pipelined in one round trip.
 */
export async function findLostWrites(
  commands: RoutedCommands,
  streamKey: string,
  publications: readonly Publication[],
): Promise<Publication[]> {
  const found = await Promise.all(
    publications.map((p) =>
      commands.sendCommand(['XRANGE', streamKey, p.position, p.position]),
    ),
  );
  // Only the filing's own entry counts: a new master may give the position to an insights
  // entry of the same accession number, which is not the filing.
  const present = publications.map(
    (p, i) => filingAccessions(found[i])[0] === p.filing.accessionNo,
  );
  const oldestPresent = present.indexOf(true);
  if (oldestPresent < 0) return [];
  return publications.filter((_, i) => i > oldestPresent && !present[i]);
}

/** The accession number of each filing entry of an `XRANGE` reply (other kinds: undefined). */
function filingAccessions(reply: unknown): Array<string | undefined> {
  if (!Array.isArray(reply)) return [];
  return reply.map(([, fields]: [unknown, unknown]) => {
    const flat = Array.isArray(fields) ? fields.map(String) : [];
    const record: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) record[flat[i]] = flat[i + 1];
    return streamEntryKind(record) === 'filing'
      ? record[STREAM_FIELDS.accessionNo]
      : undefined;
  });
}
