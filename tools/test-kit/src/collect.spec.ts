import { Subject, throwError } from 'rxjs';
import { collect } from './collect';

describe('collect', () => {
  it('records values in order and the completion', () => {
    const source = new Subject<number>();
    const collected = collect(source);
    source.next(1);
    source.next(2);
    expect(collected.values).toEqual([1, 2]);
    expect(collected.completed).toBe(false);
    source.complete();
    expect(collected.completed).toBe(true);
    expect(collected.error).toBeUndefined();
  });

  it('waitFor resolves once the values match, emitted later', async () => {
    const source = new Subject<string>();
    const collected = collect(source);
    const waited = collected.waitFor((values) => values.includes('b'));
    source.next('a');
    setTimeout(() => source.next('b'), 20);
    await waited;
    expect(collected.values).toEqual(['a', 'b']);
  });

  it('waitFor resolves when the source fails, keeping the error for the assertions', async () => {
    const collected = collect(throwError(() => new Error('boom')));
    await collected.waitFor(() => false);
    expect((collected.error as Error).message).toBe('boom');
  });

  it('waitFor rejects after its timeout', async () => {
    const collected = collect(new Subject<number>());
    await expect(collected.waitFor(() => false, 50)).rejects.toThrow(
      'timed out after 50 ms waiting for the collected values to match',
    );
  });

  it('unsubscribing stops the recording', () => {
    const source = new Subject<number>();
    const collected = collect(source);
    collected.subscription.unsubscribe();
    source.next(1);
    expect(collected.values).toEqual([]);
    expect(source.observed).toBe(false);
  });
});
