import { createServer as createHttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { FilingPublisher } from '@secfeed/dedup';
import { createRedisKeys } from '@secfeed/redis-keys';
import { Server } from 'socket.io';
import type { ScenarioContext } from './scenario-context';
import type { ServerKind } from './scenario-server';

/** Something that puts one filing on its way to every client. */
export interface Publisher {
  /** The Redis stream the server under test reads. */
  readonly streamKey: string;
  publish(filing: Record<string, unknown>): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * secfeed and the floor read the stream `FilingPublisher` writes (the real dedup script, as
 * ingest publishes). Socket.IO's publisher is a Socket.IO server without a listener on the same
 * adapter stream: its room emit goes through Redis to the serving process. It is attached to an
 * HTTP server that never listens, so that io.close() (which also stops the adapter's reader and
 * its duplicated Redis connection) has an engine to close.
 */
export function createPublisher(
  context: ScenarioContext,
  server: ServerKind,
  keyPrefix: string,
): Publisher {
  if (server !== 'socketio') {
    const keys = createRedisKeys(keyPrefix);
    const publisher = new FilingPublisher(context.redis, { keys });
    type Filing = Parameters<FilingPublisher['publish']>[0];
    return {
      streamKey: keys.stream,
      publish: (filing) => publisher.publish(filing as unknown as Filing),
      close: async () => undefined,
    };
  }
  const streamKey = `${keyPrefix}socket.io`;
  const io = new Server(createHttpServer(), {
    adapter: createAdapter(context.redis, { streamName: streamKey }),
  });
  return {
    streamKey,
    publish: async (filing) => {
      io.to('filings').emit('sec_filing', filing);
    },
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  };
}
