import { Observable, take } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { reconnectLoop, type RetryNotification } from './reconnect-loop';
import { RetryExhaustedError } from './retry-exhausted-error';

const retry = (attempt: number, delayMs: number): RetryNotification => ({
  type: 'retry',
  attempt,
  delayMs,
});

describe('reconnectLoop', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) =>
      expect(actual).toEqual(expected),
    );
  });
  // Caps 10, 20, 40, 40; the floor is 1 ms (minDelayMs / 10).
  const policy = {
    minDelayMs: 10,
    maxDelayMs: 40,
    factor: 2,
    resetAfterMs: 50,
  };

  it.each([
    [0.999, [10, 20, 40, 40]],
    [0.5, [6, 11, 21, 21]],
    [0, [1, 1, 1, 1]],
  ])(
    'waits the backoff sequence (random %p) between failing sessions',
    (r, delays) => {
      scheduler.run(({ cold, expectObservable }) => {
        const source = reconnectLoop(() => cold('-#'), {
          policy,
          scheduler,
          random: () => r,
        });
        const [d1, d2, d3] = delays;
        expectObservable(source.pipe(take(4))).toBe(
          `-a ${d1}ms b ${d2}ms c ${d3}ms (d|)`,
          {
            a: retry(1, delays[0]),
            b: retry(2, delays[1]),
            c: retry(3, delays[2]),
            d: retry(4, delays[3]),
          },
        );
      });
    },
  );

  it('retries after completion too and passes values through', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = reconnectLoop(() => cold('-x|'), {
        policy,
        scheduler,
        random: () => 0.999,
      });
      expectObservable(source.pipe(take(4))).toBe('-xa 9ms -x(b|)', {
        x: 'x',
        a: retry(1, 10),
        b: retry(2, 20),
      });
    });
  });

  it('resets the attempt counter after resetAfterMs of a healthy connection', () => {
    scheduler.run(({ cold, expectObservable }) => {
      // Sessions 1-2 fail at once, session 3 stays up 60 ms (> 50), then all fail again.
      const sessions = ['#', '#', 'o 59ms #', '#'];
      let count = 0;
      const source = reconnectLoop(() => cold(sessions[Math.min(count++, 3)]), {
        policy,
        scheduler,
        random: () => 0.999,
        isConnected: (value) => value === 'o',
      });
      expectObservable(source.pipe(take(5))).toBe(
        'a 9ms b 19ms o 59ms c 9ms (d|)',
        {
          o: 'o',
          a: retry(1, 10),
          b: retry(2, 20),
          c: retry(1, 10),
          d: retry(2, 20),
        },
      );
    });
  });

  it('does not reset after a connection that was up for less than resetAfterMs', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const sessions = ['#', 'o 30ms #', '#'];
      let count = 0;
      const source = reconnectLoop(() => cold(sessions[Math.min(count++, 2)]), {
        policy,
        scheduler,
        random: () => 0.999,
        isConnected: (value) => value === 'o',
      });
      expectObservable(source.pipe(take(3))).toBe('a 9ms o 30ms (b|)', {
        o: 'o',
        a: retry(1, 10),
        b: retry(2, 20),
      });
    });
  });

  it('gives up with RETRY_EXHAUSTED after maxAttempts sessions in a row', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const cause = new Error('refused');
      const source = reconnectLoop(() => cold('-#', undefined, cause), {
        policy,
        scheduler,
        maxAttempts: 3,
        random: () => 0.999,
      });
      expectObservable(source).toBe(
        '-a 9ms -b 19ms -#',
        { a: retry(1, 10), b: retry(2, 20) },
        new RetryExhaustedError(3, cause),
      );
    });
  });

  it('unsubscribes the session and cancels the backoff timer on unsubscribe', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const session = cold('-#');
      const source = reconnectLoop(() => session, {
        policy,
        scheduler,
        random: () => 0.999,
      });
      expectObservable(source, '^ 5ms !').toBe('-a', { a: retry(1, 10) });
      expectSubscriptions(session.subscriptions).toBe('^!');
    });
  });

  it('tears down a live session on unsubscribe', () => {
    let tornDown = false;
    const session = new Observable<string>(() => () => (tornDown = true));
    reconnectLoop(() => session)
      .subscribe()
      .unsubscribe();
    expect(tornDown).toBe(true);
  });

  it('throws for a bad maxAttempts', () => {
    expect(() => reconnectLoop(() => cold$(), { maxAttempts: 0 })).toThrow(
      /maxAttempts/,
    );
    expect(() => reconnectLoop(() => cold$(), { maxAttempts: 1.5 })).toThrow(
      RangeError,
    );
  });
});

function cold$(): Observable<never> {
  return new Observable<never>();
}
