import { readFileSync } from 'node:fs';

/** The parts of a V8 `.cpuprofile` (`node --cpu-prof`) the summary reads. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Self time of one function (or of a pseudo-node: `(garbage collector)`, `(program)`...). */
export interface SelfTime {
  name: string;
  /** File name and 1-based line, `node:<module>`, or empty for native and pseudo-nodes. */
  where: string;
  url: string;
  us: number;
}

export interface ProfileSelfTimes {
  /** Sampled time in the window, idle included. */
  totalUs: number;
  idleUs: number;
  /** Every function, most self time first. */
  functions: SelfTime[];
}

/** Where a frame's code comes from, for the shares by origin. */
export function originOf(url: string, ownFile: string): string {
  if (url === '') return 'native and V8 (no script)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.includes(ownFile)) return 'own code';
  if (url.startsWith('node:')) return 'node: core modules';
  return 'other scripts';
}

/**
 * Self time per function of a `.cpuprofile`, optionally only of the samples taken between
 * `fromUs` and `toUs` (the profile's clock: `process.hrtime` in microseconds, CLOCK_MONOTONIC
 * on Linux, so another process on the machine can mark the window).
 */
export function selfTimes(
  file: string,
  fromUs = -Infinity,
  toUs = Infinity,
): ProfileSelfTimes {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, SelfTime>();
  let at = profile.startTime;
  let totalUs = 0;
  let idleUs = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < fromUs || at > toUs) continue;
    const frame = nodes.get(profile.samples[i])?.callFrame;
    const name = frame?.functionName || '(anonymous)';
    const url = frame?.url ?? '';
    const where = url
      ? `${url.replace(/^.*\//, '')}:${(frame?.lineNumber ?? 0) + 1}`
      : '';
    const key = `${name} ${where}`;
    const entry = byFunction.get(key) ?? { name, where, url, us: 0 };
    entry.us += delta;
    byFunction.set(key, entry);
    totalUs += delta;
    if (name === '(idle)') idleUs += delta;
  }
  const functions = [...byFunction.values()].sort((a, b) => b.us - a.us);
  return { totalUs, idleUs, functions };
}
