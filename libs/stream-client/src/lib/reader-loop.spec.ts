import { RetryExhaustedError } from '@secfeed/reconnect-policy';
import { take } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { readerLoop } from './reader-loop';
import type {
  StreamReaderErrorCode,
  StreamReaderEvent,
} from './stream-reader-event';

const connecting = (attempt: number): StreamReaderEvent => ({
  type: 'connecting',
  attempt,
});
const ready = (position: string): StreamReaderEvent => ({
  type: 'ready',
  position,
});
const entry = (id: string): StreamReaderEvent => ({
  type: 'entry',
  entry: { id, fields: { n: id } },
});
const error = (code: StreamReaderErrorCode): StreamReaderEvent => ({
  type: 'error',
  code,
  message: 'connection lost',
});
const retry = (attempt: number, delayMs: number): StreamReaderEvent => ({
  type: 'retry',
  attempt,
  delayMs,
});

describe('readerLoop', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) =>
      expect(actual).toEqual(expected),
    );
  });
  // Caps 10, 20, 40; with random 0.999 every delay is its cap.
  const options = () => ({
    retry: { minDelayMs: 10, maxDelayMs: 40, factor: 2, resetAfterMs: 50 },
    maxAttempts: Infinity,
    scheduler,
    random: () => 0.999,
  });

  it('emits state and entries as values, in order, then retry and the next session', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = readerLoop(
        (attempt) =>
          attempt === 1
            ? cold('c-r-a-b-(x#)', {
                c: connecting(1),
                r: ready('5-0'),
                a: entry('6-0'),
                b: entry('7-0'),
                x: error('READ_FAILED'),
              })
            : cold('d-r', { d: connecting(attempt), r: ready('7-0') }),
        options(),
      );
      expectObservable(source, '^ 25ms !').toBe('c-r-a-b-(xy) 6ms d-s', {
        c: connecting(1),
        r: ready('5-0'),
        a: entry('6-0'),
        b: entry('7-0'),
        x: error('READ_FAILED'),
        y: retry(1, 10),
        d: connecting(2),
        s: ready('7-0'),
      });
    });
  });

  it('counts failed connections and backs off longer after each', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = readerLoop(
        (attempt) =>
          cold('c-(x#)', {
            c: connecting(attempt),
            x: error('CONNECT_FAILED'),
          }),
        options(),
      );
      expectObservable(source.pipe(take(9))).toBe(
        'a-(xp) 6ms b-(xq) 16ms c-(xr|)',
        {
          a: connecting(1),
          b: connecting(2),
          c: connecting(3),
          x: error('CONNECT_FAILED'),
          p: retry(1, 10),
          q: retry(2, 20),
          r: retry(3, 40),
        },
      );
    });
  });

  it('backs off from the first delay again after a session that stayed ready for resetAfterMs', () => {
    scheduler.run(({ cold, expectObservable }) => {
      // Ready for 60 ms (> 50): its failure is retry 1 again (10 ms), not retry 2 (20 ms).
      const sessions = ['c-(x#)', 'c-r 59ms (x#)', 'c'];
      let count = 0;
      const source = readerLoop(
        (attempt) =>
          cold(sessions[count++], {
            c: connecting(attempt),
            r: ready('1-0'),
            x: error('READ_FAILED'),
          }),
        options(),
      );
      expectObservable(source, '^ 90ms !').toBe(
        'a-(xp) 6ms b-r 59ms (xp) 6ms b',
        {
          a: connecting(1),
          b: connecting(2),
          r: ready('1-0'),
          x: error('READ_FAILED'),
          p: retry(1, 10),
        },
      );
    });
  });

  it('gives up with RETRY_EXHAUSTED after maxAttempts failed sessions in a row', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const cause = new Error('refused');
      const source = readerLoop(
        (attempt) =>
          cold(
            'c-(x#)',
            { c: connecting(attempt), x: error('CONNECT_FAILED') },
            cause,
          ),
        { ...options(), maxAttempts: 2 },
      );
      expectObservable(source).toBe(
        'a-(xp) 6ms b-(x#)',
        {
          a: connecting(1),
          b: connecting(2),
          x: error('CONNECT_FAILED'),
          p: retry(1, 10),
        },
        new RetryExhaustedError(2, cause),
      );
    });
  });

  it('ends the live session on unsubscribe and opens no other', () => {
    let sessions = 0;
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const session = cold('c-r', { c: connecting(1), r: ready('1-0') });
      const source = readerLoop(() => {
        sessions += 1;
        return session;
      }, options());
      expectObservable(source, '^ 30ms !').toBe('c-r', {
        c: connecting(1),
        r: ready('1-0'),
      });
      expectSubscriptions(session.subscriptions).toBe('^ 30ms !');
    });
    expect(sessions).toBe(1);
  });
});
