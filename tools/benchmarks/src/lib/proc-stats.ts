import { readFileSync } from 'node:fs';
import { clockTicksPerSecond } from './clock-ticks';

/** Resident set size of a live process, in KiB (`VmRSS` of `/proc/<pid>/status`); NaN if gone. */
export function rssKiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** User plus system CPU time a live process has used, in ms (`/proc/<pid>/stat`); NaN if gone. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return (ticks * 1000) / clockTicksPerSecond();
  } catch {
    return Number.NaN;
  }
}
