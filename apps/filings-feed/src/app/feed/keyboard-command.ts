/** What a key press asks the dashboard to do. */
export type KeyboardCommand = 'next' | 'previous' | 'open' | 'close' | 'search';

const TYPING = /^(INPUT|TEXTAREA|SELECT)$/;

/**
 * The dashboard's shortcuts: ↓/j next row, ↑/k previous, Enter open details, `/` search,
 * Esc close. While the user types in a field only Esc counts; modified keys never do, and
 * Enter on a button or link keeps its own meaning.
 */
export function keyboardCommand(event: KeyboardEvent): KeyboardCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const target = event.target as HTMLElement | null;
  const tag = target?.tagName ?? '';
  if (event.key === 'Escape') return 'close';
  if (TYPING.test(tag) || target?.isContentEditable) return null;
  switch (event.key) {
    case 'ArrowDown':
    case 'j':
      return 'next';
    case 'ArrowUp':
    case 'k':
      return 'previous';
    case '/':
      return 'search';
    case 'Enter':
      return tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY'
        ? null
        : 'open';
    default:
      return null;
  }
}
