import { filtersToJson, matchesFilters } from '@secfeed/filing-model';
import type { StreamEntry } from '@secfeed/stream-client';
import type { RealtimeMetrics } from './realtime-metrics';
import { toBroadcastEntry, type BroadcastEntry } from './broadcast-entry';
import type { ClientSession } from './client-session';
import type { FanOutHub } from './fan-out-hub';
import { ScanCancelled, type PageGate } from './history-scan-slot';
import type { ClientCommand } from './parse-client-message';
import { CLOSE_CODES, ERROR_CODES } from './protocol-codes';
import {
  isRetained,
  readBackwards,
  readRange,
  streamRetention,
  type HistoryClient,
} from './stream-history';
import { comparePositions, maxPosition } from './stream-position';

/** What a subscription needs besides the session. */
export interface SubscriptionContext {
  readonly hub: FanOutHub;
  readonly redis: HistoryClient;
  readonly streamKey: string;
  /** Entries per XRANGE/XREVRANGE page of a replay or snapshot. */
  readonly pageSize: number;
  /** Most stream entries a snapshot looks through for matching filings. */
  readonly snapshotScanLimit: number;
  /** How long a catch-up waits for a client to drain its buffer before closing it as slow. */
  readonly drainTimeoutMs: number;
  readonly metrics: Pick<RealtimeMetrics, 'historyScans' | 'historyPages'>;
  /** A history read failed (Redis unavailable); the client got HISTORY_UNAVAILABLE. */
  readonly onHistoryFailure: (session: ClientSession, err: Error) => void;
}

type Subscribe = Extract<ClientCommand, { action: 'subscribe' }>;

/**
 * Subscribes `session` (replacing any subscription) and delivers, in order: `subscribed`, the
 * replay after `since` or the snapshot, then live filings, with no gap and no duplicate.
 *
 * The seam: the session is indexed at once in the `pending` state, so the hub buffers every
 * live entry it delivers from now on; `upTo`, the hub's last delivered position at that same
 * instant, bounds the history read `(since, upTo]`. Then the buffered entries (all after
 * `upTo`) are flushed and the session goes live, synchronously once the buffer is empty.
 * A retained `since` ahead of `upTo` (this gateway's reader lags) replays nothing; the entries up
 * to it, which the reader delivers later, are dropped for this session.
 *
 * The history read is the session's one scan ({@link HistoryScanSlot}): it cancels the scan of
 * the subscription it replaces, waits for that one to settle, and reads its pages within the
 * client's page budget.
 */
export async function subscribe(
  session: ClientSession,
  command: Subscribe,
  ctx: SubscriptionContext,
): Promise<void> {
  const catchingUp = !(command.since === undefined && command.snapshot === 0);
  const ticket = session.beginSubscription(command.filters, catchingUp);
  const upTo = ctx.hub.lastDelivered;
  const filters = filtersToJson(command.filters);
  ctx.hub.subscribe(session, command.filters);
  if (!catchingUp) {
    session.sendJson({
      type: 'subscribed',
      position: upTo,
      recovered: true,
      filters,
    });
    return;
  }
  const current = () => session.isCurrent(ticket);
  ctx.metrics.historyScans.inc();
  try {
    await session.scans.run((gate) =>
      catchUp(session, command, { upTo, filters, current, gate }, ctx),
    );
  } finally {
    ctx.metrics.historyScans.dec();
  }
}

/** Ends `session`'s subscription; a catch-up in progress stops at its next step. */
export function unsubscribe(session: ClientSession, hub: FanOutHub): void {
  session.endSubscription();
  hub.unsubscribe(session);
}

/** One catch-up: where its history ends, and how it knows it still matters. */
interface CatchUp {
  readonly upTo: string;
  readonly filters: ReturnType<typeof filtersToJson>;
  /** False once the subscription was replaced, ended or its client left. */
  readonly current: () => boolean;
  /** Awaited before each page read; rejects once the scan is cancelled. */
  readonly gate: PageGate;
}

/** Sends `subscribed` and the replay or snapshot, then goes live; errors end the subscription. */
async function catchUp(
  session: ClientSession,
  command: Subscribe,
  scan: CatchUp,
  ctx: SubscriptionContext,
): Promise<void> {
  const { upTo, current } = scan;
  const gate = countPages(scan.gate, ctx);
  // Without a recovery the client continues from `upTo` (its `subscribed.position`).
  let deliveredUpTo = upTo;
  try {
    const history =
      command.since === undefined
        ? snapshotOf(command, upTo, gate, ctx)
        : replayAfter(command, command.since, { ...scan, gate }, ctx);
    for await (const item of history) {
      if (!current()) return;
      if ('recovered' in item) {
        const { recovered } = item;
        if (recovered && command.since !== undefined)
          deliveredUpTo = maxPosition(upTo, command.since);
        session.sendJson({
          type: 'subscribed',
          position: upTo,
          recovered,
          filters: scan.filters,
        });
      } else if (!(await sendWithRoom(session, item, current, ctx))) return;
    }
    await goLive(session, deliveredUpTo, current, ctx);
  } catch (err) {
    if (err instanceof ScanCancelled || !current()) return;
    unsubscribe(session, ctx.hub);
    session.sendJson({
      type: 'error',
      code: ERROR_CODES.HISTORY_UNAVAILABLE,
      message: 'history could not be read; subscribe again',
    });
    ctx.onHistoryFailure(session, err as Error);
  }
}

