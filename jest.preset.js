const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  // On a 2-core machine jest runs every spec file in its own main process (maxWorkers 1: in band), so
  // one handle left open by a failed spec (a service whose stop timed out, a client still
  // reconnecting to a killed redis-server) would keep `npm test` waiting for ever after the
  // results are in. The results are what counts: jest exits once the tests are done.
  forceExit: true,
  // Many specs run real Redis servers, clusters and services; on 2 cores under `npm test`'s
  // parallel load a cluster alone can take over jest's default 5 s to start. A spec that needs
  // less sets its own bound; a hung one fails after 30 s instead of 5.
  testTimeout: 30_000,
};
