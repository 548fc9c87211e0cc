import { accessionFromLinks } from './accession-from-links';
import { edgarFilingDate } from './edgar-filing-date';
import { ACCESSION_NO, Filing, FILING_SOURCES } from './filing';
import { FilingDocumentFile } from './filing-document-file';
import { FilingEntity } from './filing-entity';
import { FILING_LIMITS } from './filing-limits';
import { FilingClassContract, FilingSeries } from './filing-series';
import {
  decline,
  nonEmptyString,
  objectArray,
  optionalCik,
  optionalString,
  optionalStringArray,
  requiredCik,
  requiredString,
  unlessDeclined,
  WireObject,
} from './fast-wire-values';
import { parseIsoDateTime } from './iso-date-time';
import type { FilingMeta } from './to-filing';

const { shortString, name, text, url, arrayItems, items } = FILING_LIMITS;

/**
 * The fast path of `toFiling`: checks the wire shape with plain code and builds the
 * normalized {@link Filing} directly, or returns `undefined` to leave the input to the slow path
 * (`toFilingByClassValidator`).
 *
 * Why it exists: class-transformer and class-validator walk metadata, build error trees and
 * copy the input several times. Profiled at full ingest speed they cost ~80 µs per filing,
 * most of the ingest CPU, for inputs that are nearly always valid. Plain checks do the same
 * work in a few microseconds.
 *
 * The invariant (proved by `fast-filing.spec.ts` on the real fixtures, a whole replay day and a
 * seeded mutation fuzz): it accepts a subset of what the slow path accepts, and for every input
 * it accepts its output is identical to the slow path's: same classes, same own keys in the same
 * order (the classes' declaration order, absent optional keys left out), same values. It never
 * produces a refusal; refusals and their reasons always come from the slow path. When in doubt
 * it declines: declining only costs time.
 *
 * Keys are read the way the slow path's bounded copy sees them: own enumerable string keys
 * (`Object.keys`), `__proto__` and every unknown key ignored. (The one difference is a polluted
 * `Object.prototype`, whose keys the slow path's plain copies would inherit; that breaks far
 * more than this function.) Changing a decorator of the model means changing this file too;
 * the equivalence specs fail until both agree.
 */
export function fastFiling(
  raw: WireObject,
  meta: FilingMeta,
): Filing | undefined {
  return unlessDeclined(() => buildFiling(raw, meta));
}

/** `@Transform` of `Filing.ticker`: upper-case; absent or null is `""`. The cap applies after. */
function ticker(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  return typeof value === 'string'
    ? requiredString(value.toUpperCase(), shortString)
    : decline();
}

/** `@Transform` of `Filing.formType`: trimmed, then not empty and within the cap. */
function formType(value: unknown): string {
  return typeof value === 'string'
    ? nonEmptyString(value.trim(), shortString)
    : decline();
}

/** `@Matches(ACCESSION_NO)` over `@WireString(shortString)`. */
function accessionNo(value: unknown): string {
  const accession = requiredString(value, shortString);
  return ACCESSION_NO.test(accession) ? accession : decline();
}

/** `source` and `receivedAt` come from the caller, who may still pass bad ones. */
function checkMeta(meta: FilingMeta): void {
  const { source, receivedAt } = meta;
  if (!FILING_SOURCES.includes(source)) {
    decline();
  }
  const utc = requiredString(receivedAt, shortString);
  if (parseIsoDateTime(utc) === undefined || !utc.endsWith('Z')) {
    decline();
  }
}

