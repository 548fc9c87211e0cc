const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  // On a 2-core machine jest runs every spec file in its own main process (maxWorkers 1: in band), so
  // one handle left open by a failed spec (a service whose stop timed out, a client still
  // reconnecting to a killed redis-server) would keep `npm test` waiting for ever after the
  // results are in. The results are what counts: jest exits once the tests are done.
  forceExit: true,
};
