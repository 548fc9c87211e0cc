import { Subject } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { SilenceTimeoutError, silenceTimeout } from './silence-timeout';

describe('silenceTimeout', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) =>
      expect(actual).toEqual(expected),
    );
  });

  it('errors with SILENCE_TIMEOUT after exactly N ms without a value', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = cold('-');
      expectObservable(source.pipe(silenceTimeout(5))).toBe(
        '5ms #',
        undefined,
        new SilenceTimeoutError(5),
      );
    });
  });

  it('restarts the countdown on each value', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a 3ms b');
      expectObservable(source.pipe(silenceTimeout(5))).toBe(
        '-a 3ms b 4ms #',
        undefined,
        new SilenceTimeoutError(5),
      );
      expectSubscriptions(source.subscriptions).toBe('^ 9ms !');
    });
  });

  it('never fires while values keep flowing, and passes completion through', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = cold('-a 3ms b 3ms c 3ms d 3ms e 3ms |');
      expectObservable(source.pipe(silenceTimeout(5))).toBe(
        '-a 3ms b 3ms c 3ms d 3ms e 3ms |',
      );
    });
  });

  it('stops its timer when the subscriber unsubscribes', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a');
      expectObservable(source.pipe(silenceTimeout(5)), '^ 3ms !').toBe('-a');
      expectSubscriptions(source.subscriptions).toBe('^ 3ms !');
    });
  });

  it('leaves no pending timer behind after unsubscribe (real timers)', () => {
    jest.useFakeTimers();
    try {
      const source = new Subject<number>();
      const subscription = source.pipe(silenceTimeout(1000)).subscribe();
      source.next(1);
      expect(jest.getTimerCount()).toBe(1);
      subscription.unsubscribe();
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('carries a stable code and throws for a bad duration', () => {
    expect(new SilenceTimeoutError(5)).toMatchObject({
      code: 'SILENCE_TIMEOUT',
      silenceMs: 5,
    });
    expect(() => silenceTimeout(0)).toThrow(RangeError);
  });
});
