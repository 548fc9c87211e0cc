export function dedup(): string {
  return 'dedup';
}
