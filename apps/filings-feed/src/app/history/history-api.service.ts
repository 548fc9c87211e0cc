import {
  HttpClient,
  HttpErrorResponse,
  HttpParams,
} from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Filing } from '@secfeed/filing-model';
import { Observable, catchError, map, throwError } from 'rxjs';
import type { FeedFilters } from '../filters/feed-filters';
import { GATEWAY_CONFIG, filingsUrl } from '../shared/gateway-config';
import { gatewayError, type UserError } from '../shared/user-error';
import { toWireFiling } from '../shared/wire-filing';

/** One page of `GET /api/filings`: newest first, and the cursor of the next (older) page. */
export interface HistoryPage {
  readonly filings: Filing[];
  readonly next: string | null;
  /**
   * On the newest page, the stream position it is complete up to (`Stream-Position`):
   * subscribing with it as `since` meets this page exactly. `null` on older pages.
   */
  readonly position: string | null;
}

/** The header of the newest page naming its stream position (docs/rest.md). */
export const STREAM_POSITION_HEADER = 'Stream-Position';

/** Rows per history page. */
export const HISTORY_PAGE_SIZE = 100;

/**
 * The REST history (contracts §4). Errors arrive on the error channel as a {@link UserError}:
 * the gateway's `{"error":{"code","message"}}` in words, or `NETWORK` when it cannot be reached.
 */
@Injectable({ providedIn: 'root' })
export class HistoryApi {
  private readonly http = inject(HttpClient);
  private readonly config = inject(GATEWAY_CONFIG);

  /** The page after `cursor` (the newest page when `cursor` is `null`) matching `filters`. */
  page(filters: FeedFilters, cursor: string | null): Observable<HistoryPage> {
    const headers = this.config.token
      ? { Authorization: `Bearer ${this.config.token}` }
      : undefined;
    return this.http
      .get<{ filings?: unknown[]; next?: string | null }>(
        filingsUrl(this.config),
        {
          params: historyParams(filters, cursor),
          headers,
          observe: 'response',
        },
      )
      .pipe(
        map((response) => ({
          filings: (response.body?.filings ?? [])
            .map(toWireFiling)
            .filter((filing): filing is Filing => filing !== null),
          next:
            typeof response.body?.next === 'string' ? response.body.next : null,
          position: response.headers.get(STREAM_POSITION_HEADER),
        })),
        catchError((error: unknown) => throwError(() => toUserError(error))),
      );
  }
}

/** The query of `GET /api/filings` for `filters`; empty filters are left out. */
export function historyParams(
  filters: FeedFilters,
  cursor: string | null,
): HttpParams {
  let params = new HttpParams().set('limit', HISTORY_PAGE_SIZE);
  const add = (key: string, value: string) => {
    if (value) params = params.set(key, value);
  };
  add('ticker', filters.tickers.join(','));
  add('cik', filters.ciks.join(','));
  add('formType', filters.formTypes.join(','));
  add('q', filters.q.trim());
  add('from', filters.from);
  add('to', filters.to);
  if (!filters.includeAmendments) add('includeAmendments', 'false');
  add('item', filters.items.join(','));
  add('transactionCode', filters.transactionCodes.join(','));
  add('minTransactionValue', numberText(filters.minTransactionValue));
  add('tenb51', filters.tenb51 === null ? '' : String(filters.tenb51));
  add('minStakePercent', numberText(filters.minStakePercent));
  add('cursor', cursor ?? '');
  return params;
}

function numberText(value: number | null): string {
  return value === null ? '' : String(value);
}

function toUserError(error: unknown): UserError {
  if (!(error instanceof HttpErrorResponse)) {
    return { code: 'UNKNOWN', message: 'Past filings could not be read.' };
  }
  const body = error.error as {
    error?: { code?: unknown; message?: unknown };
  } | null;
  const code = body?.error?.code;
  if (typeof code === 'string') {
    const message = body?.error?.message;
    return gatewayError(
      code,
      typeof message === 'string' ? message : undefined,
    );
  }
  if (error.status === 0) {
    return {
      code: 'NETWORK',
      message:
        'The feed server cannot be reached. Check your connection and retry.',
    };
  }
  return {
    code: `HTTP_${error.status}`,
    message: `Past filings could not be loaded (the server answered ${error.status}).`,
  };
}
