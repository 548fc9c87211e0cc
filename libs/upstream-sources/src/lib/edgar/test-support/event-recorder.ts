import type { Observable, Subscription } from 'rxjs';
import type { Filing } from '@secfeed/filing-model';
import type { SourceEvent } from '../../source-event';

/** Subscribes to a source and lets a spec wait (real time, bounded) for what it emits. */
export class EventRecorder {
  readonly events: SourceEvent[] = [];
  private readonly subscription: Subscription;
  private readonly waiters = new Set<() => void>();

  constructor(source: Observable<SourceEvent>) {
    this.subscription = source.subscribe((event) => {
      this.events.push(event);
      this.waiters.forEach((check) => check());
    });
  }

  get filings(): Filing[] {
    return this.events.flatMap((e) => (e.kind === 'filings' ? e.filings : []));
  }

  ofKind<K extends SourceEvent['kind']>(
    kind: K,
  ): Array<Extract<SourceEvent, { kind: K }>> {
    return this.events.filter(
      (e): e is Extract<SourceEvent, { kind: K }> => e.kind === kind,
    );
  }

  /** Resolves once `done()` holds, checked now and after every event; rejects after `ms`. */
  until(done: () => boolean, ms = 3000): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(
            `condition not met in ${ms} ms; events: ${JSON.stringify(this.events.map((e) => e.kind))}`,
          ),
        );
      }, ms);
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
      check();
    });
  }

  stop(): void {
    this.subscription.unsubscribe();
  }
}

/** Resolves after `ms` of real time (short waits to let a poll loop run). */
export const sleep = (ms: number) =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `done` every 5 ms until it holds; rejects after `ms`. For server-side conditions. */
export async function eventually(
  done: () => boolean,
  ms = 3000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${ms} ms`);
    await sleep(5);
  }
}
