export function streamClient(): string {
  return 'stream-client';
}
