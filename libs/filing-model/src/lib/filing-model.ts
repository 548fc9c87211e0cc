export function filingModel(): string {
  return 'filing-model';
}
