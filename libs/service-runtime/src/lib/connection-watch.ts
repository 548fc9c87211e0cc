import type { ConnectRedisOptions } from './connect-redis';

/** Turns connection events into one log line per change and the `onUpChange` calls. */
export interface ConnectionWatch {
  ready(): void;
  lost(err: Error): void;
}

/**
 * Follows whether Redis is up. `ready` logs only when the state changes (a cluster reports a
 * ready event per node); `lost` reports every error to `onUpChange` but logs one line per
 * outage.
 */
export function connectionWatch({
  logger,
  onUpChange,
}: Pick<ConnectRedisOptions, 'logger' | 'onUpChange'>): ConnectionWatch {
  let connectedOnce = false;
  let down = false;
  return {
    ready: () => {
      if (connectedOnce && !down) return;
      onUpChange?.(true);
      logger.info(
        connectedOnce ? 'Reconnected to Redis' : 'Connected to Redis',
      );
      connectedOnce = true;
      down = false;
    },
    lost: (err: Error) => {
      onUpChange?.(false);
      if (!down)
        logger.warn(
          { err: err.message },
          'Redis connection lost; reconnecting',
        );
      down = true;
    },
  };
}
