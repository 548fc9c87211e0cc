import { NgTemplateOutlet } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  OnInit,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { easternDate } from '../shared/eastern-time';
import { edgarFilingUrl } from './edgar-filing-url';
import { StatusApi } from './status-api.service';
import type { CompletenessReport, SourcesReport } from './status-report';

/** A read that failed, as the page shows it. */
interface LoadError {
  readonly code: string;
  readonly message: string;
}

/**
 * `/status`: how each upstream did (filings it delivered first, duplicates, first-seen lag
 * p50/p90) and the day's completeness against EDGAR's daily index, with the accessions still
 * missing linked to EDGAR (docs/dashboard.md). Today (Eastern) by default; another day from the
 * date field.
 */
@Component({
  selector: 'sf-status-page',
  imports: [NgTemplateOutlet, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'page page--status' },
  templateUrl: './status-page.html',
  styles: `
    .status {
      padding: 1rem;
      display: grid;
      gap: 1.5rem;
      max-width: 60rem;
    }
    .status table {
      border-collapse: collapse;
      width: 100%;
    }
    .status th,
    .status td {
      text-align: left;
      padding: 0.25rem 0.75rem 0.25rem 0;
    }
    .status td.num,
    .status th.num {
      text-align: right;
    }
    .status__missing {
      columns: 2;
      font-family: monospace;
    }
  `,
})
export class StatusPage implements OnInit {
  private readonly api = inject(StatusApi);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly date = signal(easternDate(Date.now()));
  protected readonly sources = signal<SourcesReport | undefined>(undefined);
  protected readonly completeness = signal<CompletenessReport | undefined>(
    undefined,
  );
  protected readonly sourcesError = signal<LoadError | undefined>(undefined);
  protected readonly completenessError = signal<LoadError | undefined>(
    undefined,
  );
  protected readonly totalFirst = computed(() =>
    (this.sources()?.sources ?? []).reduce((sum, s) => sum + s.first, 0),
  );
  protected readonly edgarUrl = edgarFilingUrl;

  ngOnInit(): void {
    this.load();
  }

  protected pickDate(value: string): void {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return;
    this.date.set(value);
    this.load();
  }

  protected share(first: number): string {
    const total = this.totalFirst();
    return total === 0 ? '' : `${Math.round((first / total) * 100)}%`;
  }

  protected lag(seconds: number | null): string {
    if (seconds === null) return '> 1 h';
    return seconds < 60 ? `≤ ${seconds} s` : `≤ ${seconds / 60} min`;
  }

  protected load(): void {
    const date = this.date();
    this.api
      .sources(date)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (report) => {
          this.sources.set(report);
          this.sourcesError.set(undefined);
        },
        error: (err: unknown) => this.sourcesError.set(loadError(err)),
      });
    this.api
      .completeness(date)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (report) => {
          this.completeness.set(report);
          this.completenessError.set(undefined);
        },
        error: (err: unknown) => this.completenessError.set(loadError(err)),
      });
  }
}

function loadError(err: unknown): LoadError {
  if (err instanceof HttpErrorResponse) {
    const coded = (
      err.error as { error?: { code?: unknown; message?: unknown } }
    )?.error;
    if (typeof coded?.code === 'string')
      return {
        code: coded.code,
        message: typeof coded.message === 'string' ? coded.message : coded.code,
      };
    if (err.status === 0)
      return { code: 'NETWORK', message: 'The server cannot be reached.' };
    return {
      code: `HTTP_${err.status}`,
      message: `The server answered ${err.status}.`,
    };
  }
  return { code: 'UNKNOWN', message: 'The request failed.' };
}
