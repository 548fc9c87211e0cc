// The built gateway as an operator runs it (`node dist/apps/gateway/main.js`, environment only),
// optionally under a low `ulimit -n`, for the specs that must see whether the process survives.
import {
  builtServiceMain,
  startServiceProcess,
  waitUntil,
  type LogLine,
  type ServiceExit,
} from '@secfeed/test-kit';

export interface GatewayProcess {
  readonly pid: number;
  /** Its JSON log lines, parsed, in order. */
  readonly logs: readonly LogLine[];
  /** Resolves with the exit code, or the signal's name. */
  readonly exited: Promise<ServiceExit>;
  readonly alive: boolean;
  readonly stderr: string;
  /** `http://127.0.0.1:<port>`, once it logged "Gateway listening". */
  http(): Promise<string>;
  port(): Promise<number>;
  /** Resolves once `/readyz` answers 200 (Redis connected, the reader running). */
  ready(): Promise<void>;
  /** Messages of its log lines, e.g. to look for "Request failed". */
  messages(): string[];
  /** SIGKILL if still running; resolves once it exited. */
  kill(): Promise<void>;
}

/**
 * Starts the built gateway with `env` (plus PATH), under `ulimit -n fdLimit` when given.
 * `SECFEED_GATEWAY_MAIN` points the specs at another build (an older one).
 */
export function startGatewayProcess(
  env: Record<string, string>,
  options: { fdLimit?: number } = {},
): GatewayProcess {
  const gateway = startServiceProcess({
    main: process.env['SECFEED_GATEWAY_MAIN'] ?? builtServiceMain('gateway'),
    name: 'the gateway',
    env,
    fdLimit: options.fdLimit,
  });
  const port = async () =>
    Number((await gateway.waitForLog('Gateway listening'))['port']);
  return {
    pid: gateway.pid,
    logs: gateway.logs,
    exited: gateway.exited,
    get alive() {
      return gateway.running;
    },
    get stderr() {
      return gateway.stderr;
    },
    port,
    http: async () => `http://127.0.0.1:${await port()}`,
    ready: async () => {
      const readyz = `http://127.0.0.1:${await port()}/readyz`;
      await waitUntil(
        async () => (await fetch(readyz)).status === 200,
        'the gateway to be ready',
        20_000,
      );
    },
    messages: () => gateway.messages(),
    kill: async () => {
      await gateway.stop({ signal: 'SIGKILL' });
    },
  };
}
