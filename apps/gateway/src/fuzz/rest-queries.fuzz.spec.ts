// Bad-input fuzz of the REST history: generated query strings (and some other methods and
// paths) against the real GatewayService on the real Redis. Every answer must be a page (200),
// a filing, or an error whose status and code docs/rest.md lists; never a 5xx, never a hang.
// Seeded: FUZZ_SEED=<n> replays a failure, FUZZ_RUNS=<requests> runs longer.
import fc from 'fast-check';
import { restCodes } from './test-support/documented-codes';
import {
  startFuzzGateway,
  type FuzzGateway,
} from './test-support/fuzz-gateway';
import { FUZZ, FUZZ_TIMEOUT_MS } from './test-support/fuzz-settings';
import { heapInUse } from './test-support/heap-in-use';
import {
  KNOWN_PARAMETERS,
  requestArbitrary,
  type RestRequest,
} from './test-support/rest-requests';

/** No answer within this long counts as a hang. */
const ANSWER_MS = 10_000;
jest.setTimeout(FUZZ_TIMEOUT_MS);

type Page = { filings: Array<Record<string, unknown>>; next: string | null };

describe('gateway under REST query fuzz (real HTTP, real Redis)', () => {
  const documented = restCodes();
  let gateway: FuzzGateway;
  let heapBefore = 0;
  const statuses = new Map<string, number>();
  let arbitrary: fc.Arbitrary<RestRequest>;

  beforeAll(async () => {
    gateway = await startFuzzGateway('fuzz-rest');
    await gateway.publish(60);
    // Real cursors and accession numbers, for the fuzz to use and to break.
    const cursors: string[] = [];
    const accessionNos: string[] = [];
    let next: string | null = null;
    do {
      const query: string = next ? `limit=7&cursor=${next}` : 'limit=7';
      const page = (await (
        await fetch(`${gateway.http}/api/filings?${query}`)
      ).json()) as Page;
      accessionNos.push(...page.filings.map((f) => String(f['accessionNo'])));
      next = page.next;
      if (next) cursors.push(next);
    } while (next);
    expect(accessionNos).toHaveLength(60);
    arbitrary = requestArbitrary(cursors, accessionNos);
    heapBefore = heapInUse();
  });

  afterAll(() => gateway?.stop());

  /** Sends one request and checks its answer against the docs. */
  async function check({ method, path, query }: RestRequest): Promise<void> {
    const url = `${gateway.http}${path}${query ? `?${query}` : ''}`;
    const res = await fetch(url, {
      method,
      signal: AbortSignal.timeout(ANSWER_MS),
    });
    const text = await res.text();
    const where = `${method} ${url.slice(0, 300)} -> ${res.status} ${text.slice(0, 300)}`;
    const count = (label: string) =>
      statuses.set(label, (statuses.get(label) ?? 0) + 1);
    expect([where, [200, 400, 404, 405].includes(res.status)]).toEqual([
      where,
      true,
    ]);
    if (method === 'HEAD') {
      expect(text).toBe('');
      count(`HEAD ${res.status}`);
      return;
    }
    const body = JSON.parse(text);
    if (res.status !== 200) {
      const code = String(body?.error?.code);
      count(`${res.status} ${code}`);
      expect([where, documented.get(res.status)?.has(code)]).toEqual([
        where,
        true,
      ]);
      expect(typeof body.error.message).toBe('string');
      if (res.status === 405)
        expect(res.headers.get('allow')).toBe('GET, HEAD');
      if (!['GET', 'HEAD'].includes(method) && path === '/api/filings')
        expect([where, res.status]).toEqual([where, 405]);
      return;
    }
    count('200');
    expect(method).toBe('GET');
    if (path !== '/api/filings') {
      expect(body.accessionNo).toBe(
        decodeURIComponent(path.split('/').pop() as string),
      );
      return;
    }
    const page = body as Page;
    expect(page.next === null || typeof page.next === 'string').toBe(true);
    const limit = new URLSearchParams(query).get('limit');
    // A blank value counts as absent, as the docs say of an empty one.
    const pageSize = limit?.trim() ? Number(limit) : 50;
    expect(page.filings.length).toBeLessThanOrEqual(pageSize);
    const times = page.filings.map((f) => Number(f['filedAtMs']));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const names = [...new URLSearchParams(query).keys()];
    expect(
      names.every((n) => KNOWN_PARAMETERS.includes(n) || n === 'token'),
    ).toBe(true);
  }

  it(`answers each of ${FUZZ.inputs} fuzzed requests as documented, never 5xx (seed ${FUZZ.seed})`, async () => {
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbitrary, { minLength: FUZZ.perRun, maxLength: FUZZ.perRun }),
        async (requests) => {
          await Promise.all(requests.map(check));
          sent += requests.length;
        },
      ),
      {
        seed: FUZZ.seed,
        numRuns: Math.ceil(FUZZ.inputs / FUZZ.perRun),
        endOnFailure: true,
      },
    );
    expect(sent).toBeGreaterThanOrEqual(FUZZ.inputs);
    process.stdout.write(
      `gateway rest fuzz: seed ${FUZZ.seed}, ${sent} requests, answers ${JSON.stringify(Object.fromEntries(statuses))}\n`,
    );
  });

  it('keeps the heap bounded over the whole fuzz', () => {
    const heapAfter = heapInUse();
    process.stdout.write(
      `gateway rest fuzz heap after GC: ${heapBefore.toFixed(1)} MiB before, ${heapAfter.toFixed(1)} MiB after\n`,
    );
    expect(heapAfter - heapBefore).toBeLessThan(FUZZ.heapGrowthMiB);
  });
});
