import type { DashboardSession } from './dashboard-browser';
import type { InitialBundle } from './dashboard-bundle';
import type { Delivery } from './dashboard-delivery';
import type { LivePhase } from './dashboard-live-phase';
import type { LiveWindows } from './dashboard-live-windows';
import type { LoadPhase } from './dashboard-load-phase';
import type { DashboardMachine, Uptime } from './dashboard-machine';
import type { DashboardSettings } from './dashboard-settings';
import type { DashboardVerdicts } from './dashboard-verdicts';

/** One run of the dashboard benchmark, as reported. */
export interface DashboardRun {
  settings: DashboardSettings;
  machine: DashboardMachine;
  /** `Date.now()` at the start. */
  startedAt: number;
  loadStart: Uptime;
  loadEnd: Uptime;
  bundle: InitialBundle;
  session: DashboardSession;
  loading: LoadPhase;
  live: LivePhase;
  delivery: Delivery;
  windows: LiveWindows;
  verdicts: DashboardVerdicts;
}

/** Share of the live window, in percent, that `ms` of renderer work took. */
export function busyPercent(
  run: Pick<DashboardRun, 'live'>,
  ms: number,
): number {
  return (100 * ms) / (run.live.liveTo - run.live.liveFrom);
}

/** Layouts per second over the live window. */
export function layoutsPerSecond(run: Pick<DashboardRun, 'live'>): number {
  const { live } = run;
  return live.work.layouts / ((live.liveTo - live.liveFrom) / 1000);
}
