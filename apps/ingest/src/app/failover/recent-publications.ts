import type { PublishResult } from '@secfeed/dedup';
import type { Filing } from '@secfeed/filing-model';
import type { BatchPublisher } from '../pipeline/publish-pipeline';

/** A filing this process published, with the stream position Redis acknowledged for it. */
export interface Publication {
  readonly filing: Filing;
  readonly position: string;
}

/**
 * Filings kept by default: a minute of EDGAR's busiest bursts, far more than a healthy replica
 * lags behind its master (a failover loses what was not replicated yet: milliseconds' worth).
 * Held in memory, so kept small: at most a quarter more between two trims.
 */
export const RECENT_PUBLICATIONS = 2000;

/**
 * The newest filings this process published (acknowledged by Redis), oldest first, at most
 * `capacity`: what it can publish again if Redis loses acknowledged writes (a failover to a
 * replica that had not received them, a restart that lost the last second of its AOF).
 * Each publication has a sequence number, counting from 1, so that a caller can name "what was
 * published before this moment" whatever positions later writes get.
 */
export class RecentPublications {
  private items: Publication[] = [];
  private added = 0;

  constructor(readonly capacity = RECENT_PUBLICATIONS) {}

  /** Sequence number of the newest publication (0: none yet). */
  get count(): number {
    return this.added;
  }

  /** Kept publications with a sequence number up to `count`, oldest first. */
  upTo(count: number): Publication[] {
    const first = this.added - this.items.length + 1;
    return this.items.slice(0, Math.max(0, count - first + 1));
  }

  /** Records what `publisher` publishes (duplicates are someone else's publication). */
  recording(publisher: BatchPublisher): BatchPublisher {
    return {
      publishBatch: async (filings) => {
        const results = await publisher.publishBatch(filings);
        results.forEach((result: PublishResult, i) => {
          if (result.status === 'published')
            this.add({ filing: filings[i], position: result.position });
        });
        return results;
      },
    };
  }

  private add(publication: Publication): void {
    this.items.push(publication);
    this.added++;
    // Dropped in chunks, so that keeping the bound costs O(1) per filing.
    if (this.items.length >= this.capacity + Math.ceil(this.capacity / 4))
      this.items = this.items.slice(this.items.length - this.capacity);
  }
}
