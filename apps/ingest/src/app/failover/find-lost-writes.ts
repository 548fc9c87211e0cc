import { STREAM_FIELDS } from '@secfeed/filing-model/stored';
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
  const present = publications.map(
    (p, i) => entries(found[i])[0]?.accessionNo === p.filing.accessionNo,
  );
  const oldestPresent = present.indexOf(true);
  if (oldestPresent < 0) return [];
  return publications.filter((_, i) => i > oldestPresent && !present[i]);
}

function entries(reply: unknown): Array<{ id: string; accessionNo?: string }> {
  if (!Array.isArray(reply)) return [];
  return reply.map(([id, fields]: [unknown, unknown]) => {
    const flat = Array.isArray(fields) ? fields.map(String) : [];
    const at = flat.indexOf(STREAM_FIELDS.accessionNo);
    return { id: String(id), accessionNo: at >= 0 ? flat[at + 1] : undefined };
  });
}
