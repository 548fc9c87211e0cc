// Browser-safe: only rxjs may be imported here, directly or through the files below, because
// the dashboard bundles this library (lint keeps `ws`, Redis and Node built-ins out of it).
export { backoffDelay } from './lib/backoff-delay';
export {
  reconnectLoop,
  type ReconnectLoopOptions,
  type RetryNotification,
} from './lib/reconnect-loop';
export {
  RETRY_EXHAUSTED,
  RetryExhaustedError,
} from './lib/retry-exhausted-error';
export {
  DEFAULT_RETRY_POLICY,
  resolveRetryPolicy,
  type ResolvedRetryPolicy,
  type RetryPolicy,
} from './lib/retry-policy';
export {
  SILENCE_TIMEOUT,
  SilenceTimeoutError,
  silenceTimeout,
} from './lib/silence-timeout';
