import { fmt } from '../lib/report-format';
import type { ServerKind } from './scenario-server';

/** What the comparison reads of one server's run. */
export interface ServerFigures {
  server: ServerKind;
  open: number;
  delivered: number;
  expected: number;
  latencyMs: { p50: number; p99: number; max: number };
  cpuUsPerMessage: number;
  /** Of `cpuUsPerMessage`, the kernel's part (system calls). */
  systemUsPerMessage: number;
  /** Delivered messages per write system call: how much each batch coalesced. */
  messagesPerWrite: number;
  /** RSS per idle subscribed connection, kB (1,000 bytes). */
  rssPerConnKB: number;
}

/** The ratios issue 15 asks for; NaN where a server did not run. */
export interface Ratios {
  /** secfeed / floor, CPU per delivered message (1 = at the floor). */
  cpuSecfeedToFloor: number;
  /** secfeed / floor, p99 latency. */
  p99SecfeedToFloor: number;
  /** Socket.IO / secfeed, CPU per delivered message (above 1 = secfeed cheaper). */
  cpuSocketioToSecfeed: number;
  /** Socket.IO / secfeed, p99 latency (above 1 = secfeed faster). */
  p99SocketioToSecfeed: number;
}

/** `a / b`, NaN unless both are finite and `b` is above 0. */
export function ratio(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : Number.NaN;
}

export function compare(figures: readonly ServerFigures[]): Ratios {
  const of = (server: ServerKind) => figures.find((f) => f.server === server);
  const [secfeed, floor, socketio] = [
    of('secfeed'),
    of('floor'),
    of('socketio'),
  ];
  const cpu = (f?: ServerFigures) => f?.cpuUsPerMessage ?? Number.NaN;
  const p99 = (f?: ServerFigures) => f?.latencyMs.p99 ?? Number.NaN;
  return {
    cpuSecfeedToFloor: ratio(cpu(secfeed), cpu(floor)),
    p99SecfeedToFloor: ratio(p99(secfeed), p99(floor)),
    cpuSocketioToSecfeed: ratio(cpu(socketio), cpu(secfeed)),
    p99SocketioToSecfeed: ratio(p99(socketio), p99(secfeed)),
  };
}

const HEADERS = [
  'server',
  'clients',
  'delivered',
  'of',
  'p50 ms',
  'p99 ms',
  'max ms',
  'CPU us/msg',
  'of it sys',
  'msgs/write',
  'RSS kB/conn',
];

/** Columns padded to their widest cell; the first left-aligned, the others right-aligned. */
export function formatTable(
  headers: readonly string[],
  rows: readonly string[][],
): string[] {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0
          ? cell.padEnd(widths[column])
          : cell.padStart(widths[column]),
      )
      .join('  ')
      .trimEnd();
  return [
    line(headers),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
  ];
}

/** The three-way table of one profile, then the ratios in words (of the servers that ran). */
export function comparisonLines(figures: readonly ServerFigures[]): string[] {
  const rows = figures.map((f) => [
    f.server,
    fmt(f.open),
    fmt(f.delivered),
    fmt(f.expected),
    fmt(f.latencyMs.p50, 1),
    fmt(f.latencyMs.p99, 1),
    fmt(f.latencyMs.max, 1),
    fmt(f.cpuUsPerMessage, 2),
    fmt(f.systemUsPerMessage, 2),
    fmt(f.messagesPerWrite, 2),
    fmt(f.rssPerConnKB, 2),
  ]);
  const r = compare(figures);
  const ran = (server: ServerKind) => figures.some((f) => f.server === server);
  return [
    ...formatTable(HEADERS, rows),
    ...(ran('secfeed') && ran('floor')
      ? [
          `secfeed / floor: CPU per message ${fmt(r.cpuSecfeedToFloor, 2)}x, p99 ${fmt(r.p99SecfeedToFloor, 2)}x` +
            ` (1 = at the floor)`,
        ]
      : []),
    ...(ran('secfeed') && ran('socketio')
      ? [
          `Socket.IO / secfeed: CPU per message ${fmt(r.cpuSocketioToSecfeed, 2)}x, p99 ${fmt(r.p99SocketioToSecfeed, 2)}x` +
            ` (above 1 = secfeed better)`,
        ]
      : []),
  ];
}
