import { Injectable, computed, signal } from '@angular/core';
import type { Filing } from '@secfeed/filing-model';
import type { FeedEntry } from './feed-entry';
import { mergeEntries } from './merge-entries';

/**
 * The one list: history pages and live filings merged newest first, one row per accession
 * number. While paused, live filings wait in a queue (counted by {@link pendingCount}) and
 * join the list on {@link resume}, so the rows do not move under the reader.
 */
@Injectable({ providedIn: 'root' })
export class FeedStore {
  private readonly entriesState = signal<readonly FeedEntry[]>([]);
  private readonly pendingState = signal<readonly FeedEntry[]>([]);
  private readonly pausedState = signal(false);

  /** Every row, newest first. */
  readonly entries = this.entriesState.asReadonly();
  /** Whether live updates are frozen. */
  readonly paused = this.pausedState.asReadonly();
  /** Live filings waiting for {@link resume}. */
  readonly pending = this.pendingState.asReadonly();
  readonly pendingCount = computed(() => this.pendingState().length);

  /**
   * Replaces history with `filings` (a fresh first page), keeping rows that arrived live so a
   * reload never drops what the socket delivered meanwhile.
   */
  replaceHistory(filings: readonly Filing[]): void {
    const live = this.entriesState().filter((entry) => entry.liveAt !== null);
    this.entriesState.set(mergeEntries(live, filings.map(historyEntry)));
  }

  /** Adds an older page (duplicates of rows already shown are ignored). */
  appendHistory(filings: readonly Filing[]): void {
    this.entriesState.update((current) =>
      mergeEntries(current, filings.map(historyEntry)),
    );
  }

  /**
   * Adds a live filing, or queues it while paused. Returns whether it is new to the list
   * (not a duplicate of a row or of a queued filing).
   */
  addLive(filing: Filing, now = Date.now()): boolean {
    const known = (list: readonly FeedEntry[]) =>
      list.some((entry) => entry.filing.accessionNo === filing.accessionNo);
    if (known(this.entriesState()) || known(this.pendingState())) return false;
    const entry: FeedEntry = { filing, liveAt: now };
    if (this.pausedState()) {
      this.pendingState.update((queue) => [...queue, entry]);
    } else {
      this.entriesState.update((current) => mergeEntries(current, [entry]));
    }
    return true;
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
    this.entriesState.update((current) => mergeEntries(current, queued));
  }
}

function historyEntry(filing: Filing): FeedEntry {
  return { filing, liveAt: null };
}
