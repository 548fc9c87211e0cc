import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { createLogger } from './create-logger';
import { handleShutdown } from './handle-shutdown';

const silent = createLogger(
  'test',
  'silent',
  new Writable({ write: (_c, _e, done) => done() }),
);
const signal = 'SIGUSR2' as const;

describe('handleShutdown', () => {
  // The signals come from an emitter of the test's own, not the worker's process: what other
  // specs in the same jest worker did to process-wide listeners cannot reach these tests.
  let signals: EventEmitter;
  beforeEach(() => (signals = new EventEmitter()));

  it('stops once and exits 0, however many signals arrive', async () => {
    const exits: number[] = [];
    let stops = 0;
    handleShutdown(async () => void stops++, {
      logger: silent,
      signals: [signal],
      signalSource: signals,
      exit: (c) => exits.push(c),
    });
    signals.emit(signal, signal);
    signals.emit(signal, signal);
    await new Promise((r) => setImmediate(r));
    expect(stops).toBe(1);
    expect(exits).toEqual([0]);
  });

  it('exits 1 when stopping fails', async () => {
    const exits: number[] = [];
    handleShutdown(() => Promise.reject(new Error('flush failed')), {
      logger: silent,
      signals: [signal],
      signalSource: signals,
      exit: (c) => exits.push(c),
    });
    signals.emit(signal, signal);
    await new Promise((r) => setImmediate(r));
    expect(exits).toEqual([1]);
  });

  it('exits 1 at the deadline when stopping hangs', () => {
    jest.useFakeTimers();
    try {
      const exits: number[] = [];
      handleShutdown(() => new Promise<void>(() => undefined), {
        logger: silent,
        signals: [signal],
        signalSource: signals,
        timeoutMs: 10_000,
        exit: (c) => exits.push(c),
      });
      signals.emit(signal, signal);
      jest.advanceTimersByTime(9_999);
      expect(exits).toEqual([]);
      jest.advanceTimersByTime(1);
      expect(exits).toEqual([1]);
    } finally {
      jest.useRealTimers();
    }
  });
});
