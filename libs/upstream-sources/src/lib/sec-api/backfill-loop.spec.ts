import { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { SourceEvent } from '../source-event';
import {
  backfillLoop,
  MAX_RETRY_AFTER_MS,
  type AttemptOutcome,
} from './backfill-loop';

type Value = SourceEvent | AttemptOutcome;
const policy = { minDelayMs: 10, maxDelayMs: 40, factor: 2 };
const end = (
  outcome: AttemptOutcome['outcome'],
  retryAfterMs?: number,
): AttemptOutcome => ({ kind: 'attempt-end', outcome, retryAfterMs });
const page = (filings: number): SourceEvent => ({
  kind: 'state',
  upstream: { state: 'backfilled', filings },
});
const retry = (attempt: number, delayMs: number): SourceEvent => ({
  kind: 'backfill-retry',
  attempt,
  delayMs,
});
const values: Record<string, Value> = {
  a: page(1),
  b: page(2),
  f: end('failed'),
  g: end('again'),
  c: end('covered'),
  s: end('stopped'),
  t: end('failed', 100),
  T: end('failed', MAX_RETRY_AFTER_MS * 2),
};

function testScheduler() {
  return new TestScheduler((actual, expected) =>
    expect(actual).toEqual(expected),
  );
}

/** The loop over these attempts, in turn; `random: () => 1` makes each delay its cap. */
function loop(
  scheduler: TestScheduler,
  attempts: Array<Observable<Value>>,
): Observable<SourceEvent> {
  let next = 0;
  return backfillLoop(() => attempts[next++], {
    policy,
    scheduler,
    random: () => 1,
  });
}

describe('backfillLoop (marbles)', () => {
  it('retries a failed attempt after the capped backoff, then stops once covered', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      const attempts = [
        cold('-a-(f|)', values),
        cold('-(f|)', values),
        cold('--b-(c|)', values),
      ];
      // Failure 1 at 3: wait 10 (resubscribe at 13); failure 2 at 14: wait 20 (at 34).
      expectObservable(loop(scheduler, attempts)).toBe('-a-r 10ms s 21ms b-|', {
        a: page(1),
        b: page(2),
        r: retry(1, 10),
        s: retry(2, 20),
      });
    });
  });

  it('doubles the delay up to maxDelayMs and stays there', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      const attempts = [
        ...Array.from({ length: 5 }, () => cold('(f|)', values)),
        cold('(c|)', values),
      ];
      expectObservable(loop(scheduler, attempts)).toBe(
        'p 9ms q 19ms r 39ms s 39ms t 39ms |',
        {
          p: retry(1, 10),
          q: retry(2, 20),
          r: retry(3, 40),
          s: retry(4, 40),
          t: retry(5, 40),
        },
      );
    });
  });

  it('waits a longer Retry-After, but never more than MAX_RETRY_AFTER_MS', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      const attempts = [
        cold('(t|)', values),
        cold('(T|)', values),
        cold('(c|)', values),
      ];
      expectObservable(loop(scheduler, attempts)).toBe(
        `p 99ms q ${MAX_RETRY_AFTER_MS - 1}ms |`,
        { p: retry(1, 100), q: retry(2, MAX_RETRY_AFTER_MS) },
      );
    });
  });

  it('goes on at once after progress (again) and resets the backoff', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      const attempts = [
        cold('-(f|)', values),
        cold('-a(g|)', values),
        cold('-b(f|)', values),
        cold('(c|)', values),
      ];
      // After `again` the next failure is the first in a row again: 10 ms, not 20.
      expectObservable(loop(scheduler, attempts)).toBe('-p 10ms a-br 9ms |', {
        p: retry(1, 10),
        a: page(1),
        b: page(2),
        r: retry(1, 10),
      });
    });
  });

  it('stops without retrying when the consumer is stopping', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      expectObservable(loop(scheduler, [cold('--(s|)', values)])).toBe('--|');
    });
  });

  it('cancels the pending retry on unsubscribe', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const second = cold('(c|)', values);
      const attempts = [cold('-(f|)', values), second];
      expectObservable(loop(scheduler, attempts), '^ 5ms !').toBe('-r', {
        r: retry(1, 10),
      });
      expectSubscriptions(second.subscriptions).toBe([]);
    });
  });
});
