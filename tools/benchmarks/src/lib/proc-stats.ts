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

/** What a process has used so far: CPU split by mode, and its write system calls. */
export interface ProcessCounters {
  /** CPU in user mode (JavaScript, V8, the garbage collector), ms. */
  userMs: number;
  /** CPU in the kernel (system calls: for a server on loopback, mostly TCP), ms. */
  systemMs: number;
  /** `syscw` of `/proc/<pid>/io`: write system calls of every kind (write, writev, send...). */
  writeCalls: number;
}

/** Parses `/proc/<pid>/stat` and `/proc/<pid>/io` texts; `ticksPerSecond` is `CLK_TCK`. */
export function parseProcessCounters(
  stat: string,
  io: string,
  ticksPerSecond: number,
): ProcessCounters {
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const match = /^syscw:\s+(\d+)/m.exec(io);
  return {
    userMs: (Number(fields[11]) * 1000) / ticksPerSecond,
    systemMs: (Number(fields[12]) * 1000) / ticksPerSecond,
    writeCalls: match ? Number(match[1]) : Number.NaN,
  };
}

/** {@link ProcessCounters} of a live process; NaN figures if it is gone. */
export function processCounters(pid: number): ProcessCounters {
  try {
    return parseProcessCounters(
      readFileSync(`/proc/${pid}/stat`, 'utf8'),
      readFileSync(`/proc/${pid}/io`, 'utf8'),
      clockTicksPerSecond(),
    );
  } catch {
    return { userMs: Number.NaN, systemMs: Number.NaN, writeCalls: Number.NaN };
  }
}
