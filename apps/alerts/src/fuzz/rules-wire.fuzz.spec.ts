// Wire fuzz of the alerts service's rules API, as a stranger on the network sees it: raw TCP to
// the built service (`node dist/apps/alerts/main.js`) on real Redis, with clean requests to
// every route carrying rule bodies of every shape (valid, wrong types, JSON bombs, `__proto__`
// keys, huge strings), pipelines of them, requests broken at the HTTP level (request lines,
// absurd headers, wrong Content-Length, chunked garbage, byte edits) and requests cut and
// closed, reset or dribbled. The process never exits; every complete request gets a well-formed
// answer with the status and JSON error code docs/alerts.md lists; a rule body is accepted
// exactly when `parseAlertRule` accepts it, so no invalid body ever stores a rule; afterwards
// the service still answers /healthz and a create, read, delete round-trip.
// Seeded: FUZZ_SEED=<n> replays a failure, FUZZ_RUNS=<n> opens n/5 connections.
import { parseAlertRule } from '@secfeed/alert-delivery';
import {
  builtServiceMain,
  connectTestRedis,
  deleteKeysWithPrefix,
  startServiceProcess,
  testRedisUrl,
  uniqueKeyPrefix,
  type ServiceProcess,
  type TestRedis,
} from '@secfeed/test-kit';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api } from '../app/test-support/alerts-harness';
import {
  exchange,
  type RawAnswer,
  type RawOutcome,
} from './test-support/raw-exchange';
import {
  wireAction,
  type CleanRequest,
  type WireAction,
} from './test-support/rule-requests';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20200103);
/** As in the gateway's wire fuzz, a fifth as many TCP connections as `FUZZ_RUNS` (1,000 by default). */
const CONNECTIONS = process.env['FUZZ_RUNS']
  ? Math.ceil(Number(process.env['FUZZ_RUNS']) / 5)
  : 1000;
const PER_RUN = 20;
const MAX_BODY_BYTES = 64 * 1024;
jest.setTimeout(Math.max(120_000, CONNECTIONS * 100));

/** Every `UPPER_SNAKE` code docs/alerts.md lists under "Error codes" (its table). */
function documentedCodes(): Map<number, Set<string>> {
  const text = readFileSync(
    join(__dirname, '../../../../docs/alerts.md'),
    'utf8',
  );
  const start = text.indexOf('### Error codes');
  const end = text.indexOf('\n## ', start);
  const codes = new Map<number, Set<string>>();
  for (const line of text.slice(start, end).split('\n')) {
    const match = /^\|\s*(\d{3})\s*\|(.*?)\|/.exec(line);
    if (!match) continue;
    const status = Number(match[1]);
    for (const code of match[2].matchAll(/`([A-Z][A-Z0-9_]+)`/g))
      codes.set(status, (codes.get(status) ?? new Set()).add(code[1]));
  }
  return codes;
}

/** Statuses the service itself answers (docs/alerts.md, "API" and "Error codes"). */
const APP_STATUSES = new Set([200, 201, 204, 400, 404, 405, 409, 413]);

/** The path without its query, as the service routes it. */
const pathOf = (target: string) => target.split('?')[0];
const COLLECTION = /^\/api\/alert-rules\/?$/;

/** What the service must answer to a body POSTed to the collection, from the parser itself. */
function oracle(
  body: string | undefined,
): { ok: true; name: string } | { ok: false; status: number; code: string } {
  const bytes = Buffer.byteLength(body ?? '', 'utf8');
  if (bytes > MAX_BODY_BYTES)
    return { ok: false, status: 413, code: 'PAYLOAD_TOO_LARGE' };
  const text = body ?? '';
  let value: unknown = {};
  if (text.trim() !== '') {
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, status: 400, code: 'INVALID_JSON' };
    }
  }
  const parsed = parseAlertRule(value, 'create');
  return parsed.ok
    ? { ok: true, name: parsed.fields.name }
    : { ok: false, status: 400, code: parsed.error.code };
}

