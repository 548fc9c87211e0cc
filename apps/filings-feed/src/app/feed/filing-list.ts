import {
  CdkVirtualScrollViewport,
  ScrollingModule,
} from '@angular/cdk/scrolling';
import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
  viewChild,
} from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import type { Observable } from 'rxjs';
import type { FeedEntry } from './feed-entry';
import { FilingRow, ROW_HEIGHT } from './filing-row';

/** Rows left below the viewport when the next older page is requested. */
export const LOAD_MORE_THRESHOLD = 40;

/**
 * The virtual list (CDK, fixed row height): only the rows in view exist in the DOM, so
 * thousands of filings scroll smoothly. Asks for older pages as the end comes near.
 * `cdkVirtualFor` takes the place of `@for` here; `trackBy` is the accession number.
 */
@Component({
  selector: 'sf-filing-list',
  imports: [ScrollingModule, FilingRow],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'filing-list-host' },
  template: `
    <cdk-virtual-scroll-viewport
      class="filing-list"
      [itemSize]="rowHeight"
      minBufferPx="600"
      maxBufferPx="1200"
      role="listbox"
      aria-label="Filings, newest first"
      data-testid="filing-list"
      (scrolledIndexChange)="onScrolled($event)"
    >
      <sf-filing-row
        *cdkVirtualFor="let entry of rows; trackBy: trackByAccession"
        [entry]="entry"
        [now]="now()"
        [selected]="entry.filing.accessionNo === selectedId()"
        [watched]="isWatched()(entry)"
        (click)="selectRow.emit(entry.filing.accessionNo)"
        (dblclick)="openRow.emit(entry.filing.accessionNo)"
      />
    </cdk-virtual-scroll-viewport>
  `,
})
export class FilingList {
  readonly entries = input.required<readonly FeedEntry[]>();
  readonly now = input.required<number>();
  readonly selectedId = input<string | null>(null);
  /** Whether a row is on the watchlist (highlighted). */
  readonly isWatched = input<(entry: FeedEntry) => boolean>(() => false);
  readonly selectRow = output<string>();
  readonly openRow = output<string>();
  /** The reader is close to the last row: time for an older page. */
  readonly nearEnd = output<void>();

  protected readonly rowHeight = ROW_HEIGHT;
  /**
   * The rows as one stream that never changes identity. CDK keeps its `cdkVirtualForOf` in
   * the context of every row view it creates, cached ones included: given the array, each view
   * would pin the version of the list it was created with, so a page open for days would hold
   * dozens of old lists (and every filing in them) however the list itself is bounded.
   */
  protected readonly rows = toObservable(this.entries) as Observable<
    FeedEntry[] // CDK only reads the list; its type just does not say readonly
  >;
  private readonly viewport = viewChild.required(CdkVirtualScrollViewport);

  protected trackByAccession(_: number, entry: FeedEntry): string {
    return entry.filing.accessionNo;
  }

  protected onScrolled(firstIndex: number): void {
    const visible = Math.ceil(this.viewport().getViewportSize() / ROW_HEIGHT);
    if (firstIndex + visible >= this.entries().length - LOAD_MORE_THRESHOLD) {
      this.nearEnd.emit();
    }
  }

  /** Scrolls just enough to show row `index` (keyboard selection). */
  reveal(index: number): void {
    const viewport = this.viewport();
    const first = Math.floor(viewport.measureScrollOffset() / ROW_HEIGHT);
    const visible = Math.max(
      1,
      Math.floor(viewport.getViewportSize() / ROW_HEIGHT),
    );
    if (index < first) viewport.scrollToIndex(index);
    else if (index >= first + visible)
      viewport.scrollToIndex(index - visible + 1);
  }
}
