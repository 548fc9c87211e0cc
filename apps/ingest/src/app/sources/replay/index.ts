export { replaySource } from './replay-source';
export {
  DEFAULT_REPLAY_FILE,
  type ReplayLoader,
  type ReplaySourceOptions,
} from './replay-source-options';
