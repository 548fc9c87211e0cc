import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { info, type BenchRedis } from './redis-helpers';

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  redis: string;
  redisBenchmark: string;
}

function osName(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release)?.[1] ?? 'Linux';
    let version = '';
    try {
      version = readFileSync('/etc/debian_version', 'utf8').trim();
    } catch {
      // not Debian
    }
    return version ? `${pretty} (${version})` : pretty;
  } catch {
    return process.platform;
  }
}

/** What the figures were measured on. */
export async function machineInfo(redis: BenchRedis): Promise<MachineInfo> {
  let redisBenchmark = 'unknown';
  try {
    redisBenchmark = execFileSync('redis-benchmark', ['--version'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    // reported as unknown
  }
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: osName(),
    node: process.version,
    redis: (await info(redis, 'server')).get('redis_version') ?? 'unknown',
    redisBenchmark,
  };
}
