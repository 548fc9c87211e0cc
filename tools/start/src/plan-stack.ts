/** One process of the running product. */
export interface ServicePlan {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

export interface StackPlan {
  /** Which upstream ingest uses, in words for the banner. */
  upstream: string;
  services: ServicePlan[];
  /**
   * The key prefix holding only the replayed demo's data, cleared before each run so that the
   * replay publishes again (its accession numbers would otherwise be seen-marked by the last
   * run). Absent when ingest reads a real upstream: real data is never cleared.
   */
  demoKeyPrefix?: string;
}

/** Where the replayed demo keeps its data unless `SECFEED_KEY_PREFIX` says otherwise. */
export const DEMO_KEY_PREFIX = 'secfeed-demo:';

export interface PlanInput {
  env: NodeJS.ProcessEnv;
  redisUrl: string;
  node: string;
  workspace: string;
}

const SIMULATOR_PORT = '9010';
const ALERTS_PORT = '9002';
/** Real EDGAR full submissions the simulator serves as EDGAR's archive (insights in the demo). */
const DOCUMENTS_DIR = '../shared/fixtures/edgar/documents';
const SIMULATOR_KEY = 'local-demo-key';

/**
 * What `npm start` runs: with `SEC_API_KEY`, ingest on the real sec-api.io stream; with
 * `INGEST_SOURCE=edgar`, on EDGAR's feed; otherwise the simulator replaying the real day and
 * ingest on the `sec-api` path against it, with insights read from the simulator's stand-in of
 * EDGAR's archive (the real full submissions of `../shared/fixtures/edgar/documents`; nothing
 * reaches the internet). The gateway serves the dashboard in every case, and the alerts service
 * delivers the alert rules' filings (managed from the dashboard through the gateway).
 */
export function planStack({
  env,
  redisUrl,
  node,
  workspace,
}: PlanInput): StackPlan {
  const realUpstream =
    Boolean(env['SEC_API_KEY'] || env['SEC_API_IO']) ||
    env['INGEST_SOURCE'] === 'edgar';
  const demoKeyPrefix = realUpstream
    ? undefined
    : env['SECFEED_KEY_PREFIX'] || DEMO_KEY_PREFIX;
  const common: NodeJS.ProcessEnv = {
    ...env,
    REDIS_URL: redisUrl,
    ...(demoKeyPrefix === undefined
      ? {}
      : { SECFEED_KEY_PREFIX: demoKeyPrefix }),
  };
  const services: ServicePlan[] = [];
  let upstream: string;
  let ingestEnv: NodeJS.ProcessEnv;
  if (env['SEC_API_KEY'] || env['SEC_API_IO']) {
    upstream = 'the sec-api.io Stream API (SEC_API_KEY is set)';
    ingestEnv = { ...common, INGEST_SOURCE: env['INGEST_SOURCE'] ?? 'sec-api' };
  } else if (
    env['INGEST_SOURCE'] === 'edgar' ||
    env['INGEST_SOURCE'] === 'replay'
  ) {
    upstream =
      env['INGEST_SOURCE'] === 'edgar'
        ? "EDGAR's Latest Filings feed"
        : 'the replayed day, in-process';
    // The replayed day in-process has no archive stand-in: no insights unless asked for.
    ingestEnv =
      env['INGEST_SOURCE'] === 'replay'
        ? { INSIGHTS_ENABLED: 'false', ...common }
        : common;
  } else {
    const port = env['SIMULATOR_PORT'] ?? SIMULATOR_PORT;
    upstream = `the sec-api simulator replaying EDGAR's day of 2020-01-03 (ws://127.0.0.1:${port})`;
    services.push({
      name: 'simulator',
      command: node,
      args: [`${workspace}/dist/tools/sec-api-simulator/main.js`],
      env: {
        ...env,
        SIMULATOR_PORT: port,
        SIMULATOR_API_KEY: SIMULATOR_KEY,
        SIMULATOR_SPEED: env['REPLAY_SPEED'] ?? '60',
        SIMULATOR_DOCUMENTS_DIR:
          env['SIMULATOR_DOCUMENTS_DIR'] ?? `${workspace}/${DOCUMENTS_DIR}`,
      },
    });
    ingestEnv = {
      ...common,
      INGEST_SOURCE: 'sec-api',
      SEC_API_KEY: SIMULATOR_KEY,
      SEC_STREAM_URL: `ws://127.0.0.1:${port}`,
      SEC_QUERY_API_URL: `http://127.0.0.1:${port}`,
      EDGAR_ARCHIVES_URL: `http://127.0.0.1:${port}`,
      INSIGHTS_ENABLED: env['INSIGHTS_ENABLED'] ?? 'true',
    };
  }
  services.push({
    name: 'ingest',
    command: node,
    args: [`${workspace}/dist/apps/ingest/main.js`],
    env: ingestEnv,
  });
  const alertsPort = env['ALERTS_PORT'] ?? ALERTS_PORT;
  services.push({
    name: 'gateway',
    command: node,
    args: [`${workspace}/dist/apps/gateway/main.js`],
    // The dashboard reaches the alert rules through the gateway: one origin for the browser.
    env: {
      ...common,
      GATEWAY_ALERTS_URL:
        env['GATEWAY_ALERTS_URL'] ?? `http://127.0.0.1:${alertsPort}`,
    },
  });
  services.push({
    name: 'alerts',
    command: node,
    args: [`${workspace}/dist/apps/alerts/main.js`],
    env: { ...common, ALERTS_PORT: alertsPort },
  });
  return { upstream, services, demoKeyPrefix };
}
