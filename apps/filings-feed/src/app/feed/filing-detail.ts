import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import type { Filing } from '@secfeed/filing-model';
import { formatEastern } from '../shared/eastern-time';
import { insightsOf } from '../shared/filing-insights-of';
import { filingSummary } from '../shared/filing-summary';
import { listingLabel } from '../shared/listing-label';
import { FilingInsightsDetail } from './filing-insights-detail';

/**
 * The detail panel of one filing: its listing (ticker and exchange), what it says (insights, once
 * known), entities, documents, data files, period of report.
 */
@Component({
  selector: 'sf-filing-detail',
  imports: [FilingInsightsDetail],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'detail',
    role: 'region',
    'data-testid': 'detail-panel',
    '[attr.aria-label]': '"Details of " + filing().accessionNo',
  },
  template: `
    <header class="detail__head">
      <h2>
        <span class="badge">{{ filing().formType }}</span>
        {{ filing().companyName }}
        @if (listing()) {
          <span class="detail__ticker" data-testid="detail-listing">{{
            listing()
          }}</span>
        }
      </h2>
      <button
        type="button"
        class="icon-button"
        (click)="closed.emit()"
        aria-label="Close details"
        data-testid="detail-close"
      >
        ✕
      </button>
    </header>
    <dl class="detail__facts">
      <dt>Accepted</dt>
      <dd>{{ accepted() }}</dd>
      <dt>Accession no.</dt>
      <dd data-testid="detail-accession">{{ filing().accessionNo }}</dd>
      <dt>CIK</dt>
      <dd>{{ filing().cik }}</dd>
      @if (filing().periodOfReport) {
        <dt>Period of report</dt>
        <dd data-testid="detail-period">{{ filing().periodOfReport }}</dd>
      }
      @if (filing().description) {
        <dt>Description</dt>
        <dd>{{ filing().description }}</dd>
      }
    </dl>
    <div class="detail__actions">
      @if (filing().ticker) {
        <button
          type="button"
          (click)="starTicker.emit(filing().ticker)"
          data-testid="star-ticker"
          [attr.aria-pressed]="tickerStarred()"
        >
          {{ tickerStarred() ? '★ Watching' : '☆ Watch' }} {{ filing().ticker }}
        </button>
      }
      <button
        type="button"
        (click)="starCik.emit(filing().cik)"
        data-testid="star-cik"
        [attr.aria-pressed]="cikStarred()"
      >
        {{ cikStarred() ? '★ Watching' : '☆ Watch' }} CIK {{ filing().cik }}
      </button>
      @if (filing().linkToHtml; as index) {
        <a [href]="index" target="_blank" rel="noopener noreferrer"
          >Filing index on EDGAR</a
        >
      }
      @if (filing().linkToFilingDetails; as doc) {
        <a [href]="doc" target="_blank" rel="noopener noreferrer"
          >Primary document</a
        >
      }
    </div>
    @if (insights(); as insights) {
      <p class="detail__summary" data-testid="detail-summary">
        {{ summary() }}
      </p>
      <sf-filing-insights [insights]="insights" />
    } @else if (filing().items?.length) {
      <h3>Items</h3>
      <ul>
        @for (item of filing().items; track item) {
          <li>{{ item }}</li>
        }
      </ul>
    }
    <h3>Entities</h3>
    <ul data-testid="detail-entities">
      @for (entity of filing().entities; track $index) {
        <li>
          {{ entity.companyName }}
          @if (entity.cik) {
            <span class="muted">CIK {{ entity.cik }}</span>
          }
        </li>
      } @empty {
        <li class="muted">None listed</li>
      }
    </ul>
    <h3>Documents</h3>
    <ul data-testid="detail-documents">
      @for (doc of filing().documentFormatFiles; track $index) {
        <li>
          <a
            [href]="doc.documentUrl"
            target="_blank"
            rel="noopener noreferrer"
            >{{ doc.type?.trim() || 'Document' }}</a
          >
          <span class="muted">{{ doc.description }}</span>
        </li>
      } @empty {
        <li class="muted">None listed</li>
      }
    </ul>
    <h3>Data files</h3>
    <ul data-testid="detail-data-files">
      @for (doc of filing().dataFiles; track $index) {
        <li>
          <a
            [href]="doc.documentUrl"
            target="_blank"
            rel="noopener noreferrer"
            >{{ doc.type || 'File' }}</a
          >
          <span class="muted">{{ doc.description }}</span>
        </li>
      } @empty {
        <li class="muted">None</li>
      }
    </ul>
  `,
})
export class FilingDetail {
  readonly filing = input.required<Filing>();
  readonly tickerStarred = input(false);
  readonly cikStarred = input(false);
  readonly closed = output<void>();
  readonly starTicker = output<string>();
  readonly starCik = output<string>();

  protected readonly accepted = computed(() =>
    formatEastern(this.filing().filedAtMs),
  );
  protected readonly insights = computed(() => insightsOf(this.filing()));
  protected readonly summary = computed(() => filingSummary(this.filing()));
  /** Ticker and exchange, e.g. `AAPL · Nasdaq`; `""` when the filer has neither. */
  protected readonly listing = computed(() => listingLabel(this.filing()));
}
