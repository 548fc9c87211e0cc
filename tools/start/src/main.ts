/**
 * `npm start`: builds what is needed and runs the whole product on one machine: Redis (the one
 * at REDIS_URL, or a private one), the upstream (the simulator replaying the real day unless
 * SEC_API_KEY or INGEST_SOURCE=edgar say otherwise), ingest, the gateway serving the
 * dashboard, and the alerts service. Prefixed logs; Ctrl-C stops everything cleanly.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { clearDemoKeys } from './clear-demo-keys';
import { ensureRedis } from './ensure-redis';
import { planStack } from './plan-stack';
import { prefixLines } from './prefix-lines';
import { createPrettyLine } from './pretty-line';
import { waitForReady } from './wait-for-ready';

const workspace = join(__dirname, '../../..');

async function main(): Promise<void> {
  const build = spawnSync(
    process.execPath,
    [
      join(workspace, 'node_modules/nx/dist/bin/nx.js'),
      'run-many',
      '-t',
      'build',
      'bundle',
      '-p',
      'ingest',
      'gateway',
      'alerts',
      'filings-feed',
      'sec-api-simulator',
      '--outputStyle=static',
    ],
    {
      cwd: workspace,
      stdio: 'inherit',
      env: { ...process.env, NX_DAEMON: 'false' },
    },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);

  const redis = await ensureRedis(process.env);
  const plan = planStack({
    env: process.env,
    redisUrl: redis.url,
    node: process.execPath,
    workspace,
  });
  if (plan.demoKeyPrefix !== undefined) {
    const cleared = await clearDemoKeys(redis.url, plan.demoKeyPrefix);
    console.log(
      `The replayed demo starts afresh: ${cleared} keys under "${plan.demoKeyPrefix}" cleared (no other key touched).`,
    );
  }
  // Readable lines at a terminal, the services' JSON as it is otherwise (LOG_FORMAT=json forces it).
  const format =
    process.stdout.isTTY && process.env['LOG_FORMAT'] !== 'json'
      ? createPrettyLine(true)
      : undefined;
  const children: ChildProcess[] = [];
  if (redis.process) children.push(redis.process);
  plan.services.forEach((service, i) => {
    const child = spawn(service.command, service.args, {
      cwd: workspace,
      env: service.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    prefixLines(service.name, i, child.stdout, process.stdout, format);
    prefixLines(service.name, i, child.stderr, process.stderr, format);
    child.once('exit', (code, signal) => {
      if (!stopping) {
        console.error(
          `[${service.name}] exited (${signal ?? code}); stopping everything`,
        );
        void stop(1);
      }
    });
    children.push(child);
  });

  let stopping = false;
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  const port = process.env['GATEWAY_PORT'] ?? '9000';
  const ready = await waitForReady(`http://127.0.0.1:${port}/readyz`, 60_000);
  if (stopping) return;
  console.log(
    `\n  secfeed is ${ready ? 'ready' : 'starting (not ready after 60 s; see the logs)'}: open http://localhost:${port}\n` +
      `  upstream: ${plan.upstream}\n  redis: ${redis.url}${redis.process ? ' (private, started for this run)' : ''}\n` +
      `  Ctrl-C stops everything.\n`,
  );

  async function stop(code: number): Promise<void> {
    if (stopping) return;
    stopping = true;
    const exits = children.map((child) =>
      child.exitCode !== null
        ? Promise.resolve()
        : new Promise<void>((resolve) => child.once('exit', () => resolve())),
    );
    // Services first (they flush to Redis), then the private Redis.
    for (const child of [...children].reverse())
      if (child !== redis.process) child.kill('SIGTERM');
    const hard = setTimeout(
      () => children.forEach((child) => child.kill('SIGKILL')),
      12_000,
    );
    await Promise.all(exits.filter((_, i) => children[i] !== redis.process));
    redis.process?.kill('SIGTERM');
    await Promise.all(exits);
    clearTimeout(hard);
    process.exit(code);
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
