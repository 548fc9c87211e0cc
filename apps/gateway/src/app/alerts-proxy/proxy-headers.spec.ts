import {
  requestHeadersForAlerts,
  responseHeadersFromAlerts,
} from './proxy-headers';

describe('requestHeadersForAlerts', () => {
  it('drops hop-by-hop headers, those Connection names, Host, Origin and Expect; keeps the rest', () => {
    expect(
      requestHeadersForAlerts(
        {
          host: 'gateway:9000',
          origin: 'https://app.example.com',
          connection: 'keep-alive, x-session-hop',
          'x-session-hop': 'drop me',
          'keep-alive': 'timeout=5',
          'transfer-encoding': 'chunked',
          te: 'trailers',
          upgrade: 'websocket',
          'proxy-authorization': 'Basic abc',
          expect: '100-continue',
          authorization: 'Bearer t',
          'content-type': 'application/json',
          'content-length': '12',
          cookie: 'a=1',
        },
        '10.0.0.7',
        false,
      ),
    ).toEqual({
      authorization: 'Bearer t',
      'content-type': 'application/json',
      'content-length': '12',
      cookie: 'a=1',
      'x-forwarded-for': '10.0.0.7',
      'x-forwarded-proto': 'http',
    });
  });

  it('appends the client to an X-Forwarded-For already there, and says https when it was', () => {
    const headers = requestHeadersForAlerts(
      { 'x-forwarded-for': '203.0.113.9' },
      '10.0.0.7',
      true,
    );
    expect(headers['x-forwarded-for']).toBe('203.0.113.9, 10.0.0.7');
    expect(headers['x-forwarded-proto']).toBe('https');
  });
});

describe('responseHeadersFromAlerts', () => {
  it('keeps the answer headers but hop-by-hop and CORS ones', () => {
    expect(
      responseHeadersFromAlerts({
        'content-type': 'application/json',
        location: '/api/alert-rules/r1',
        'retry-after': '5',
        'www-authenticate': 'Bearer',
        connection: 'close',
        'transfer-encoding': 'chunked',
        'access-control-allow-origin': 'https://evil.example.com',
        'access-control-allow-methods': 'GET',
      }),
    ).toEqual({
      'content-type': 'application/json',
      location: '/api/alert-rules/r1',
      'retry-after': '5',
      'www-authenticate': 'Bearer',
    });
  });

  it("adds the service's Vary to the one the gateway set", () => {
    const answer = {
      'content-type': 'application/json',
      vary: 'accept-encoding',
    };
    expect(responseHeadersFromAlerts(answer, 'origin')['vary']).toBe(
      'origin, accept-encoding',
    );
    expect(responseHeadersFromAlerts(answer)['vary']).toBe('accept-encoding');
    expect(
      responseHeadersFromAlerts({ 'content-type': 'text/plain' }, 'origin')[
        'vary'
      ],
    ).toBeUndefined();
  });
});
