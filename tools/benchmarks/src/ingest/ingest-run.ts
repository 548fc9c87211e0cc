import type { MachineInfo } from '../lib/machine-info';
import type { IngestMeasures } from './ingest-phases';
import type { IngestSettings } from './ingest-settings';
import type { IngestVerdicts } from './ingest-verdicts';

/** One run of the ingest benchmark, as reported. */
export interface IngestRun {
  settings: IngestSettings;
  machine: MachineInfo;
  /** `Date.now()` at the start. */
  startedAt: number;
  /** 1-minute load average at the start. */
  loadAtStart: number;
  measures: IngestMeasures;
  verdicts: IngestVerdicts;
}
