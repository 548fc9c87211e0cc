export { parseEdgarIndex, MAX_INDEX_PROBLEMS } from './lib/parse-edgar-index';
export type { EdgarIndex } from './lib/parse-edgar-index';
export type {
  EdgarIndexAccession,
  EdgarIndexEntity,
  EdgarIndexRow,
} from './lib/edgar-index-row';
export { EDGAR_INDEX_PROBLEM_CODES } from './lib/edgar-index-problem';
export type {
  EdgarIndexProblem,
  EdgarIndexProblemCode,
} from './lib/edgar-index-problem';
export { dailyIndexPath, isIndexDate } from './lib/daily-index-path';
export type { EdgarIndexKind } from './lib/daily-index-path';
export { accessionFromFileName } from './lib/accession-from-file-name';
