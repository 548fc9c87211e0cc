import { redactUrl, scrubUrlSecrets } from './redact-url';

describe('redactUrl', () => {
  it('masks query values and keeps their names', () => {
    expect(redactUrl('wss://stream.sec-api.io?apiKey=s3cr3t')).toBe(
      'wss://stream.sec-api.io/?apiKey=***',
    );
    expect(
      redactUrl('ws://localhost:9000/ws?token=a&apiKey=b&token=c#frag'),
    ).toBe('ws://localhost:9000/ws?token=***&apiKey=***');
  });

  it('masks a password in the user info', () => {
    expect(redactUrl('wss://user:pw@example.com/path')).toBe(
      'wss://user:***@example.com/path',
    );
  });

  it('leaves a URL without secrets as it is and hides an unparsable one', () => {
    expect(redactUrl('wss://stream.sec-api.io')).toBe(
      'wss://stream.sec-api.io/',
    );
    expect(redactUrl('not a url apiKey=s3cr3t')).toBe('[invalid url]');
  });
});

describe('scrubUrlSecrets', () => {
  it('removes the URL and its query values from a message', () => {
    const url = 'wss://stream.sec-api.io?apiKey=s3cr3t+key';
    const message = `failed ${url} (key s3cr3t key, encoded s3cr3t%20key)`;
    expect(scrubUrlSecrets(message, url)).not.toMatch(/s3cr3t/);
  });
});
