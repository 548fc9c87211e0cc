/** Which part of the data model a key belongs to, from its name (libs/redis-keys). */
export function kindOf(key: string): string {
  if (key.startsWith('stream:')) return 'stream';
  if (key.startsWith('dedup:')) return 'seen-marks';
  if (key.startsWith('doc:')) return 'documents';
  if (key.startsWith('cache:') && key.endsWith(':latest')) return 'latest';
  if (key.startsWith('cache:')) return 'ticker indexes';
  if (key.endsWith(':all')) return 'all index';
  if (key.includes(':cik:')) return 'cik indexes';
  return 'form indexes';
}
