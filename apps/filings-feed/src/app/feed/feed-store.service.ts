import { Injectable, inject, signal } from '@angular/core';
import type { Filing, FilingInsights } from '@secfeed/filing-model';
import { withInsights } from '../shared/filing-insights-of';
import type { FeedEntry } from './feed-entry';
import { FEED_LIMITS } from './feed-limits';
import { insertEntry, mergeEntries } from './merge-entries';

/**
 * The one list: history pages and live filings merged newest first, one row per accession
 * number. While paused, live filings wait in a queue (counted by {@link pendingCount}) and
 * join the list on {@link resume}, so the rows do not move under the reader.
 *
 * Bounded for a page kept open for days ({@link FEED_LIMITS}): at most `maxRows` rows (the
 * oldest go first) and at most `maxRows` queued while paused (the newest stay), so at most
 * 2 x `maxRows` filings and accession numbers are held, however long the page runs.
 */
@Injectable({ providedIn: 'root' })
export class FeedStore {
  private readonly maxRows = inject(FEED_LIMITS).maxRows;
  private readonly entriesState = signal<readonly FeedEntry[]>([]);
  private readonly pendingState = signal<readonly FeedEntry[]>([]);
  private readonly pendingCountState = signal(0);
  private readonly pausedState = signal(false);
  private readonly truncatedState = signal(false);
  /**
   * Accession numbers in the list or the queue, exactly (a row dropped by the bound leaves it
   * too): a live filing arrives up to 50 times a second over thousands of rows, so the
   * duplicate check must not walk them.
   */
  private readonly known = new Set<string>();

  /** Every row, newest first. */
  readonly entries = this.entriesState.asReadonly();
  /** Whether live updates are frozen. */
  readonly paused = this.pausedState.asReadonly();
  /** Live filings waiting for {@link resume}. */
  readonly pending = this.pendingState.asReadonly();
  /** Live filings that arrived while paused (also those the queue's bound let go). */
  readonly pendingCount = this.pendingCountState.asReadonly();
  /**
   * Whether the bound dropped the oldest rows since history was last replaced: the list no
   * longer reaches back to the pages read, so older pages must not be appended after it.
   */
  readonly truncated = this.truncatedState.asReadonly();

  /**
   * Replaces history with `filings` (a fresh first page), keeping rows that arrived live so a
   * reload never drops what the socket delivered meanwhile.
   */
  replaceHistory(filings: readonly Filing[]): void {
    const live = this.entriesState().filter((entry) => entry.liveAt !== null);
    const entries = mergeEntries(live, filings.map(historyEntry));
    this.known.clear();
    for (const entry of [...entries, ...this.pendingState()])
      this.known.add(entry.filing.accessionNo);
    this.truncatedState.set(false);
    this.entriesState.set(this.bounded(entries));
  }

  /** Adds an older page (duplicates of rows already shown are ignored). */
  appendHistory(filings: readonly Filing[]): void {
    const merged = mergeEntries(
      this.entriesState(),
      filings.map(historyEntry),
      this.known,
    );
    for (const filing of filings) this.known.add(filing.accessionNo);
    this.entriesState.set(this.bounded(merged));
  }

  /**
   * Adds a live filing, or queues it while paused. Returns whether it is new to the list
   * (not a duplicate of a row or of a queued filing).
   */
  addLive(filing: Filing, now = Date.now()): boolean {
    if (this.known.has(filing.accessionNo)) return false;
    this.known.add(filing.accessionNo);
    const entry: FeedEntry = { filing, liveAt: now };
    if (this.pausedState()) {
      this.pendingCountState.update((count) => count + 1);
      this.pendingState.update((queue) => {
        // Full: the oldest arrival gives way (it would be trimmed on resume anyway).
        const kept =
          queue.length < this.maxRows ? queue : this.forget(queue, 1);
        return [...kept, entry];
      });
    } else {
      this.entriesState.update((current) =>
        this.bounded(insertEntry(current, entry)),
      );
    }
    return true;
  }

  /**
   * Attaches the insights of a `sec_filing_insights` message to its row (or queued filing),
   * in place: the row keeps its position and its "new" mark. A filing not in the list is added
   * as a live one when the message carries it (a subscription with insight filters gets no
   * `sec_filing` for it). Returns the filing as the list now holds it and whether it is new
   * to the list; `null` when there is nothing to show.
   */
  applyInsights(
    accessionNo: string,
    insights: FilingInsights,
    carried: Filing | null,
    now = Date.now(),
  ): { readonly filing: Filing; readonly added: boolean } | null {
    if (!this.known.has(accessionNo)) {
      if (carried === null) return null;
      const filing = withInsights(carried, insights);
      return this.addLive(filing, now) ? { filing, added: true } : null;
    }
    let updated: Filing | null = null;
    const attach = (entries: readonly FeedEntry[]) => {
      const i = entries.findIndex(
        (entry) => entry.filing.accessionNo === accessionNo,
      );
      if (i < 0) return entries;
      updated = withInsights(entries[i].filing, insights);
      const next = [...entries];
      next[i] = { ...entries[i], filing: updated };
      return next;
    };
    this.entriesState.update(attach);
    this.pendingState.update(attach);
    return updated === null ? null : { filing: updated, added: false };
  }

  pause(): void {
    this.pausedState.set(true);
  }

  /** Unfreezes and applies the queued filings, marked new from now. */
  resume(now = Date.now()): void {
    const queued = this.pendingState().map((entry) => ({
      ...entry,
      liveAt: now,
    }));
    this.pausedState.set(false);
    this.pendingState.set([]);
    this.pendingCountState.set(0);
    this.entriesState.update((current) =>
      this.bounded(mergeEntries(current, queued)),
    );
  }

  /** `entries` (ordered) cut to the newest `maxRows`; the rows dropped are forgotten. */
  private bounded(entries: FeedEntry[]): FeedEntry[] {
    if (entries.length <= this.maxRows) return entries;
    this.truncatedState.set(true);
    return this.forget(entries, entries.length - this.maxRows, true);
  }

  /** Drops `count` entries (from the end, or else the start) and their accession numbers. */
  private forget(
    entries: readonly FeedEntry[],
    count: number,
    fromEnd = false,
  ): FeedEntry[] {
    const cut = fromEnd ? entries.length - count : count;
    const dropped = fromEnd ? entries.slice(cut) : entries.slice(0, cut);
    for (const entry of dropped) this.known.delete(entry.filing.accessionNo);
    return fromEnd ? entries.slice(0, cut) : entries.slice(cut);
  }
}

function historyEntry(filing: Filing): FeedEntry {
  return { filing, liveAt: null };
}
