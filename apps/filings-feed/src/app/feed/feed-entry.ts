import type { Filing } from '@secfeed/filing-model';

/** One row of the list: a filing, and when it arrived live (`null` for history). */
export interface FeedEntry {
  readonly filing: Filing;
  /** Epoch ms when the live feed delivered it; drives the "new" mark. */
  readonly liveAt: number | null;
}

/** How long a live row stays marked as new, in ms. */
export const NEW_MARK_MS = 8000;
