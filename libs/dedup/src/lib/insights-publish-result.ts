import type { PublishableFiling } from './publishable-filing';

/**
 * What one insights publish did:
 * - `published`: a new insights entry at `position`;
 * - `duplicate`: this publication of the filing has its insights already, at `position`;
 * - `no-filing`: the filing is not in the stream (never published, past the retention, or lost
 *   by a failover), so nothing was written; `position` is `''`.
 */
export interface InsightsPublishResult {
  readonly status: 'published' | 'duplicate' | 'no-filing';
  readonly position: string;
}

/** A filing with what its documents say (contracts §6): stored whole, as the filing is. */
export type PublishableInsights = PublishableFiling & {
  /** The §6 insights object; `JSON.stringify` of the whole filing is stored. */
  readonly insights: object;
};
