import {
  matchesFilters,
  parseFilingFilters,
  type MatchableFiling,
  type NormalizedFilters,
} from '@secfeed/filing-model';

/** One entry of the Redis stream (XRANGE), with the fields filters read. */
export interface CheckedStreamEntry {
  readonly id: string;
  readonly accessionNo: string;
  readonly filing: MatchableFiling;
}

/** One `sec_filing` a client received: the position it came with and the filing's id. */
export interface ReceivedFiling {
  readonly position: string;
  readonly accessionNo: string;
}

/** What one WebSocket client saw, over every socket it opened. */
export interface CheckedClient {
  readonly name: string;
  /** The `filters` it subscribed with, as sent (`undefined`: everything). */
  readonly filters?: unknown;
  /**
   * The `position` of its first `subscribed` reply: it is owed every matching entry after it
   * (exclusive), and nothing before.
   */
  readonly after: string;
  readonly received: readonly ReceivedFiling[];
}

/** What is wrong with one sequence against what it should have been. */
export interface Findings {
  /** Ids present more than once (each listed once). */
  readonly duplicates: string[];
  /** Ids expected and never seen. */
  readonly missing: string[];
  /** Ids seen and not expected. */
  readonly extra: string[];
  /** Ids seen after one that should come later. */
  readonly outOfOrder: string[];
  /** Ids delivered with a position that is not their stream entry's id (clients only). */
  readonly wrongPosition: string[];
}

export interface InvariantInput {
  /** The valid filings the upstream sent, in the order it sent them (each once). */
  readonly sent: readonly string[];
  readonly stream: readonly CheckedStreamEntry[];
  readonly clients: readonly CheckedClient[];
  /**
   * `sent` (default): the stream must hold the filings in the order they were sent.
   * `any`: only the set must match (a gap backfill publishes old filings after newer live ones).
   * Clients are always checked against the stream's order.
   */
  readonly streamOrder?: 'sent' | 'any';
}

export interface InvariantReport {
  readonly ok: boolean;
  readonly stream: Findings;
  readonly clients: Readonly<Record<string, Findings>>;
}

/**
 * The fault suite's one invariant: every valid filing the upstream sent is in the stream exactly
 * once, and every client received, exactly once and in stream order, every stream entry after
 * its first `subscribed` position that its filters match; nothing extra, nothing missing.
 *
 * @example
 * ```ts
 * const report = checkInvariant({ sent: ['a', 'b'], stream, clients: [{ name: 'all', after: '0-0', received }] });
 * if (!report.ok) throw new Error(describeReport(report));
 * ```
 */
export function checkInvariant(input: InvariantInput): InvariantReport {
  const stream = compareSequences(
    input.sent,
    input.stream.map((entry) => entry.accessionNo),
    input.streamOrder !== 'any',
  );
  const idOf = new Map(input.stream.map((e) => [e.accessionNo, e.id]));
  const clients: Record<string, Findings> = {};
  for (const client of input.clients) {
    const expected = matchingIds(
      input.stream.filter((e) => comparePositions(e.id, client.after) > 0),
      client,
    );
    const received = client.received.map((r) => r.accessionNo);
    clients[client.name] = {
      ...compareSequences(expected, received, true),
      wrongPosition: client.received
        .filter(
          (r) =>
            idOf.has(r.accessionNo) && idOf.get(r.accessionNo) !== r.position,
        )
        .map((r) => r.accessionNo),
    };
  }
  const ok = [stream, ...Object.values(clients)].every(isClean);
  return { ok, stream, clients };
}

/**
 * Compares `actual` with `expected`. Out of order: an id that comes after one whose place in
 * `expected` is later (a filing held back shows as that one; a filing that jumped ahead shows
 * as the ones it jumped over).
 */
export function compareSequences(
  expected: readonly string[],
  actual: readonly string[],
  ordered: boolean,
): Findings {
  const place = new Map(expected.map((id, i) => [id, i]));
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  const extra: string[] = [];
  const outOfOrder: string[] = [];
  let furthest = -1;
  for (const id of actual) {
    if (seen.has(id)) {
      duplicates.add(id);
      continue;
    }
    seen.add(id);
    const at = place.get(id);
    if (at === undefined) {
      extra.push(id);
    } else if (ordered && at < furthest) {
      outOfOrder.push(id);
    } else {
      furthest = Math.max(furthest, at);
    }
  }
  return {
    duplicates: [...duplicates],
    missing: expected.filter((id) => !seen.has(id)),
    extra,
    outOfOrder,
    wrongPosition: [],
  };
}

/** One line per non-empty finding, for a failing test's message. */
export function describeReport(report: InvariantReport): string {
  const lines: string[] = [];
  const add = (who: string, findings: Findings) => {
    for (const [kind, ids] of Object.entries(findings) as Array<
      [string, string[]]
    >) {
      if (ids.length > 0)
        lines.push(
          `${who}: ${ids.length} ${kind} (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', ...' : ''})`,
        );
    }
  };
  add('stream', report.stream);
  for (const [name, findings] of Object.entries(report.clients))
    add(`client ${name}`, findings);
  return lines.length ? lines.join('\n') : 'invariant holds';
}

/** Orders stream positions `<ms>-<seq>` numerically (a string compare gets `9-0` > `10-0` wrong). */
export function comparePositions(a: string, b: string): number {
  const [aMs, aSeq] = a.split('-').map(BigInt);
  const [bMs, bSeq] = b.split('-').map(BigInt);
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  if (aSeq !== bSeq) return aSeq < bSeq ? -1 : 1;
  return 0;
}

/** The ids of `entries` that `client`'s filters match, in order. */
export function matchingIds(
  entries: ReadonlyArray<Pick<CheckedStreamEntry, 'accessionNo' | 'filing'>>,
  client: Pick<CheckedClient, 'name' | 'filters'>,
): string[] {
  const filters = normalize(client);
  return entries
    .filter((entry) => matchesFilters(entry.filing, filters))
    .map((entry) => entry.accessionNo);
}

const isClean = (findings: Findings): boolean =>
  Object.values(findings).every((ids: string[]) => ids.length === 0);

function normalize(
  client: Pick<CheckedClient, 'name' | 'filters'>,
): NormalizedFilters {
  const parsed = parseFilingFilters(client.filters);
  if (!parsed.ok)
    throw new Error(`client ${client.name}: invalid filters (${parsed.code})`);
  return parsed.filters;
}