function buildFiling(raw: WireObject, meta: FilingMeta): Filing {
  checkMeta(meta);
  let id, accession, cik, tickerValue, exchange, companyName: unknown;
  let companyNameLong: unknown;
  let form, description, filedAt, linkToTxt, linkToHtml, linkToXbrl: unknown;
  let linkToFilingDetails, entities, documentFormatFiles, dataFiles: unknown;
  let series,
    itemList,
    groupMembers,
    periodOfReport,
    effectivenessDate: unknown;
  // `source`, `receivedAt`, `filedAtMs` and `filingDate` on the wire are ignored, like every
  // unknown key: they are derived here.
  for (const key of Object.keys(raw)) {
    switch (key) {
      case 'id':
        id = raw[key];
        break;
      case 'accessionNo':
        accession = raw[key];
        break;
      case 'cik':
        cik = raw[key];
        break;
      case 'ticker':
        tickerValue = raw[key];
        break;
      case 'exchange':
        exchange = raw[key];
        break;
      case 'companyName':
        companyName = raw[key];
        break;
      case 'companyNameLong':
        companyNameLong = raw[key];
        break;
      case 'formType':
        form = raw[key];
        break;
      case 'description':
        description = raw[key];
        break;
      case 'filedAt':
        filedAt = raw[key];
        break;
      case 'linkToTxt':
        linkToTxt = raw[key];
        break;
      case 'linkToHtml':
        linkToHtml = raw[key];
        break;
      case 'linkToXbrl':
        linkToXbrl = raw[key];
        break;
      case 'linkToFilingDetails':
        linkToFilingDetails = raw[key];
        break;
      case 'entities':
        entities = raw[key];
        break;
      case 'documentFormatFiles':
        documentFormatFiles = raw[key];
        break;
      case 'dataFiles':
        dataFiles = raw[key];
        break;
      case 'seriesAndClassesContractsInformation':
        series = raw[key];
        break;
      case 'items':
        itemList = raw[key];
        break;
      case 'groupMembers':
        groupMembers = raw[key];
        break;
      case 'periodOfReport':
        periodOfReport = raw[key];
        break;
      case 'effectivenessDate':
        effectivenessDate = raw[key];
        break;
    }
  }
  const filing = new Filing();
  // Assigned in the declaration order of Filing, as class-transformer does, so that key order
  // (and so JSON.stringify output) is identical. Absent optional keys are never assigned.
  setIfDefined(filing, 'id', optionalString(id, shortString));
  filing.accessionNo = accessionNo(accession ?? accessionFromLinks(raw));
  filing.cik = requiredCik(cik);
  filing.ticker = ticker(tickerValue);
  setIfDefined(filing, 'exchange', optionalString(exchange, shortString));
  filing.companyName = nonEmptyString(companyName, name);
  setIfDefined(
    filing,
    'companyNameLong',
    optionalString(companyNameLong, name),
  );
  filing.formType = formType(form);
  setIfDefined(filing, 'description', optionalString(description, text));
  filing.filedAt = requiredString(filedAt, shortString);
  filing.filedAtMs = parseIsoDateTime(filing.filedAt) ?? decline();
  filing.filingDate = edgarFilingDate(filing.filedAtMs, filing.formType);
  setIfDefined(filing, 'linkToTxt', optionalString(linkToTxt, url));
  setIfDefined(filing, 'linkToHtml', optionalString(linkToHtml, url));
  setIfDefined(filing, 'linkToXbrl', optionalString(linkToXbrl, url));
  setIfDefined(
    filing,
    'linkToFilingDetails',
    optionalString(linkToFilingDetails, url),
  );
  filing.entities = objectArray(entities, arrayItems, buildEntity);
  filing.documentFormatFiles = objectArray(
    documentFormatFiles,
    arrayItems,
    buildDocumentFile,
  );
  filing.dataFiles = objectArray(dataFiles, arrayItems, buildDocumentFile);
  filing.seriesAndClassesContractsInformation = objectArray(
    series,
    arrayItems,
    buildSeries,
  );
  setIfDefined(filing, 'items', optionalStringArray(itemList, items, text));
  setIfDefined(
    filing,
    'groupMembers',
    optionalStringArray(groupMembers, arrayItems, text),
  );
  setIfDefined(
    filing,
    'periodOfReport',
    optionalString(periodOfReport, shortString),
  );
  setIfDefined(
    filing,
    'effectivenessDate',
    optionalString(effectivenessDate, shortString),
  );
  filing.source = meta.source;
  filing.receivedAt = meta.receivedAt;
  return filing;
}

