/**
 * Where a server spent its CPU: the self time of a V8 `.cpuprofile` (from the gateway
 * benchmark's BENCH_GATEWAY_CPU_PROF) by origin (own code, each npm package, Node's core
 * modules, native code and V8 such as the `writev` syscall and the garbage collector), then the
 * top functions overall and of the own code. Busy time excludes `(idle)`.
 *
 * Run: `node -r ts-node/register/transpile-only tools/benchmarks/src/cpu-profile-summary.ts
 * <file.cpuprofile> [window <fromUs>-<toUs>] [own <file part>] [top <n>]`; the benchmark prints
 * the window of each profiled server's publish-and-drain phase (CLOCK_MONOTONIC microseconds,
 * the profile's clock). `own` (part of the script's URL) defaults to `/main.js`, the gateway
 * bundle (the benchmark runs a copy of it), `top` to 25.
 */
import { originOf, selfTimes, type SelfTime } from './lib/cpu-profile';
import { fmt } from './lib/report-format';
import { formatTable } from './gateway/comparison';

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

function rows(list: SelfTime[], busyUs: number): string[][] {
  return list.map((f) => [
    f.name,
    f.where,
    fmt(f.us / 1000, 1),
    fmt((100 * f.us) / busyUs, 1),
  ]);
}

function main(args: string[]): void {
  const file = args[0];
  if (!file)
    throw new Error(
      'usage: cpu-profile-summary <file.cpuprofile> [window a-b] [own part] [top n]',
    );
  const window = /^(\d+)-(\d+)$/.exec(option(args, 'window') ?? '');
  const [from, to] = window
    ? [Number(window[1]), Number(window[2])]
    : [-Infinity, Infinity];
  const own = option(args, 'own') ?? '/main.js';
  const top = Number(option(args, 'top') ?? 25);
  const profile = selfTimes(file, from, to);
  const busy = profile.functions.filter((f) => f.name !== '(idle)');
  const busyUs = profile.totalUs - profile.idleUs;
  const byOrigin = new Map<string, number>();
  for (const f of busy) {
    const origin = f.name.startsWith('(') ? f.name : originOf(f.url, own);
    byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + f.us);
  }
  const headers = ['function', 'where', 'self ms', '% of busy'];
  console.log(
    `${file}: ${fmt(profile.totalUs / 1000)} ms sampled, ${fmt(busyUs / 1000)} ms busy ` +
      `(${fmt((100 * busyUs) / profile.totalUs, 1)} %)\n`,
  );
  const origins = [...byOrigin].sort((a, b) => b[1] - a[1]);
  formatTable(
    ['origin', 'self ms', '% of busy'],
    origins.map(([o, us]) => [
      o,
      fmt(us / 1000, 1),
      fmt((100 * us) / busyUs, 1),
    ]),
  ).forEach((l) => console.log(l));
  console.log(`\nTop ${top} functions, all code:`);
  formatTable(headers, rows(busy.slice(0, top), busyUs)).forEach((l) =>
    console.log(l),
  );
  console.log(`\nTop ${top} functions of the own code (${own}):`);
  const ownList = busy.filter(
    (f) => originOf(f.url, own) === 'own code' && !f.name.startsWith('('),
  );
  formatTable(headers, rows(ownList.slice(0, top), busyUs)).forEach((l) =>
    console.log(l),
  );
}

main(process.argv.slice(2));
