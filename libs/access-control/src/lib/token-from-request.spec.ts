import { tokenFromRequest } from './token-from-request';

describe('tokenFromRequest', () => {
  it('reads the token query parameter', () => {
    expect(
      tokenFromRequest({ url: '/ws?token=abc.def.ghi', headers: {} }),
    ).toBe('abc.def.ghi');
  });

  it('reads an Authorization bearer header, any case', () => {
    expect(
      tokenFromRequest({
        url: '/ws',
        headers: { authorization: 'bearer  t1' },
      }),
    ).toBe('t1');
  });

  it('prefers the header over the query', () => {
    expect(
      tokenFromRequest({
        url: '/ws?token=q',
        headers: { authorization: 'Bearer h' },
      }),
    ).toBe('h');
  });

  it('returns undefined without a token or with another scheme', () => {
    expect(tokenFromRequest({ url: '/ws', headers: {} })).toBeUndefined();
    expect(
      tokenFromRequest({ url: '/ws?token=', headers: {} }),
    ).toBeUndefined();
    expect(
      tokenFromRequest({
        url: '/ws',
        headers: { authorization: 'Basic eA==' },
      }),
    ).toBeUndefined();
  });
});
