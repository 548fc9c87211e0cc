import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import { GATEWAY_CONFIG } from '../shared/gateway-config';
import type { CompletenessReport, SourcesReport } from './status-report';

/**
 * The status page's two reads from the gateway: per-source deliveries (`/api/sources`) and a
 * day's completeness against EDGAR's daily index (`/api/completeness`), with the access token
 * when the dashboard has one. Errors arrive on the error channel as HttpErrorResponse.
 */
@Injectable({ providedIn: 'root' })
export class StatusApi {
  private readonly http = inject(HttpClient);
  private readonly config = inject(GATEWAY_CONFIG);

  /** One day's per-source summary; no date: today as the gateway counts it (UTC). */
  sources(date?: string): Observable<SourcesReport> {
    return this.get<SourcesReport>('/api/sources', date);
  }

  completeness(date: string): Observable<CompletenessReport> {
    return this.get<CompletenessReport>('/api/completeness', date);
  }

  private get<T>(path: string, date?: string): Observable<T> {
    const headers = this.config.token
      ? { Authorization: `Bearer ${this.config.token}` }
      : undefined;
    return this.http.get<T>(`${this.config.baseUrl}${path}`, {
      headers,
      params: date ? { date } : {},
    });
  }
}
