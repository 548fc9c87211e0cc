import { keyboardCommand } from './keyboard-command';

const key = (
  key: string,
  target: HTMLElement = document.body,
  init: KeyboardEventInit = {},
) => {
  const event = new KeyboardEvent('keydown', { key, ...init });
  Object.defineProperty(event, 'target', { value: target });
  return keyboardCommand(event);
};

describe('keyboardCommand', () => {
  it('maps the shortcuts', () => {
    expect(
      ['j', 'ArrowDown', 'k', 'ArrowUp', 'Enter', '/', 'Escape'].map((k) =>
        key(k),
      ),
    ).toEqual([
      'next',
      'next',
      'previous',
      'previous',
      'open',
      'search',
      'close',
    ]);
  });

  it('leaves typing, modified keys and Enter on buttons alone, but Esc always closes', () => {
    const input = document.createElement('input');
    expect(key('j', input)).toBeNull();
    expect(key('/', input)).toBeNull();
    expect(key('Escape', input)).toBe('close');
    expect(key('k', document.body, { ctrlKey: true })).toBeNull();
    expect(key('Enter', document.createElement('button'))).toBeNull();
  });
});
