import pino, { DestinationStream, Logger } from 'pino';

/** Levels a service accepts in `LOG_LEVEL`. */
export const LOG_LEVELS = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Paths whose values never reach a log line: API keys and tokens travel in URLs, headers and
 * configuration objects.
 */
const REDACT = [
  'apiKey',
  'token',
  '*.apiKey',
  '*.token',
  '*.secApiKey',
  '*.authSecret',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
];

/**
 * A structured JSON logger (pino) for one service: one line per event, `service` on every
 * line, secrets redacted. `destination` is for tests.
 */
export function createLogger(
  service: string,
  level: LogLevel = 'info',
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

export type { Logger };
