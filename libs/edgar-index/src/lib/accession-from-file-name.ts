const FILE_NAME = /^edgar\/data\/0*(\d{1,10})\/(\d{10}-\d{2}-\d{6})\.txt$/;

/**
 * The CIK directory and accession number of a daily index's file name, or undefined when it is
 * not `edgar/data/<CIK>/<##########-##-######>.txt`.
 *
 * @example
 * accessionFromFileName('edgar/data/1234/0000950170-20-001234.txt');
 * // { cik: '1234', accessionNo: '0000950170-20-001234' }
 */
export function accessionFromFileName(
  fileName: string,
): { readonly cik: string; readonly accessionNo: string } | undefined {
  const match = FILE_NAME.exec(fileName);
  return match ? { cik: match[1], accessionNo: match[2] } : undefined;
}
