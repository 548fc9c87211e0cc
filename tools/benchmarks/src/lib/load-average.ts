import { readFileSync } from 'node:fs';

/** `/proc/loadavg`: the 1, 5 and 15 minute load averages and the runnable/total tasks. */
export interface LoadAverage {
  one: number;
  five: number;
  fifteen: number;
  /** e.g. `3/412`: runnable scheduling entities / all of them. */
  tasks: string;
}

/** Parses the text of `/proc/loadavg` (`"1.72 0.58 0.22 2/160 9255"`). */
export function parseLoadAverage(text: string): LoadAverage {
  const [one, five, fifteen, tasks] = text.trim().split(/\s+/);
  return {
    one: Number(one),
    five: Number(five),
    fifteen: Number(fifteen),
    tasks: tasks ?? '',
  };
}

/** This machine's load now; NaN figures where `/proc` cannot be read. */
export function readLoadAverage(): LoadAverage {
  try {
    return parseLoadAverage(readFileSync('/proc/loadavg', 'utf8'));
  } catch {
    return parseLoadAverage('NaN NaN NaN');
  }
}

/** `1.72 / 0.58 / 0.22 (2/160 runnable)`. */
export function describeLoad(load: LoadAverage): string {
  return `${load.one.toFixed(2)} / ${load.five.toFixed(2)} / ${load.fifteen.toFixed(2)} (${load.tasks} runnable)`;
}
