import { STREAM_FIELDS, streamEntryKind } from '@secfeed/filing-model/stored';
import type { RoutedCommands } from '@secfeed/service-runtime';
import { isAfter } from './mark-lost-positions';
import type { Publication } from './recent-publications';

/**
 * The publications Redis acknowledged that its stream no longer holds, with proof that they were
 * lost rather than trimmed. A publication is lost when it is absent (no entry at its position,
 * or another filing there: a new master with a slower clock may reuse a position) and either
 * - an older one of them is still there: a replica holds a prefix of its master's writes and an
 *   AOF a prefix of what was acknowledged, so what a failover or a restart loses is a run at the
 *   end, and absent publications before the oldest present one were trimmed; or
 * - its position is after the stream's last generated ID: the stream, as Redis has it now, never
 *   got that far, which is what a restart that lost the tail of its AOF (or a failover) leaves
 *   even when it took every filing this process published, while retention or `MAXLEN` trims
 *   never lower that ID.
 * When the stream is gone altogether, Redis was replaced empty (or lost everything it ever had
 * of the feed): nothing is reported, and the feed goes on from what the upstream sends next, as
 * docs/operations.md says. One `XRANGE p p` per publication and one `XINFO STREAM`, pipelined in
 * one round trip.
 */
export async function findLostWrites(
  commands: RoutedCommands,
  streamKey: string,
  publications: readonly Publication[],
): Promise<Publication[]> {
  const [lastGenerated, ...found] = await Promise.all([
    lastGeneratedId(commands, streamKey),
    ...publications.map((p) =>
      commands.sendCommand(['XRANGE', streamKey, p.position, p.position]),
    ),
  ]);
  if (lastGenerated === undefined) return [];
  // Only the filing's own entry counts: a new master may give the position to an insights
  // entry of the same accession number, which is not the filing.
  const present = publications.map(
    (p, i) => filingAccessions(found[i])[0] === p.filing.accessionNo,
  );
  const oldestPresent = present.indexOf(true);
  return publications.filter(
    (p, i) =>
      !present[i] &&
      ((oldestPresent >= 0 && i > oldestPresent) ||
        isAfter(p.position, lastGenerated)),
  );
}

/** The stream's `last-generated-id`, or `undefined` when the stream does not exist. */
async function lastGeneratedId(
  commands: RoutedCommands,
  streamKey: string,
): Promise<string | undefined> {
  const info = await commands
    .sendCommand(['XINFO', 'STREAM', streamKey])
    .catch((err: Error) => {
      if (/no such key/i.test(err.message)) return undefined;
      throw err;
    });
  if (!Array.isArray(info)) return undefined;
  const at = info.indexOf('last-generated-id');
  return at >= 0 ? String(info[at + 1]) : undefined;
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
