import { redactUrl } from './redact-url';

describe('redactUrl', () => {
  it.each([
    [
      '/api/filings?token=eyJ.secret&limit=5',
      '/api/filings?token=[redacted]&limit=5',
    ],
    ['/ws?a=1&token=x&token=y', '/ws?a=1&token=[redacted]&token=[redacted]'],
    ['/ws?%74oken=x', '/ws?%74oken=[redacted]'],
    ['/ws?TOKEN=x', '/ws?TOKEN=[redacted]'],
    ['/ws?token', '/ws?token=[redacted]'],
    ['/api/filings?limit=5', '/api/filings?limit=5'],
    ['/api/filings', '/api/filings'],
    ['//?token=x', '//?token=[redacted]'],
  ])('%s -> %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('keeps only the path of a target that does not parse', () => {
    expect(redactUrl('*?token=x')).toBe('*');
  });

  it('never lets a token through, however it is written', () => {
    for (const url of [
      '/x?token=SECRET',
      '/x?a=1&token=SECRET#frag',
      '/x?token=SECRET&token=SECRET',
      '/x?to%6Ben=SECRET',
    ])
      expect(redactUrl(url)).not.toContain('SECRET');
  });
});
