import { queryMix } from './query-mix';

describe('queryMix', () => {
  it('follows the cursor of the first page, URL-encoded', () => {
    const queries = queryMix({ next: 'MTc2NDY1MDAwMDAwMC0w+/=' });
    expect(queries).toHaveLength(5);
    expect(queries[4]).toBe(
      '/api/filings?limit=50&cursor=MTc2NDY1MDAwMDAwMC0w%2B%2F%3D',
    );
  });

  it('sends an empty cursor when the first page was the last', () => {
    expect(queryMix({ next: null })[4]).toBe('/api/filings?limit=50&cursor=');
  });
});
