import { Injectable, computed, signal } from '@angular/core';
import type { Filing } from '@secfeed/filing-model';
import type { FeedEntry } from './feed-entry';
import { insertEntry, mergeEntries } from './merge-entries';

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
  /**
   * Accession numbers in the list or the queue: a live filing arrives up to 50 times a second
   * over 10,000+ rows, so the duplicate check must not walk them.
   */
  private readonly known = new Set<string>();

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
    const entries = mergeEntries(live, filings.map(historyEntry));
    this.known.clear();
    for (const entry of [...entries, ...this.pendingState()])
      this.known.add(entry.filing.accessionNo);
    this.entriesState.set(entries);
  }

  /** Adds an older page (duplicates of rows already shown are ignored). */
  appendHistory(filings: readonly Filing[]): void {
    this.entriesState.update((current) =>
      mergeEntries(current, filings.map(historyEntry), this.known),
    );
    for (const filing of filings) this.known.add(filing.accessionNo);
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
      this.pendingState.update((queue) => [...queue, entry]);
    } else {
      this.entriesState.update((current) => insertEntry(current, entry));
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
