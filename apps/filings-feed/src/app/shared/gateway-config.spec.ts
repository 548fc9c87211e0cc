import { TestBed } from '@angular/core/testing';
import { GATEWAY_CONFIG, filingsUrl, socketUrl } from './gateway-config';

describe('gateway config', () => {
  afterEach(() =>
    document.head
      .querySelectorAll('meta[name^="secfeed"]')
      .forEach((m) => m.remove()),
  );

  it('uses the page origin by default', () => {
    const config = TestBed.inject(GATEWAY_CONFIG);
    expect(config).toEqual({ baseUrl: '' });
    expect(
      socketUrl(config, {
        protocol: 'https:',
        host: 'feed.example.com',
      } as Location),
    ).toBe('wss://feed.example.com/ws');
    expect(filingsUrl(config)).toBe('/api/filings');
  });

  it('reads another gateway and a token from meta tags', () => {
    document.head.insertAdjacentHTML(
      'beforeend',
      '<meta name="secfeed-gateway" content="http://gw.local:9000/"><meta name="secfeed-token" content="t0k">',
    );
    const config = TestBed.inject(GATEWAY_CONFIG);
    expect(socketUrl(config, document.location)).toBe(
      'ws://gw.local:9000/ws?token=t0k',
    );
    expect(filingsUrl(config)).toBe('http://gw.local:9000/api/filings');
  });
});
