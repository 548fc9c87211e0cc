// Node entry point kept for server code written against `@secfeed/stream-client/retry`: the
// retry policy lives in `@secfeed/reconnect-policy` (browser-safe), which new code imports.
export * from '@secfeed/reconnect-policy';