function buildEntity(raw: WireObject): FilingEntity {
  let companyName, cik, irsNo, stateOfIncorporation, fiscalYearEnd: unknown;
  let type, act, fileNo, filmNo, sic: unknown;
  for (const key of Object.keys(raw)) {
    switch (key) {
      case 'companyName':
        companyName = raw[key];
        break;
      case 'cik':
        cik = raw[key];
        break;
      case 'irsNo':
        irsNo = raw[key];
        break;
      case 'stateOfIncorporation':
        stateOfIncorporation = raw[key];
        break;
      case 'fiscalYearEnd':
        fiscalYearEnd = raw[key];
        break;
      case 'type':
        type = raw[key];
        break;
      case 'act':
        act = raw[key];
        break;
      case 'fileNo':
        fileNo = raw[key];
        break;
      case 'filmNo':
        filmNo = raw[key];
        break;
      case 'sic':
        sic = raw[key];
        break;
    }
  }
  const entity = new FilingEntity();
  setIfDefined(entity, 'companyName', optionalString(companyName, name));
  setIfDefined(entity, 'cik', optionalCik(cik));
  setIfDefined(entity, 'irsNo', optionalString(irsNo, shortString));
  setIfDefined(
    entity,
    'stateOfIncorporation',
    optionalString(stateOfIncorporation, shortString),
  );
  setIfDefined(
    entity,
    'fiscalYearEnd',
    optionalString(fiscalYearEnd, shortString),
  );
  setIfDefined(entity, 'type', optionalString(type, shortString));
  setIfDefined(entity, 'act', optionalString(act, shortString));
  setIfDefined(entity, 'fileNo', optionalString(fileNo, shortString));
  setIfDefined(entity, 'filmNo', optionalString(filmNo, shortString));
  setIfDefined(entity, 'sic', optionalString(sic, text));
  return entity;
}

function buildDocumentFile(raw: WireObject): FilingDocumentFile {
  let sequence, description, documentUrl, type, size: unknown;
  for (const key of Object.keys(raw)) {
    switch (key) {
      case 'sequence':
        sequence = raw[key];
        break;
      case 'description':
        description = raw[key];
        break;
      case 'documentUrl':
        documentUrl = raw[key];
        break;
      case 'type':
        type = raw[key];
        break;
      case 'size':
        size = raw[key];
        break;
    }
  }
  const file = new FilingDocumentFile();
  setIfDefined(file, 'sequence', optionalString(sequence, shortString));
  setIfDefined(file, 'description', optionalString(description, text));
  setIfDefined(file, 'documentUrl', optionalString(documentUrl, url));
  setIfDefined(file, 'type', optionalString(type, shortString));
  setIfDefined(file, 'size', optionalString(size, shortString));
  return file;
}

function buildSeries(raw: WireObject): FilingSeries {
  let seriesId, seriesName, classesContracts: unknown;
  for (const key of Object.keys(raw)) {
    switch (key) {
      case 'series':
        seriesId = raw[key];
        break;
      case 'name':
        seriesName = raw[key];
        break;
      case 'classesContracts':
        classesContracts = raw[key];
        break;
    }
  }
  const out = new FilingSeries();
  setIfDefined(out, 'series', optionalString(seriesId, shortString));
  setIfDefined(out, 'name', optionalString(seriesName, name));
  out.classesContracts = objectArray(
    classesContracts,
    arrayItems,
    buildClassContract,
  );
  return out;
}

function buildClassContract(raw: WireObject): FilingClassContract {
  let classContract, className, classTicker: unknown;
  for (const key of Object.keys(raw)) {
    switch (key) {
      case 'classContract':
        classContract = raw[key];
        break;
      case 'name':
        className = raw[key];
        break;
      case 'ticker':
        classTicker = raw[key];
        break;
    }
  }
  const out = new FilingClassContract();
  setIfDefined(
    out,
    'classContract',
    optionalString(classContract, shortString),
  );
  setIfDefined(out, 'name', optionalString(className, name));
  setIfDefined(out, 'ticker', optionalString(classTicker, shortString));
  return out;
}

/**
 * Sets an optional key only when it has a value: class-transformer runs with
 * `exposeUnsetFields: false`, so an absent key stays absent (not an own `undefined`).
 */
function setIfDefined<T extends object, K extends keyof T>(
  target: T,
  key: K,
  value: T[K] | undefined,
): void {
  if (value !== undefined) {
    target[key] = value as T[K];
  }
}
