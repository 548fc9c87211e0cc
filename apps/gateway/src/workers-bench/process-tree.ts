// CPU and memory of the gateway as a whole: its process and, with GATEWAY_WORKERS > 1, the
// workers the cluster primary forked (Linux /proc).
import { readFileSync } from 'node:fs';

/** Linux's USER_HZ, the unit of utime and stime in /proc/<pid>/stat. */
const CLOCK_TICKS_PER_SECOND = 100;

/** `pid` and its children (the cluster's workers), read now. */
export function processTree(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    return [pid, ...children];
  } catch {
    return [pid];
  }
}

/** User plus system CPU time of live processes, in ms; a process gone counts 0. */
export function cpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone: its time is lost, which only a worker crash during the run would cause.
    }
  }
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Sum of `VmRSS` of live processes, in KiB. */
export function rssKiB(pids: readonly number[]): number {
  let kib = 0;
  for (const pid of pids) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      kib += Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0);
    } catch {
      // Gone.
    }
  }
  return kib;
}
