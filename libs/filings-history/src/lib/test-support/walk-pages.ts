import type { HistoryTestServer } from './history-test-server';

/** The body of a `GET /api/filings` page as tests read it. */
export interface PageBody {
  filings: { accessionNo: string; filedAtMs: number }[];
  next: string | null;
}

/**
 * Follows `next` from the first page of `query` to the end, calling `between` after each page
 * (to insert filings meanwhile); returns the accession numbers in the order listed.
 */
export async function walkPages(
  server: HistoryTestServer,
  query: string,
  between: (page: number) => Promise<void> = async () => undefined,
): Promise<string[]> {
  const listed: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page += 1) {
    const separator = query ? '&' : '';
    const path = `/api/filings?${query}${cursor === null ? '' : `${separator}cursor=${cursor}`}`;
    const reply = await server.request(path);
    if (reply.status !== 200)
      throw new Error(`${path}: ${reply.status} ${reply.text}`);
    const body = reply.body as PageBody;
    listed.push(...body.filings.map((filing) => filing.accessionNo));
    if (body.next === null) return listed;
    cursor = body.next;
    await between(page);
  }
  throw new Error(`${query}: more than 1000 pages`);
}
