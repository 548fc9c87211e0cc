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
  it('uncorks every socket corked in a tick once its synchronous work is done, and moves to the next tick', async () => {
    const log: string[] = [];
    const corker = new TickCorker();
    const a = recordingSocket(log, 'a');
    const b = recordingSocket(log, 'b');
    const tick = corker.tick;
    corker.cork(a);
    corker.cork(b);
    log.push('writes done');
    expect(corker.tick).toBe(tick);
    await endOfTick();
    expect(log).toEqual([
      'a.cork',
      'b.cork',
      'writes done',
      'a.uncork',
      'b.uncork',
    ]);
    expect(corker.tick).toBe(tick + 1);
  });

  it('corks again in the next tick', async () => {
    const log: string[] = [];
    const corker = new TickCorker();
    const a = recordingSocket(log, 'a');
    corker.cork(a);
    await endOfTick();
    corker.cork(a);
    await endOfTick();
    expect(log).toEqual(['a.cork', 'a.uncork', 'a.cork', 'a.uncork']);
    expect(corker.tick).toBe(2);
  });

  it('does not move to a next tick when nothing was corked', async () => {
    const corker = new TickCorker();
    await endOfTick();
    expect(corker.tick).toBe(0);
  });
});
