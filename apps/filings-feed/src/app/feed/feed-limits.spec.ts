import { TestBed } from '@angular/core/testing';
import { DEFAULT_MAX_ROWS, FEED_LIMITS, MIN_MAX_ROWS } from './feed-limits';

describe('FEED_LIMITS', () => {
  const setMeta = (content: string) =>
    document.head.insertAdjacentHTML(
      'beforeend',
      `<meta name="secfeed-max-rows" content="${content}">`,
    );

  afterEach(() => {
    document.head
      .querySelectorAll('meta[name="secfeed-max-rows"]')
      .forEach((m) => m.remove());
    jest.restoreAllMocks();
  });

  it('keeps 20,000 rows unless the page says otherwise', () => {
    expect(TestBed.inject(FEED_LIMITS)).toEqual({ maxRows: DEFAULT_MAX_ROWS });
    expect(DEFAULT_MAX_ROWS).toBe(20_000);
  });

  it('takes the bound from <meta name="secfeed-max-rows">', () => {
    setMeta(' 5000 ');
    expect(TestBed.inject(FEED_LIMITS).maxRows).toBe(5000);
  });

  it.each(['many', '2.5', String(MIN_MAX_ROWS - 1), '-1'])(
    'keeps the default, with a warning naming the tag, for %p',
    (content) => {
      const warn = jest
        .spyOn(console, 'warn')
        .mockImplementation(() => undefined);
      setMeta(content);
      expect(TestBed.inject(FEED_LIMITS).maxRows).toBe(DEFAULT_MAX_ROWS);
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining('secfeed-max-rows'),
      );
    },
  );
});
