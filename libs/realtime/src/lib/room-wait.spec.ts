import { EventEmitter } from 'node:events';
import { RoomWait } from './room-wait';

describe('RoomWait', () => {
  let room: boolean;
  let socket: EventEmitter & {
    writable: boolean;
    write(chunk: Buffer, done: () => void): boolean;
  };
  /** The completion callbacks of the writes queued on `socket`, in order. */
  let queued: Array<() => void>;
  let wait: RoomWait;
  /** Whether `promise` has settled, and with what, after pending callbacks ran. */
  const settled = async <T>(promise: Promise<T>) => {
    let result: { value: T } | undefined;
    void promise.then((value) => (result = { value }));
    await Promise.resolve();
    await Promise.resolve();
    return result;
  };

  beforeEach(() => {
    jest.useFakeTimers();
    room = false;
    queued = [];
    socket = Object.assign(new EventEmitter(), {
      writable: true,
      write: (chunk: Buffer, done: () => void) => {
        expect(chunk.length).toBe(0);
        queued.push(done);
        return true;
      },
    });
    wait = new RoomWait(() => room);
  });
  afterEach(() => jest.useRealTimers());

  it('resolves true at once when there is room, listening to nothing', async () => {
    room = true;
    expect(await wait.until(socket, 1000)).toBe(true);
    expect(socket.listenerCount('drain')).toBe(0);
    expect(queued).toEqual([]);
  });

  it('waits for the socket to drain, with no timer firing in between', async () => {
    const result = wait.until(socket, 1000);
    expect(jest.getTimerCount()).toBe(1); // the timeout alone: nothing polls
    jest.advanceTimersByTime(999);
    expect(await settled(result)).toBeUndefined();
    room = true;
    socket.emit('drain');
    expect(await settled(result)).toEqual({ value: true });
    expect(socket.listenerCount('drain')).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('is woken by a write completing once there is room (no drain below the high-water mark)', async () => {
    const result = wait.until(socket, 1000);
    wait.check();
    expect(await settled(result)).toBeUndefined();
    room = true;
    wait.check();
    expect(await settled(result)).toEqual({ value: true });
  });

  it('marks its start in the socket queue: the writes before it leaving wakes it (no drain below the high-water mark)', async () => {
    const result = wait.until(socket, 1000);
    expect(queued).toHaveLength(1);
    room = true;
    queued[0]();
    expect(await settled(result)).toEqual({ value: true });
  });

  it('gives writes a completion callback only while a wait is pending', async () => {
    const told: Array<(() => void) | undefined> = [];
    wait = new RoomWait(
      () => room,
      (writeDone) => told.push(writeDone),
    );
    const result = wait.until(socket, 1000);
    expect(told).toEqual([wait.check]);
    room = true;
    wait.check();
    await settled(result);
    expect(told).toEqual([wait.check, undefined]);
  });

  it('a drain without room keeps waiting', async () => {
    const result = wait.until(socket, 1000);
    socket.emit('drain');
    expect(await settled(result)).toBeUndefined();
    expect(socket.listenerCount('drain')).toBe(1);
  });

  it('resolves false after the timeout and stops listening', async () => {
    const result = wait.until(socket, 1000);
    jest.advanceTimersByTime(1000);
    expect(await settled(result)).toEqual({ value: false });
    expect(socket.listenerCount('drain')).toBe(0);
  });

  it('resolves false when cancelled, or replaced by a new wait', async () => {
    const first = wait.until(socket, 1000);
    const second = wait.until(socket, 1000);
    expect(await settled(first)).toEqual({ value: false });
    wait.cancel();
    expect(await settled(second)).toEqual({ value: false });
    expect(socket.listenerCount('drain')).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('resolves false without a socket', async () => {
    expect(await wait.until(undefined, 1000)).toBe(false);
  });

  it('resolves false at once on a socket that can no longer be written, writing nothing to it', async () => {
    socket.writable = false;
    expect(await wait.until(socket, 1000)).toBe(false);
    expect(queued).toEqual([]);
    expect(socket.listenerCount('drain')).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });
});
