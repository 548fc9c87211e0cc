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
  it('corks each socket once per tick, says which call was the first, and uncorks them all after the tick', async () => {
    const log: string[] = [];
    const corker = new TickCorker();
    const a = recordingSocket(log, 'a');
    const b = recordingSocket(log, 'b');
    expect(corker.cork(a)).toBe(true);
    expect(corker.cork(b)).toBe(true);
    expect(corker.cork(a)).toBe(false);
    log.push('writes done');
    expect(corker.holds(a)).toBe(true);
    expect(corker.holds(b)).toBe(true);
    await endOfTick();
    expect(log).toEqual([
      'a.cork',
      'b.cork',
      'writes done',
      'a.uncork',
      'b.uncork',
    ]);
    expect(corker.holds(a)).toBe(false);
  });

  it('corks again in the next tick', async () => {
    const log: string[] = [];
    const corker = new TickCorker();
    const a = recordingSocket(log, 'a');
    expect(corker.cork(a)).toBe(true);
    await endOfTick();
    expect(corker.cork(a)).toBe(true);
    await endOfTick();
    expect(log).toEqual(['a.cork', 'a.uncork', 'a.cork', 'a.uncork']);
  });
});
