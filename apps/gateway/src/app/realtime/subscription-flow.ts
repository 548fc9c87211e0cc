import { filtersToJson, matchesFilters } from '@secfeed/filing-model';
import type { StreamEntry } from '@secfeed/stream-client';
import { toBroadcastEntry, type BroadcastEntry } from './broadcast-entry';
import type { ClientSession } from './client-session';
import type { FanOutHub } from './fan-out-hub';
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
 */
export async function subscribe(
  session: ClientSession,
  command: Subscribe,
  ctx: SubscriptionContext,
): Promise<void> {
  const generation = ++session.generation;
  const upTo = ctx.hub.lastDelivered;
  const filters = filtersToJson(command.filters);
  session.filters = command.filters;
  session.pending = [];
  session.deliveredUpTo = undefined;
  ctx.hub.subscribe(session, command.filters);
  if (command.since === undefined && command.snapshot === 0) {
    session.state = 'live';
    session.sendJson({
      type: 'subscribed',
      position: upTo,
      recovered: true,
      filters,
    });
    return;
  }
  session.state = 'pending';
  const current = () => session.generation === generation && session.open;
  // Without a recovery the client continues from `upTo` (its `subscribed.position`).
  let deliveredUpTo = upTo;
  try {
    const history =
      command.since === undefined
        ? snapshotOf(command, upTo, ctx)
        : replayAfter(command, command.since, upTo, ctx);
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
          filters,
        });
      } else if (!(await sendWithRoom(session, item, current, ctx))) return;
    }
    await goLive(session, deliveredUpTo, current, ctx);
  } catch (err) {
    if (!current()) return;
    unsubscribe(session, ctx.hub);
    session.sendJson({
      type: 'error',
      code: ERROR_CODES.HISTORY_UNAVAILABLE,
      message: 'history could not be read; subscribe again',
    });
    ctx.onHistoryFailure(session, err as Error);
  }
}

/** Ends `session`'s subscription; a catch-up in progress stops at its next step. */
export function unsubscribe(session: ClientSession, hub: FanOutHub): void {
  session.generation += 1;
  session.state = 'idle';
  session.pending = [];
  session.deliveredUpTo = undefined;
  session.filters = undefined;
  hub.unsubscribe(session);
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
  upTo: string,
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
  )) {
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
  ctx: SubscriptionContext,
): AsyncGenerator<HistoryItem> {
  const found: BroadcastEntry[] = [];
  const pages = readBackwards(
    ctx.redis,
    ctx.streamKey,
    upTo,
    ctx.pageSize,
    ctx.snapshotScanLimit,
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
  for (let i = 0; i < session.pending.length; i += 1) {
    const entry = session.pending[i];
    if (comparePositions(entry.id, after) <= 0) continue;
    if (!(await sendWithRoom(session, entry, current, ctx))) return;
  }
  // Synchronous from the last check of the buffer to here: no entry can slip in between.
  session.pending = [];
  session.deliveredUpTo = after;
  session.state = 'live';
}

/** Sends once the client has drained half its buffer; closes it as slow if it never does. */
async function sendWithRoom(
  session: ClientSession,
  entry: BroadcastEntry,
  current: () => boolean,
  ctx: SubscriptionContext,
): Promise<boolean> {
  const deadline = Date.now() + ctx.drainTimeoutMs;
  while (!session.hasRoom) {
    if (!current()) return false;
    if (Date.now() > deadline) {
      session.close(
        CLOSE_CODES.SLOW_CONSUMER,
        'cannot keep up with the replay',
      );
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return current() && session.sendFiling(entry);
}
