import type { InsightsProblem } from '@secfeed/filing-model';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { INSIGHTS_LIMITS } from './insights-limits';
import { problem } from './insights-problem';
import type { XmlNode } from './xml-values';

/** Elements that may repeat in EDGAR's ownership and Schedule 13D/G documents: always arrays. */
const REPEATED = new Set([
  'reportingOwner',
  'nonDerivativeTransaction',
  'nonDerivativeHolding',
  'derivativeTransaction',
  'derivativeHolding',
  'footnote',
  'footnoteId',
  'ownerSignature',
  'reportingPersonInfo',
  'coverPageHeaderReportingPersonDetails',
  'issuerCusipNumber',
]);

/**
 * One parser for the process (its options are fixed). Safety, each option deliberate:
 * - `processEntities` with every limit at its smallest: only XML's five built-in entities and
 *   character references are decoded; DOCTYPEs never reach the parser (refused below), so no
 *   declared or external entity can be expanded. `htmlEntities` off.
 * - `ignoreAttributes`: no §6 field comes from an attribute (`footnoteId id`, `xmlns`), and
 *   without them every `<value>` is a plain string.
 * - `parseTagValue` off: values stay strings and this library converts them (CIKs keep their
 *   zeros until {@link cikOf}, `000000000` stays a CUSIP, `1`/`true` are read as booleans).
 * - `removeNSPrefix`: Schedule 13D/G documents mix the `com:` namespace into addresses.
 * - `maxNestedTags`: deep nesting is refused instead of walked.
 */
const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: {
    enabled: true,
    maxEntityCount: 1,
    maxEntitySize: 1,
    maxExpansionDepth: 1,
    maxExpandedLength: INSIGHTS_LIMITS.xmlChars,
  },
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: INSIGHTS_LIMITS.xmlDepth,
  isArray: (tagName, _path, _isLeaf, isAttribute) =>
    !isAttribute && REPEATED.has(tagName),
});

/** The parsed root element, or why there is none. */
export type ParsedXml =
  { ok: true; root: XmlNode } | { ok: false; problem: InsightsProblem };

/**
 * Parses one XML document whose root element must be `rootName`. Never throws: a document too
 * large, with a DOCTYPE, nested too deep, not well-formed or with another root gives a problem.
 */
export function parseXml(xml: unknown, rootName: string): ParsedXml {
  if (typeof xml !== 'string') {
    return fail(
      problem('INPUT_NOT_TEXT', `expected XML text, got ${kindOf(xml)}`),
    );
  }
  if (xml.length > INSIGHTS_LIMITS.xmlChars) {
    return fail(
      problem(
        'DOCUMENT_TOO_LARGE',
        `XML of ${xml.length} characters is over the ${INSIGHTS_LIMITS.xmlChars} read`,
      ),
    );
  }
  if (/<!(?:DOCTYPE|ENTITY)/i.test(xml)) {
    return fail(
      problem(
        'XML_DOCTYPE',
        'a DOCTYPE or ENTITY declaration is refused (EDGAR documents have none)',
      ),
    );
  }
  const depth = maxDepth(xml);
  if (depth > INSIGHTS_LIMITS.xmlDepth) {
    return fail(
      problem(
        'XML_TOO_DEEP',
        `elements nest more than ${INSIGHTS_LIMITS.xmlDepth} deep`,
      ),
    );
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line } = valid.err;
    return fail(
      problem('XML_MALFORMED', `not well-formed XML: ${msg} (line ${line})`),
    );
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch (error) {
    return fail(
      problem('XML_MALFORMED', `not readable XML: ${messageOf(error)}`),
    );
  }
  const root = (parsed as Record<string, unknown> | undefined)?.[rootName];
  if (root === undefined || root === null || typeof root !== 'object') {
    return fail(
      problem('XML_UNEXPECTED_ROOT', `no <${rootName}> root element`),
    );
  }
  return { ok: true, root };
}

/**
 * The deepest element nesting, counted from the tags alone (linear, no allocation): a cheap
 * guard before the validator and parser, whose own limits should never be the ones hit.
 */
function maxDepth(xml: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = xml.indexOf('<'); i !== -1; i = xml.indexOf('<', i + 1)) {
    const next = xml.charCodeAt(i + 1);
    if (next === 47 /* / */) depth--;
    else if (next !== 33 /* ! */ && next !== 63 /* ? */) {
      const end = xml.indexOf('>', i);
      if (end === -1) break;
      if (xml.charCodeAt(end - 1) !== 47 /* self-closing */) depth++;
      if (depth > deepest) deepest = depth;
      i = end;
    }
  }
  return deepest;
}

function fail(p: InsightsProblem): ParsedXml {
  return { ok: false, problem: p };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A short description of a value's type for messages. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}
