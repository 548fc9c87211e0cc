import { DEMO_KEY_PREFIX, planStack } from './plan-stack';

const plan = (env: NodeJS.ProcessEnv) =>
  planStack({
    env,
    redisUrl: 'redis://127.0.0.1:6390',
    node: '/usr/bin/node',
    workspace: '/w',
  });

describe('planStack', () => {
  it('with no key: the simulator, ingest on the sec-api path against it, and the gateway', () => {
    const { services, upstream } = plan({});
    expect(services.map((s) => s.name)).toEqual([
      'simulator',
      'ingest',
      'gateway',
      'alerts',
    ]);
    const ingest = services[1];
    expect(ingest.env).toMatchObject({
      INGEST_SOURCE: 'sec-api',
      SEC_STREAM_URL: 'ws://127.0.0.1:9010',
      SEC_QUERY_API_URL: 'http://127.0.0.1:9010',
      REDIS_URL: 'redis://127.0.0.1:6390',
      // Insights from the simulator's archive stand-in: real documents, no network.
      EDGAR_ARCHIVES_URL: 'http://127.0.0.1:9010',
      INSIGHTS_ENABLED: 'true',
    });
    expect(services[0].env['SIMULATOR_DOCUMENTS_DIR']).toBe(
      '/w/../shared/fixtures/edgar/documents',
    );
    expect(ingest.env['SEC_API_KEY']).toBe(
      services[0].env['SIMULATOR_API_KEY'],
    );
    expect(ingest.args).toEqual(['/w/dist/apps/ingest/main.js']);
    expect(services[2].args).toEqual(['/w/dist/apps/gateway/main.js']);
    expect(upstream).toMatch(/simulator/);
  });

  it('with SEC_API_KEY: the real stream, no simulator, the key passed through', () => {
    const { services, upstream } = plan({ SEC_API_KEY: 'real' });
    expect(services.map((s) => s.name)).toEqual([
      'ingest',
      'gateway',
      'alerts',
    ]);
    expect(services[0].env).toMatchObject({
      SEC_API_KEY: 'real',
      INGEST_SOURCE: 'sec-api',
    });
    expect(services[0].env['SEC_STREAM_URL']).toBeUndefined();
    expect(upstream).toMatch(/sec-api.io/);
  });

  it("with INGEST_SOURCE=edgar: EDGAR's feed with the declared user agent", () => {
    const { services } = plan({
      INGEST_SOURCE: 'edgar',
      SEC_USER_AGENT: 'A b@c.d',
    });
    expect(services.map((s) => s.name)).toEqual([
      'ingest',
      'gateway',
      'alerts',
    ]);
    expect(services[0].env).toMatchObject({
      INGEST_SOURCE: 'edgar',
      SEC_USER_AGENT: 'A b@c.d',
    });
  });

  it('honours the replay speed for the simulator', () => {
    expect(
      plan({ REPLAY_SPEED: '600' }).services[0].env['SIMULATOR_SPEED'],
    ).toBe('600');
  });
});

describe('planStack: the demo keeps its data apart', () => {
  it('replays under the demo prefix, for ingest and the gateway alike', () => {
    const { services, demoKeyPrefix } = plan({});
    expect(demoKeyPrefix).toBe(DEMO_KEY_PREFIX);
    for (const name of ['ingest', 'gateway', 'alerts'])
      expect(services.find((s) => s.name === name)?.env).toMatchObject({
        SECFEED_KEY_PREFIX: DEMO_KEY_PREFIX,
      });
  });

  it('takes a prefix the user chose for the demo', () => {
    const { services, demoKeyPrefix } = plan({ SECFEED_KEY_PREFIX: 'mine:' });
    expect(demoKeyPrefix).toBe('mine:');
    expect(services[1].env['SECFEED_KEY_PREFIX']).toBe('mine:');
  });

  it('the in-process replay is demo data too', () => {
    expect(plan({ INGEST_SOURCE: 'replay' }).demoKeyPrefix).toBe(
      DEMO_KEY_PREFIX,
    );
  });

  it('the in-process replay reads no archive unless insights are asked for', () => {
    const ingest = (env: NodeJS.ProcessEnv) =>
      plan(env).services.find((s) => s.name === 'ingest')?.env;
    expect(ingest({ INGEST_SOURCE: 'replay' })?.['INSIGHTS_ENABLED']).toBe(
      'false',
    );
    expect(
      ingest({ INGEST_SOURCE: 'replay', INSIGHTS_ENABLED: 'true' })?.[
        'INSIGHTS_ENABLED'
      ],
    ).toBe('true');
  });

  it.each<[NodeJS.ProcessEnv]>([
    [{ SEC_API_KEY: 'real' }],
    [{ INGEST_SOURCE: 'edgar', SEC_USER_AGENT: 'A b@c.d' }],
    [{ SEC_API_KEY: 'real', SECFEED_KEY_PREFIX: 'prod:' }],
  ])('never marks real data as the demo (%o)', (env) => {
    const { services, demoKeyPrefix } = plan(env);
    expect(demoKeyPrefix).toBeUndefined();
    expect(services[0].env['SECFEED_KEY_PREFIX']).toBe(
      env['SECFEED_KEY_PREFIX'],
    );
  });

  it('runs the alerts service on ALERTS_PORT and points the gateway at it', () => {
    const { services } = plan({ ALERTS_PORT: '9302' });
    const alerts = services.find((s) => s.name === 'alerts');
    expect(alerts?.args).toEqual(['/w/dist/apps/alerts/main.js']);
    expect(alerts?.env['ALERTS_PORT']).toBe('9302');
    expect(alerts?.env['REDIS_URL']).toBe('redis://127.0.0.1:6390');
    expect(
      services.find((s) => s.name === 'gateway')?.env['GATEWAY_ALERTS_URL'],
    ).toBe('http://127.0.0.1:9302');
    expect(
      plan({}).services.find((s) => s.name === 'alerts')?.env['ALERTS_PORT'],
    ).toBe('9002');
  });
});
