// Node entry point. The transport-free building blocks also live in `./retry` for browsers.
export * from './retry';
