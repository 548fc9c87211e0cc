export {
  filingAt,
  loadReplayDay,
  REPLAY_DAY_FILE,
  type WireFiling,
} from './lib/replay-day';
export {
  type SimulatorFaults,
  type SimulatorOptions,
} from './lib/simulator-options';
export {
  startSimulator,
  type Simulator,
  type SimulatorStats,
} from './lib/start-simulator';
