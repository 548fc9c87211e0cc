import { edgarDocument, FIXTURES } from '../test-support/edgar-documents';
import { INSIGHTS_LIMITS } from './insights-limits';
import { parseXml } from './parse-xml';

const codeOf = (xml: unknown, root = 'ownershipDocument') => {
  const parsed = parseXml(xml, root);
  return parsed.ok ? 'ok' : parsed.problem.code;
};

describe('parseXml (hostile input)', () => {
  it('refuses a billion-laughs entity bomb before expanding anything', () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [<!ENTITY lol "lol">',
      ...Array.from(
        { length: 9 },
        (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`,
      ),
      ']>',
      '<ownershipDocument><remarks>&lol9;</remarks></ownershipDocument>',
    ].join('\n');
    const started = Date.now();
    expect(codeOf(lol)).toBe('XML_DOCTYPE');
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('refuses external entities (file and network)', () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><ownershipDocument>&xxe;</ownershipDocument>';
    expect(codeOf(xxe)).toBe('XML_DOCTYPE');
    expect(
      codeOf(
        '<!doctype x SYSTEM "http://127.0.0.1/x.dtd"><ownershipDocument/>',
      ),
    ).toBe('XML_DOCTYPE');
  });

  it('leaves undeclared entities as written and decodes the built-in ones', () => {
    const parsed = parseXml(
      '<ownershipDocument><a>&amp;&lt;&gt;&quot;&apos;</a><b>&nbsp;&foo;</b></ownershipDocument>',
      'ownershipDocument',
    );
    expect(parsed).toEqual({
      ok: true,
      root: { a: '&<>"\'', b: '&nbsp;&foo;' },
    });
  });

  it('refuses deep nesting quickly', () => {
    const deep =
      '<ownershipDocument>' +
      '<a>'.repeat(100_000) +
      '</a>'.repeat(100_000) +
      '</ownershipDocument>';
    const started = Date.now();
    expect(codeOf(deep)).toBe('XML_TOO_DEEP');
    expect(Date.now() - started).toBeLessThan(1000);
    const justDeepEnough =
      '<r>' +
      '<a>'.repeat(INSIGHTS_LIMITS.xmlDepth - 1) +
      '</a>'.repeat(INSIGHTS_LIMITS.xmlDepth - 1) +
      '</r>';
    expect(codeOf(justDeepEnough, 'r')).toBe('ok');
  });

  it('refuses a document over the size cap without parsing it', () => {
    const huge =
      '<ownershipDocument>' +
      ' '.repeat(INSIGHTS_LIMITS.xmlChars) +
      '</ownershipDocument>';
    expect(codeOf(huge)).toBe('DOCUMENT_TOO_LARGE');
  });

  it('gives XML_MALFORMED for truncated documents, binary garbage and unclosed tags', () => {
    const form4 = edgarDocument(FIXTURES.form4Water);
    for (const cut of [10, 200, 1000, form4.length - 30]) {
      expect(codeOf(form4.slice(0, cut))).toBe('XML_MALFORMED');
    }
    expect(codeOf('\u0000\u0001\u00ff\ufffd PK\u0003\u0004')).toBe(
      'XML_MALFORMED',
    );
    expect(codeOf('<ownershipDocument><a></ownershipDocument>')).toBe(
      'XML_MALFORMED',
    );
    expect(codeOf('')).toBe('XML_MALFORMED');
  });

  it('refuses names that would pollute prototypes, without polluting them', () => {
    expect(
      codeOf(
        '<ownershipDocument><__proto__><polluted>1</polluted></__proto__></ownershipDocument>',
      ),
    ).toBe('XML_MALFORMED');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('says which root it wanted, and what it got when not text', () => {
    expect(
      parseXml('<edgarSubmission><a/></edgarSubmission>', 'ownershipDocument'),
    ).toEqual({
      ok: false,
      problem: {
        code: 'XML_UNEXPECTED_ROOT',
        message: 'no <ownershipDocument> root element',
      },
    });
    expect(parseXml(new Uint8Array(3), 'r')).toEqual({
      ok: false,
      problem: {
        code: 'INPUT_NOT_TEXT',
        message: 'expected XML text, got an object',
      },
    });
  });

  it('makes repeated elements arrays even when they occur once', () => {
    const parsed = parseXml(
      '<ownershipDocument><reportingOwner><x>1</x></reportingOwner><footnotes><footnote>a</footnote></footnotes></ownershipDocument>',
      'ownershipDocument',
    );
    expect(parsed).toEqual({
      ok: true,
      root: { reportingOwner: [{ x: '1' }], footnotes: { footnote: ['a'] } },
    });
  });
});
