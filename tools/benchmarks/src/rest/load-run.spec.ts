import { countError } from './load-run';

const reply = (status: number, error?: string) => ({
  status,
  raw: Buffer.alloc(0),
  encoding: undefined,
  error,
  ms: 1,
});

describe('countError', () => {
  it('counts non-200 replies by status, connection errors by code, and 200s not at all', () => {
    const errors: Record<string, number> = {};
    countError(errors, reply(200));
    countError(errors, reply(503));
    countError(errors, reply(503));
    countError(errors, reply(0, 'ECONNRESET'));
    expect(errors).toEqual({ '503': 2, ECONNRESET: 1 });
  });
});
