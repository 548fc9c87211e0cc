import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';

/** The machine the dashboard benchmark ran on (Chromium's version is added once launched). */
export interface DashboardMachine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
}

/** `uptime` as printed and its 1-minute load average. */
export interface Uptime {
  text: string;
  load1: number;
}

/** The 1-minute load average of `uptime`'s line (`NaN` when it has none). */
export function parseUptime(text: string): Uptime {
  const load = /load average:\s*([\d.]+)/.exec(text)?.[1];
  return { text, load1: Number(load ?? Number.NaN) };
}

/** `uptime` as printed, and its 1-minute load average (the machine is shared). */
export function uptime(): Uptime {
  try {
    return parseUptime(execFileSync('uptime', { encoding: 'utf8' }).trim());
  } catch {
    return { text: 'uptime unavailable', load1: Number.NaN };
  }
}

function osName(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release)?.[1] ?? 'Linux';
  } catch {
    return process.platform;
  }
}

/** Cores, CPU, memory, OS and Node of this machine. */
export function dashboardMachine(): DashboardMachine {
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: osName(),
    node: process.version,
  };
}