/** `gate`, counting each page it lets through. */
function countPages(gate: PageGate, ctx: SubscriptionContext): PageGate {
  return async () => {
    await gate();
    ctx.metrics.historyPages.inc();
  };
}

/** The `subscribed` announcement (with its verdict), or a filing to send. */
type HistoryItem = BroadcastEntry | { readonly recovered: boolean };

/**
 * The announcement after the first page (its verdict needs the retention, read after the page
 * so that a trim in between is noticed), then the matching entries; nothing but the
 * announcement when `since` is no longer retained. Each later page is checked again: a trim that
 * overtakes a slow replay ends it with an error, never with a silent gap.
 */
async function* replayAfter(
  command: Subscribe,
  since: string,
  { upTo, gate, current }: CatchUp,
  ctx: SubscriptionContext,
): AsyncGenerator<HistoryItem> {
  const retained = async (position: string) =>
    isRetained(position, await streamRetention(ctx.redis, ctx.streamKey));
  let cursor = since;
  let announced = false;
  for await (const page of readRange(
    ctx.redis,
    ctx.streamKey,
    since,
    upTo,
    ctx.pageSize,
    gate,
  )) {
    // A page answered after a cancellation costs no retention check.
    if (!current()) throw new ScanCancelled();
    if (!(await retained(cursor))) {
      if (announced)
        throw new Error(`stream trimmed past ${cursor} during a replay`);
      yield { recovered: false };
      return;
    }
    if (!announced) yield { recovered: true };
    announced = true;
    yield* matching(page, command);
    cursor = page[page.length - 1].id;
  }
  if (!announced) yield { recovered: await retained(since) };
}

/** The newest `snapshot` matching entries at or before `upTo`, oldest first. */
async function* snapshotOf(
  command: Subscribe,
  upTo: string,
  gate: PageGate,
  ctx: SubscriptionContext,
): AsyncGenerator<HistoryItem> {
  const found: BroadcastEntry[] = [];
  const pages = readBackwards(
    ctx.redis,
    ctx.streamKey,
    upTo,
    ctx.pageSize,
    ctx.snapshotScanLimit,
    gate,
  );
  for await (const page of pages) {
    for (const entry of matching(page, command)) {
      if (found.push(entry) === command.snapshot) break;
    }
    if (found.length === command.snapshot) break;
  }
  yield { recovered: true };
  yield* found.reverse();
}

function* matching(
  page: StreamEntry[],
  command: Subscribe,
): Generator<BroadcastEntry> {
  for (const { id, fields } of page) {
    const built = toBroadcastEntry(id, fields);
    if (built.ok && matchesFilters(built.entry.filing, command.filters))
      yield built.entry;
  }
}

/**
 * Flushes the entries buffered during the catch-up (after `after`), then goes live, dropping
 * any later live entry at or before `after`.
 */
async function goLive(
  session: ClientSession,
  after: string,
  current: () => boolean,
  ctx: SubscriptionContext,
): Promise<void> {
  // Read anew each turn: the hub keeps adding live entries while this loop waits for room.
  for (let i = 0; i < session.heldEntries.length; i += 1) {
    const entry = session.heldEntries[i];
    if (comparePositions(entry.id, after) <= 0) continue;
    if (!(await sendWithRoom(session, entry, current, ctx))) return;
  }
  // A replaced subscription must not take over the state of the one replacing it.
  if (!current()) return;
  // Synchronous from the last check of the buffer to here: no entry can slip in between.
  session.goLive(after);
}

/**
 * Sends once the client has drained its buffer to half (woken by the socket, not by polling);
 * closes it as slow if it does not within `drainTimeoutMs`.
 */
async function sendWithRoom(
  session: ClientSession,
  entry: BroadcastEntry,
  current: () => boolean,
  ctx: SubscriptionContext,
): Promise<boolean> {
  if (!session.hasRoom && !(await session.waitForRoom(ctx.drainTimeoutMs))) {
    // No room in time: a slow consumer, unless the subscription or the client went first.
    if (current())
      session.close(
        CLOSE_CODES.SLOW_CONSUMER,
        'cannot keep up with the replay',
      );
    return false;
  }
  return current() && session.sendFiling(entry);
}
