import { validateUserAgent } from './validate-user-agent';

describe('validateUserAgent', () => {
  it.each([
    'Secfeed admin@secfeed.example',
    'Acme Research Inc. ops-team@mail.acme.co.uk',
    '  Jane Doe jane.doe@example.com  ',
  ])('accepts %j', (value) => {
    expect(validateUserAgent(value)).toBe(value.trim());
  });

  it.each([
    undefined,
    null,
    42,
    '',
    '   ',
    'secfeed',
    'admin@secfeed.example',
    'Secfeed admin@localhost',
    'Secfeed admin@',
    'Secfeed @secfeed.example',
    'Secfeed\r\nX-Evil: 1 admin@secfeed.example',
    'Mozilla/5.0 (compatible)',
  ])('refuses %j, naming SEC_USER_AGENT', (value) => {
    expect(() => validateUserAgent(value)).toThrow(/SEC_USER_AGENT/);
  });
});
