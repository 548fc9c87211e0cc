import {
  charsetOf,
  decodeFeedBody,
  declaredEncoding,
} from './decode-feed-body';

const latin1 = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));
const utf8 = (text: string) => Uint8Array.from(Buffer.from(text, 'utf8'));

describe('decodeFeedBody', () => {
  const body = '<feed><title>SOCIÉTÉ GÉNÉRALE</title></feed>';

  it('uses the charset of Content-Type', () => {
    expect(
      decodeFeedBody(latin1(body), 'application/atom+xml; charset=ISO-8859-1'),
    ).toBe(body);
  });

  it('lets Content-Type win over the XML declaration', () => {
    const text = `<?xml version="1.0" encoding="ISO-8859-1" ?>${body}`;
    expect(decodeFeedBody(utf8(text), 'text/xml; charset="utf-8"')).toBe(text);
  });

  it('falls back to the encoding of the XML declaration', () => {
    const text = `<?xml version="1.0" encoding="ISO-8859-1" ?>\n${body}`;
    expect(decodeFeedBody(latin1(text), 'application/atom+xml')).toBe(text);
  });

  it('defaults to UTF-8, also for an unknown charset', () => {
    expect(decodeFeedBody(utf8(body), null)).toBe(body);
    expect(decodeFeedBody(utf8(body), 'text/xml; charset=klingon')).toBe(body);
  });
});

describe('charsetOf', () => {
  it.each([
    ['text/xml; charset=ISO-8859-1', 'ISO-8859-1'],
    ['text/xml;CHARSET="utf-8"', 'utf-8'],
    ['text/xml; q=1; charset=latin1', 'latin1'],
    ['text/xml', undefined],
    [null, undefined],
  ])('%j gives %j', (header, charset) => {
    expect(charsetOf(header)).toBe(charset);
  });
});

describe('declaredEncoding', () => {
  it('reads the encoding of the declaration', () => {
    expect(
      declaredEncoding(
        latin1(`<?xml version='1.0' encoding='windows-1252'?><a/>`),
      ),
    ).toBe('windows-1252');
  });

  it('is undefined without a declaration or without an encoding', () => {
    expect(declaredEncoding(latin1('<feed/>'))).toBeUndefined();
    expect(
      declaredEncoding(latin1('<?xml version="1.0"?><feed/>')),
    ).toBeUndefined();
  });
});
