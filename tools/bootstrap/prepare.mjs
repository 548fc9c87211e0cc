#!/usr/bin/env node
/**
 * Runs before `npm start` and `npm test` (their first step), so that a fresh clone needs
 * nothing but those two commands. Plain Node with no dependencies: it runs before any exist.
 *
 *   node tools/bootstrap/prepare.mjs start   # dependencies
 *   node tools/bootstrap/prepare.mjs test    # dependencies, Redis on 6379, Chromium
 *
 * - Dependencies: `npm ci` when `node_modules` is missing or was installed from another
 *   `package-lock.json` (a stamp in `node_modules` holds the lockfile's hash).
 * - Redis (test): the tests use 127.0.0.1:6379; when nothing answers there, a `redis-server`
 *   is started on it (nothing on disk), or the run stops saying how to get one.
 * - Chromium (test): the dashboard's end-to-end tests drive Debian's `/usr/bin/chromium`;
 *   when it is missing and this is root on Debian, `apt-get install chromium`; otherwise the
 *   run stops saying what to install. Never a downloaded browser.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const workspace = join(dirname(fileURLToPath(import.meta.url)), '../..');
const STAMP = join(workspace, 'node_modules/.secfeed-lockfile-hash');
const CHROMIUM = '/usr/bin/chromium';

/** Prints one line of what the bootstrap does, so a slow first run explains itself. */
function say(message) {
  console.log(`[prepare] ${message}`);
}

/** Stops the command with a message saying what to do. */
function fail(message) {
  console.error(`[prepare] ${message}`);
  process.exit(1);
}

/** Runs a command with the terminal attached; true when it succeeded. */
function run(command, args) {
  return (
    spawnSync(command, args, { cwd: workspace, stdio: 'inherit' }).status === 0
  );
}

function lockfileHash() {
  return createHash('sha256')
    .update(readFileSync(join(workspace, 'package-lock.json')))
    .digest('hex');
}

/** `npm ci` unless `node_modules` was installed from exactly this lockfile. */
function ensureDependencies() {
  const wanted = lockfileHash();
  const installed = existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : '';
  if (installed === wanted) return;
  say(
    installed
      ? 'package-lock.json changed: npm ci'
      : 'installing the workspace dependencies: npm ci',
  );
  if (!run('npm', ['ci', '--no-audit', '--no-fund', '--no-progress']))
    fail('npm ci failed; see the output above');
  writeFileSync(STAMP, `${wanted}\n`);
}

/** True when something answers PING with +PONG on 127.0.0.1:`port` within a second. */
function pingRedis(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/** The tests use the Redis on 127.0.0.1:6379 (each under its own key prefix). */
async function ensureRedis() {
  if (await pingRedis(6379)) return;
  if (spawnSync('redis-server', ['--version']).status !== 0)
    fail(
      'the tests need Redis 7 on 127.0.0.1:6379 and none answers; install it ' +
        '(Debian: apt-get install redis-server) or start one there',
    );
  say('no Redis on 127.0.0.1:6379: starting one (nothing kept on disk)');
  run('redis-server', [
    '--daemonize',
    'yes',
    '--bind',
    '127.0.0.1',
    '--port',
    '6379',
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  for (let i = 0; i < 50; i++) {
    if (await pingRedis(6379)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  fail('redis-server was started but does not answer on 127.0.0.1:6379');
}

/** The dashboard's end-to-end tests drive Debian's Chromium. */
function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const canInstall =
    process.getuid?.() === 0 &&
    spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!canInstall)
    fail(
      `the dashboard's end-to-end tests need Debian's Chromium at ${CHROMIUM}, and this ` +
        'user cannot install it; run `sudo apt-get install -y chromium` (never a ' +
        'downloaded browser), then npm test again',
    );
  say(`installing Debian's Chromium for the dashboard's end-to-end tests`);
  if (
    !run('apt-get', ['update', '-qq']) ||
    !run('apt-get', ['install', '-y', '-qq', 'chromium'])
  )
    fail('apt-get install chromium failed; see the output above');
}

const command = process.argv[2];
if (command !== 'start' && command !== 'test')
  fail('usage: node tools/bootstrap/prepare.mjs start|test');
ensureDependencies();
if (command === 'test') {
  await ensureRedis();
  ensureChromium();
}
