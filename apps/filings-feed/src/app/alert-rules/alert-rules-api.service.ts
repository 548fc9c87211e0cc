import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, catchError, map, of, throwError } from 'rxjs';
import { GATEWAY_CONFIG, alertRulesUrl } from '../shared/gateway-config';
import type {
  AlertRule,
  AlertRuleBody,
  DeliveryReport,
  RuleApiError,
  TestSendResult,
} from './alert-rule';

/**
 * The alert rules over REST (`/api/alert-rules` on the gateway, which forwards it to the alerts
 * service; docs/alerts.md, "API"). Errors arrive on the error channel as a {@link RuleApiError}:
 * the service's `{"error":{"code","message","field"}}`, or `NETWORK` when nothing answered.
 */
@Injectable({ providedIn: 'root' })
export class AlertRulesApi {
  private readonly http = inject(HttpClient);
  private readonly config = inject(GATEWAY_CONFIG);

  list(): Observable<AlertRule[]> {
    return this.call<{ rules?: AlertRule[] }>('GET', '').pipe(
      map((body) => body.rules ?? []),
    );
  }

  create(body: AlertRuleBody): Observable<AlertRule> {
    return this.call<AlertRule>('POST', '', body);
  }

  /** `PUT`: every field replaced; a channel secret left out keeps the stored one. */
  update(id: string, body: AlertRuleBody): Observable<AlertRule> {
    return this.call<AlertRule>('PUT', `/${encodeURIComponent(id)}`, body);
  }

  remove(id: string): Observable<void> {
    return this.call<unknown>('DELETE', `/${encodeURIComponent(id)}`).pipe(
      map(() => undefined),
    );
  }

  /**
   * Sends the test alert now. A channel that refused it (502 `TEST_SEND_FAILED`) is a result,
   * not an error: `delivered: false` with the attempt's `failure` code.
   */
  testSend(id: string): Observable<TestSendResult> {
    return this.call<{ status: number; deliveryId: string }>(
      'POST',
      `/${encodeURIComponent(id)}/test`,
    ).pipe(
      map((body): TestSendResult => ({
        delivered: true,
        status: body.status,
        deliveryId: body.deliveryId,
      })),
      catchError(
        (error: RuleApiError & { failure?: string; sent?: number | null }) =>
          error.code === 'TEST_SEND_FAILED'
            ? of<TestSendResult>({
                delivered: false,
                failure: error.failure ?? 'UNKNOWN',
                status: error.sent ?? null,
                message: error.message,
              })
            : throwError(() => error),
      ),
    );
  }

  deliveries(id: string): Observable<DeliveryReport> {
    return this.call<DeliveryReport>(
      'GET',
      `/${encodeURIComponent(id)}/deliveries`,
    );
  }

  /** Puts the rule's dead letters back in its queue; answers how many. */
  retryDeadLetters(id: string): Observable<number> {
    return this.call<{ requeued: number }>(
      'POST',
      `/${encodeURIComponent(id)}/dead-letters/retry`,
    ).pipe(map((body) => body.requeued));
  }

  private call<T>(method: string, path: string, body?: unknown): Observable<T> {
    const headers = this.config.token
      ? { Authorization: `Bearer ${this.config.token}` }
      : undefined;
    return this.http
      .request<T>(method, `${alertRulesUrl(this.config)}${path}`, {
        body,
        headers,
      })
      .pipe(
        catchError((error: unknown) => throwError(() => toRuleError(error))),
      );
  }
}

/** The API's coded refusal, or `NETWORK` / `HTTP_<status>` when it gave none. */
export function toRuleError(
  error: unknown,
): RuleApiError & { failure?: string; sent?: number | null } {
  if (!(error instanceof HttpErrorResponse)) {
    return { status: 0, code: 'UNKNOWN', message: 'The request failed.' };
  }
  const coded = (error.error as { error?: Record<string, unknown> } | null)
    ?.error;
  if (coded && typeof coded['code'] === 'string') {
    return {
      status: error.status,
      code: coded['code'],
      message:
        typeof coded['message'] === 'string'
          ? coded['message']
          : `The server answered ${error.status}.`,
      ...(typeof coded['field'] === 'string' ? { field: coded['field'] } : {}),
      ...(typeof coded['failure'] === 'string'
        ? { failure: coded['failure'] }
        : {}),
      ...(typeof coded['status'] === 'number' || coded['status'] === null
        ? { sent: coded['status'] as number | null }
        : {}),
    };
  }
  if (error.status === 0) {
    return {
      status: 0,
      code: 'NETWORK',
      message: 'The server cannot be reached. Check your connection and retry.',
    };
  }
  return {
    status: error.status,
    code: `HTTP_${error.status}`,
    message: `The server answered ${error.status}.`,
  };
}
