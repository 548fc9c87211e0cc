import type { Agent } from 'node:http';
import { bodyText, get } from './http-get';

/** One page of 100 as asked with one `Accept-Encoding`. */
export interface PageSize {
  status: number;
  encoding: string;
  bytes: number;
}

/** A page of 100 asked with no `Accept-Encoding`, with gzip and with br: the bytes on the wire. */
export async function pageOf100Sizes(
  agent: Agent,
  port: number,
): Promise<Record<'none' | 'gzip' | 'br', PageSize>> {
  const page100 = async (acceptEncoding: string): Promise<PageSize> => {
    const reply = await get(
      agent,
      port,
      '/api/filings?limit=100',
      acceptEncoding,
    );
    return {
      status: reply.status,
      encoding: reply.encoding ?? 'identity',
      bytes: reply.raw.length,
    };
  };
  return {
    none: await page100(''),
    gzip: await page100('gzip'),
    br: await page100('br'),
  };
}

/** The paths the loops send in turn; the cursor is the `next` of `firstPage`. */
export function queryMix(firstPage: { next: string | null }): string[] {
  return [
    '/api/filings?limit=50',
    '/api/filings?limit=50&ticker=AAPL',
    '/api/filings?limit=50&formType=8-K',
    '/api/filings?limit=50&cik=1007',
    `/api/filings?limit=50&cursor=${encodeURIComponent(firstPage.next ?? '')}`,
  ];
}

/** The first page of 50 (its `next` cursor feeds {@link queryMix}). */
export async function firstPage(
  agent: Agent,
  port: number,
): Promise<{ next: string | null }> {
  return JSON.parse(
    bodyText(await get(agent, port, '/api/filings?limit=50')),
  ) as { next: string | null };
}
