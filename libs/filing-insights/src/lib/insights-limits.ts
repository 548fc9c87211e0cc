/**
 * How much of a document the library reads. Inputs past a cap give a `DOCUMENT_TOO_LARGE`
 * problem rather than a slow parse; the caps sit far above any real EDGAR document of the kind.
 */
export const INSIGHTS_LIMITS = {
  /**
   * Characters of one XML document handed to the parser (4 MiB). A Form 4 is 5 to 30 KB, a
   * Schedule 13D primary document 10 to 60 KB; the largest ownership documents (hundreds of
   * rows) stay under 1 MB.
   */
  xmlChars: 4 * 1024 * 1024,
  /** Characters of a legacy (text or HTML) Schedule 13D/G document read for its cover pages (4 MiB). */
  legacyChars: 4 * 1024 * 1024,
  /**
   * Characters at the start of a submission searched for its SGML header (1 MiB). A header with
   * dozens of reporting owners is some tens of KB.
   */
  headerChars: 1024 * 1024,
  /** Element nesting allowed in XML (EDGAR's schemas nest about 8 deep). */
  xmlDepth: 64,
  /** Problems kept per result; further ones are counted in the last message. */
  problems: 20,
} as const;
