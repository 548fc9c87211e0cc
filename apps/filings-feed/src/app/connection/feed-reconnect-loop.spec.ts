import type { RetryNotification } from '@secfeed/reconnect-policy';
import { take } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { SessionEvent } from './feed-session';
import { feedReconnectLoop } from './feed-reconnect-loop';

const retry = (attempt: number, delayMs: number): RetryNotification => ({
  type: 'retry',
  attempt,
  delayMs,
});
const subscribed: SessionEvent = {
  type: 'subscribed',
  position: '1-0',
  recovered: true,
};
/** Marble names for up to 52 notifications in one diagram. */
const NAMES = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The expected diagram of sessions that each fail 1 ms after they start (`-#`): a retry
 * notification, then the wait, then the next session.
 */
function failingDiagram(delays: readonly number[]): {
  marbles: string;
  values: Record<string, RetryNotification>;
} {
  const values: Record<string, RetryNotification> = {};
  let marbles = '';
  delays.forEach((delayMs, i) => {
    values[NAMES[i]] = retry(i + 1, delayMs);
    const last = i === delays.length - 1;
    // The notification takes a frame of its own; the next session fails 1 ms after the wait.
    marbles += last ? `-(${NAMES[i]}|)` : `-${NAMES[i]} ${delayMs - 1}ms `;
  });
  return { marbles, values };
}

describe('feedReconnectLoop', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) =>
      expect(actual).toEqual(expected),
    );
  });

  it('keeps retrying through 40 failures in a row (no give-up), each wait capped at 30 s', () => {
    // The largest draw of the jitter: each wait is the cap, 1 s doubling up to 30 s.
    const delays = [1000, 2000, 4000, 8000, 16_000, ...Array(35).fill(30_000)];
    scheduler.run(({ cold, expectObservable }) => {
      const loop = feedReconnectLoop(
        () => cold<SessionEvent>('-#', {}, new Error('refused')),
        { scheduler, random: () => 1 },
      );
      const { marbles, values } = failingDiagram(delays);
      expectObservable(loop.pipe(take(40))).toBe(marbles, values);
    });
  });

  it.each([
    [0.5, [550, 1050, 2050, 4050, 8050, 15_050, 15_050]],
    [0, [100, 100, 100, 100, 100, 100, 100]],
  ])(
    'draws each wait uniformly between 100 ms and the cap (random %p)',
    (draw, delays) => {
      scheduler.run(({ cold, expectObservable }) => {
        const loop = feedReconnectLoop(() => cold<SessionEvent>('-#'), {
          scheduler,
          random: () => draw,
        });
        const { marbles, values } = failingDiagram(delays);
        expectObservable(loop.pipe(take(delays.length))).toBe(marbles, values);
      });
    },
  );

  it('starts again from 1 s after a session that stayed subscribed for 60 s', () => {
    scheduler.run(({ cold, expectObservable }) => {
      // Two quick failures, then a session subscribed for 60 s, then quick failures again.
      const sessions = ['-#', '-#', '-s 59999ms #', '-#'];
      let started = 0;
      const loop = feedReconnectLoop(
        () =>
          cold<SessionEvent>(sessions[Math.min(started++, 3)], {
            s: subscribed,
          }),
        { scheduler, random: () => 1 },
      );
      expectObservable(loop.pipe(take(5))).toBe(
        '-a 999ms -b 1999ms -s 59999ms c 999ms -(d|)',
        {
          a: retry(1, 1000),
          b: retry(2, 2000),
          s: subscribed,
          c: retry(1, 1000),
          d: retry(2, 2000),
        },
      );
    });
  });

  it('keeps backing off after a session that was subscribed for less than 60 s', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const sessions = ['-#', '-s 59998ms #', '-#'];
      let started = 0;
      const loop = feedReconnectLoop(
        () =>
          cold<SessionEvent>(sessions[Math.min(started++, 2)], {
            s: subscribed,
          }),
        { scheduler, random: () => 1 },
      );
      expectObservable(loop.pipe(take(4))).toBe(
        '-a 999ms -s 59998ms b 1999ms -(c|)',
        {
          a: retry(1, 1000),
          s: subscribed,
          b: retry(2, 2000),
          c: retry(3, 4000),
        },
      );
    });
  });

  it('drops the pending wait when unsubscribed (Retry now, browser offline)', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const session = cold<SessionEvent>('-#');
      const loop = feedReconnectLoop(() => session, {
        scheduler,
        random: () => 1,
      });
      // Unsubscribed 500 ms into the first 1 s wait: no second session ever starts.
      expectObservable(loop, '^ 500ms !').toBe('-a', { a: retry(1, 1000) });
      expectSubscriptions(session.subscriptions).toBe('^!');
    });
  });
});
