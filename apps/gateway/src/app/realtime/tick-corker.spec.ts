import { TickCorker, type Corkable } from './tick-corker';

/** A socket that records cork and uncork calls. */
function recordingSocket(log: string[], name: string): Corkable {
  return {
    cork: () => log.push(`${name}.cork`),
    uncork: () => log.push(`${name}.uncork`),
  };
}

const endOfTick = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('TickCorker', () => {
  it('corks each socket once per tick, counts its bytes, and uncorks them all after the tick', async () => {
    const log: string[] = [];
    const corker = new TickCorker();
    const a = recordingSocket(log, 'a');
    const b = recordingSocket(log, 'b');
    corker.cork(a, 100);
    corker.cork(b, 10);
    corker.cork(a, 50);
    log.push('writes done');
    expect(corker.corkedBytes(a)).toBe(150);
    expect(corker.corkedBytes(b)).toBe(10);
    await endOfTick();
    expect(log).toEqual([
      'a.cork',
      'b.cork',
      'writes done',
      'a.uncork',
      'b.uncork',
    ]);
    expect(corker.corkedBytes(a)).toBe(0);
  });

  it('corks again in the next tick', async () => {
    const log: string[] = [];
    const corker = new TickCorker();
    const a = recordingSocket(log, 'a');
    corker.cork(a, 1);
    await endOfTick();
    corker.cork(a, 1);
    await endOfTick();
    expect(log).toEqual(['a.cork', 'a.uncork', 'a.cork', 'a.uncork']);
  });

  it('ignores a socket that is gone', async () => {
    const corker = new TickCorker();
    expect(() => corker.cork(undefined, 1)).not.toThrow();
    expect(corker.corkedBytes(undefined)).toBe(0);
    await endOfTick();
  });
});