describe('alerts rules API under wire fuzz (raw TCP to the built service)', () => {
  const prefix = uniqueKeyPrefix('fuzz-alerts');
  const documented = documentedCodes();
  const allCodes = new Set([...documented.values()].flatMap((s) => [...s]));
  let alerts: ServiceProcess;
  let port: number;
  let base: string;
  let redis: TestRedis;
  /** Names of rules whose body the parser accepts: the only rules that may be stored. */
  const acceptedNames = new Set<string>();
  const seen = new Map<string, number>();
  const count = (label: string) => seen.set(label, (seen.get(label) ?? 0) + 1);

  beforeAll(async () => {
    redis = await connectTestRedis();
    alerts = startServiceProcess({
      main: builtServiceMain('alerts'),
      name: 'alerts',
      env: {
        REDIS_URL: testRedisUrl(),
        SECFEED_KEY_PREFIX: prefix,
        ALERTS_PORT: '0',
        LOG_LEVEL: 'info',
      },
    });
    port = Number((await alerts.waitForLog('Alerts listening'))['port']);
    await alerts.waitForLog('Alerts delivering');
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await alerts?.stop({ signal: 'SIGKILL' });
    if (redis) {
      await deleteKeysWithPrefix(redis, prefix);
      await redis.quit();
    }
  });

  /** `warn` lines of API requests that failed, which the service counts as REDIS_UNAVAILABLE. */
  const requestFailures = () =>
    alerts.messages('warn').filter((m) => m === 'alerts API request failed')
      .length;

  /** Notes every body in `action` the parser accepts (any of them may have been stored). */
  function noteAccepted(action: WireAction): void {
    const bodies = action.requests.map((r) => r.body);
    if (action.kind === 'broken') {
      // Byte edits may leave (or make) a valid body: read it back from the bytes sent.
      const text = action.bytes.toString('utf8');
      const at = text.search(/\r?\n\r?\n/);
      if (at >= 0) bodies.push(text.slice(at).trim());
    }
    for (const body of bodies) {
      const verdict = oracle(body);
      if (verdict.ok) acceptedNames.add(verdict.name);
    }
  }

  /** Checks one answer to a clean request against the docs and the parser. */
  function checkClean(
    request: CleanRequest,
    answer: RawAnswer,
    where: string,
  ): void {
    count(`${request.method === 'HEAD' ? 'HEAD ' : ''}${answer.status}`);
    const path = pathOf(request.path);
    const served = ['/healthz', '/readyz', '/metrics'].includes(path);
    expect([where, APP_STATUSES.has(answer.status) || served]).toEqual([
      where,
      true,
    ]);
    if (answer.status >= 400 && request.method !== 'HEAD') {
      let code: unknown;
      try {
        const body = JSON.parse(answer.body) as {
          error?: { code?: unknown; message?: unknown };
        };
        code = body.error?.code;
        expect([where, typeof body.error?.message]).toEqual([where, 'string']);
      } catch {
        code = undefined;
      }
      count(`${answer.status} ${String(code)}`);
      expect([where, documented.get(answer.status)?.has(String(code))]).toEqual(
        [where, true],
      );
    }
    if (request.method === 'POST' && COLLECTION.test(path)) {
      const verdict = oracle(request.body);
      if (verdict.ok) {
        // Valid: stored (201), unless ALERTS_MAX_RULES rules exist (409).
        expect([where, [201, 409].includes(answer.status)]).toEqual([
          where,
          true,
        ]);
      } else {
        // Not a rule: refused with the parser's own code, never stored.
        expect([
          where,
          answer.status,
          answer.body.includes(`"${verdict.code}"`),
        ]).toEqual([where, verdict.status, true]);
      }
    }
  }

  function check(action: WireAction, outcome: RawOutcome): void {
    const where = `${action.kind} ${JSON.stringify(action.behaviour)} ${JSON.stringify(action.bytes.toString('latin1').slice(0, 300))} -> ${JSON.stringify(outcome).slice(0, 600)}`;
    // When the process died, its last words say why.
    expect([where, alerts.running || alerts.stderr.slice(-1500)]).toEqual([
      where,
      true,
    ]);
    expect([where, outcome.refused ?? false]).toEqual([where, false]);
    expect([where, outcome.garbage]).toEqual([where, undefined]);
    for (const answer of outcome.answers)
      expect([where, answer.status >= 100 && answer.status < 600]).toEqual([
        where,
        true,
      ]);
    switch (action.kind) {
      case 'clean':
        expect([where, outcome.hung ?? false]).toEqual([where, false]);
        expect([where, outcome.answers.length]).toEqual([where, 1]);
        checkClean(action.requests[0], outcome.answers[0], where);
        return;
      case 'pipeline': {
        expect([where, outcome.hung ?? false]).toEqual([where, false]);
        const { answers } = outcome;
        // A refusal of a body too large ends the connection (its body is not read): the
        // requests after it go unanswered. Otherwise every request is answered, in order.
        const cut = answers.findIndex((a) => a.status === 413);
        expect([where, answers.length]).toEqual([
          where,
          cut >= 0 ? answers.length : action.requests.length,
        ]);
        expect([where, answers.length > 0]).toEqual([where, true]);
        answers.forEach((answer, i) =>
          checkClean(action.requests[i], answer, `${where} #${i}`),
        );
        return;
      }
      case 'broken': {
        expect([where, outcome.hung ?? false]).toEqual([where, false]);
        const head = action.bytes.toString('latin1').startsWith('HEAD ');
        for (const answer of outcome.answers) {
          count(`broken ${answer.status}`);
          expect([where, answer.status < 500 || answer.status === 505]).toEqual(
            [where, true],
          );
          if (answer.status >= 400 && answer.body !== '') {
            // An answer of the service: a documented JSON error.
            const code = /"error":\{"code":"([^"]*)"/.exec(answer.body)?.[1];
            expect([where, allCodes.has(String(code))]).toEqual([where, true]);
          } else if (answer.status >= 400 && !head) {
            // Node's HTTP parser refused the bytes before the service saw them.
            count(`parser ${answer.status}`);
            expect([where, answer.headers['connection']]).toEqual([
              where,
              'close',
            ]);
          }
        }
        return;
      }
      case 'partial':
        count(`partial ${action.behaviour.kind}`);
        return;
    }
  }

  it(`stays up and answers ${CONNECTIONS} fuzzed connections as documented (seed ${SEED})`, async () => {
    let played = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(wireAction, { minLength: PER_RUN, maxLength: PER_RUN }),
        async (actions) => {
          actions.forEach(noteAccepted);
          const outcomes = await Promise.all(
            actions.map((action) =>
              exchange(
                port,
                action.bytes,
                action.behaviour,
                action.kind === 'broken'
                  ? [action.bytes.toString('latin1').startsWith('HEAD ')]
                  : action.requests.map((r) => r.method === 'HEAD'),
              ),
            ),
          );
          actions.forEach((action, i) => check(action, outcomes[i]));
          played += actions.length;
        },
      ),
      {
        seed: SEED,
        numRuns: Math.ceil(CONNECTIONS / PER_RUN),
        // One service lives through every run: a shrunk rerun would not start clean.
        endOnFailure: true,
      },
    );
    expect(played).toBeGreaterThanOrEqual(CONNECTIONS);
    expect(alerts.running).toBe(true);
    process.stdout.write(
      `alerts wire fuzz: seed ${SEED}, ${played} connections, ${JSON.stringify(Object.fromEntries([...seen].sort()))}; ` +
        `${requestFailures()} client aborts logged as REDIS_UNAVAILABLE (see the known defect below)\n`,
    );
  });

  it('stored no rule but from a body the parser accepts', async () => {
    const { status, body } = await api(base, 'GET', '/api/alert-rules');
    expect(status).toBe(200);
    const names: string[] = body.rules.map((r: { name: string }) => r.name);
    expect(names.filter((name) => !acceptedNames.has(name))).toEqual([]);
    process.stdout.write(
      `alerts wire fuzz: ${names.length} rules stored, ${acceptedNames.size} valid bodies sent\n`,
    );
    // A long run may have stored ALERTS_MAX_RULES: make room for the round-trip below.
    for (const rule of body.rules as { id: string }[])
      expect(
        (await api(base, 'DELETE', `/api/alert-rules/${rule.id}`)).status,
      ).toBe(204);
  });

  // Found by this fuzz: a request whose body the client aborts (reset mid-body, or chunked
  // garbage Node's parser refuses) was logged as `alerts API request failed` and counted as
  // secfeed_alerts_errors_total{code="REDIS_UNAVAILABLE"} with Redis up, so a scanner could raise
  // Redis alerts. The body is now REQUEST_ABORTED, and parser errors a JSON BAD_REQUEST.
  it('logs no Redis failure when a client aborts its request body', async () => {
    const before = requestFailures();
    const body = Buffer.from(
      'POST /api/alert-rules HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{"name":',
    );
    await exchange(port, body, { kind: 'reset', at: body.length });
    await exchange(
      port,
      Buffer.from(
        'POST /api/alert-rules HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      ),
      { kind: 'answer', expected: 1 },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(requestFailures()).toBe(before);
  });

  it('still answers /healthz and a create, read, delete round-trip', async () => {
    expect(alerts.running).toBe(true);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const created = await api(base, 'POST', '/api/alert-rules', {
      name: 'after the fuzz',
      filters: { formTypes: ['8-K'] },
      channel: {
        type: 'webhook',
        url: 'https://receiver.example/after',
        secret: 'whsec-after-the-fuzz-0123456789',
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(await api(base, 'GET', `/api/alert-rules/${id}`)).toMatchObject({
      status: 200,
      body: { id, name: 'after the fuzz', channel: { secret: '****6789' } },
    });
    expect((await api(base, 'DELETE', `/api/alert-rules/${id}`)).status).toBe(
      204,
    );
    expect((await api(base, 'GET', `/api/alert-rules/${id}`)).status).toBe(404);
    expect(alerts.messages('fatal')).toEqual([]);
  });
});
