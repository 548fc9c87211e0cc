import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Starts `redis-server` on 127.0.0.1 with the given arguments and resolves once it accepts
 * connections; rejects (with its output) when it exits first or takes over 10 s, after killing it.
 */
export async function startRedisServer(
  port: number,
  args: readonly string[],
): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    await waitForOutput(child, 'Ready to accept connections');
  } catch (err) {
    await killRedisServer(child);
    throw err;
  }
  return child;
}

/** Kills with SIGKILL (no shutdown save) and waits for the exit; nothing when already gone. */
export async function killRedisServer(
  child: ChildProcess | undefined,
): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

function waitForOutput(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start: ${output}`)),
      10_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(text)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${output}`));
    });
  });
}
