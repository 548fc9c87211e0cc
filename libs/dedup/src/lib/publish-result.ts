/**
 * What one publish did. `position` is the Redis stream entry ID (`<ms>-<seq>`) of the filing:
 * the new entry when `published`, the entry of the first publication when `duplicate`.
 */
export interface PublishResult {
  readonly status: 'published' | 'duplicate';
  readonly position: string;
}
