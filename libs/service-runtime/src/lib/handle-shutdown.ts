import type { Logger } from 'pino';

/** Options of {@link handleShutdown}. */
export interface ShutdownOptions {
  logger: Logger;
  /** Hard deadline: past it the process exits with code 1 whatever is still running. Default 10 s. */
  timeoutMs?: number;
  /** Default `['SIGTERM', 'SIGINT']`. */
  signals?: NodeJS.Signals[];
  /** Default `process.exit`; tests pass their own. */
  exit?: (code: number) => void;
  /** Where the signals come from. Default `process`; tests pass their own emitter. */
  signalSource?: Pick<NodeJS.EventEmitter, 'on'>;
}

/**
 * On the first SIGTERM or SIGINT, runs `stop` once and exits 0 when it resolves (1 when it
 * rejects or misses the deadline). A second signal does not start a second shutdown.
 */
export function handleShutdown(
  stop: () => Promise<void>,
  options: ShutdownOptions,
): void {
  const {
    logger,
    timeoutMs = 10_000,
    signals = ['SIGTERM', 'SIGINT'],
    exit = process.exit,
    signalSource = process,
  } = options;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Shutting down');
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs }, 'Shutdown deadline passed; exiting');
      exit(1);
    }, timeoutMs);
    deadline.unref();
    stop().then(
      () => {
        clearTimeout(deadline);
        logger.info('Stopped');
        exit(0);
      },
      (err: unknown) => {
        clearTimeout(deadline);
        logger.error({ err }, 'Shutdown failed');
        exit(1);
      },
    );
  };
  for (const signal of signals) signalSource.on(signal, onSignal);
}
