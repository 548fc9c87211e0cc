import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import type {
  FilingInsights,
  OwnershipOwner,
  OwnershipTransaction,
} from '@secfeed/filing-model';

const shares = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });
const dollars = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 4,
});
const wholeDollars = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0,
});

/** One transaction row as the table shows it. */
interface TransactionRow {
  readonly date: string;
  readonly security: string;
  readonly code: string;
  readonly direction: string;
  readonly shares: string;
  readonly price: string;
  readonly value: string;
  readonly after: string;
  readonly ownership: string;
}

/**
 * What a filing says (contracts §6) in the detail panel: the 8-K items with their titles, the
 * owners and transaction table of a Form 3/4/5, the filers of a 13D/13G, and any problem
 * reading the documents. Every field is read with care: insights arrive as JSON.
 */
@Component({
  selector: 'sf-filing-insights',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'insights', 'data-testid': 'detail-insights' },
  template: `
    @if (items().length) {
      <h3>8-K items</h3>
      <ul data-testid="insights-items">
        @for (item of items(); track $index) {
          <li>
            <strong>{{ item.code }}</strong> {{ item.title }}
          </li>
        }
      </ul>
    }
    @if (insights().ownership; as ownership) {
      <h3>Reporting owners</h3>
      <ul data-testid="insights-owners">
        @for (owner of owners(); track $index) {
          <li>
            {{ owner.name }}
            <span class="muted">{{ roles(owner) }}</span>
          </li>
        } @empty {
          <li class="muted">None listed</li>
        }
      </ul>
      <p data-testid="insights-tenb51">
        Rule 10b5-1 plan: {{ ownership.tenb51 ? 'yes' : 'no' }}
      </p>
      <h3>Transactions</h3>
      @if (transactions().length) {
        <div class="insights__table-wrap">
          <table class="insights__table" data-testid="insights-transactions">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Security</th>
                <th scope="col">Code</th>
                <th scope="col">A/D</th>
                <th scope="col" class="num">Shares</th>
                <th scope="col" class="num">Price</th>
                <th scope="col" class="num">Value</th>
                <th scope="col" class="num">Owned after</th>
                <th scope="col">D/I</th>
              </tr>
            </thead>
            <tbody>
              @for (row of transactions(); track $index) {
                <tr>
                  <td>{{ row.date }}</td>
                  <td>{{ row.security }}</td>
                  <td>{{ row.code }}</td>
                  <td>{{ row.direction }}</td>
                  <td class="num">{{ row.shares }}</td>
                  <td class="num">{{ row.price }}</td>
                  <td class="num">{{ row.value }}</td>
                  <td class="num">{{ row.after }}</td>
                  <td>{{ row.ownership }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      } @else {
        <p class="muted">None reported (holdings only).</p>
      }
    }
    @if (insights().stake; as stake) {
      <h3>Stake in {{ stakeIssuer().name }}</h3>
      <p data-testid="insights-stake">
        {{ percent(stake.percent) }} of class
        @if (stakeIssuer().cusip) {
          <span class="muted">CUSIP {{ stakeIssuer().cusip }}</span>
        }
      </p>
      <ul data-testid="insights-filers">
        @for (filer of stakeFilers(); track $index) {
          <li>
            {{ filer.name }}
            <span class="muted"
              >{{ amount(filer.shares) }} sh ·
              {{ percent(filer.percent) }}</span
            >
          </li>
        }
      </ul>
    }
    @if (problems().length) {
      <h3>Not read</h3>
      <ul class="muted" data-testid="insights-problems">
        @for (problem of problems(); track $index) {
          <li>{{ problem.message }}</li>
        }
      </ul>
    }
  `,
})
export class FilingInsightsDetail {
  readonly insights = input.required<FilingInsights>();

  protected readonly items = computed(() => listOf(this.insights().items));
  protected readonly owners = computed(() =>
    listOf(this.insights().ownership?.owners),
  );
  protected readonly transactions = computed(() =>
    listOf(this.insights().ownership?.transactions).map(toRow),
  );
  protected readonly stakeFilers = computed(() =>
    listOf(this.insights().stake?.filers),
  );
  protected readonly stakeIssuer = computed(() => {
    const issuer = this.insights().stake?.issuer;
    return {
      name: typeof issuer?.name === 'string' ? issuer.name : '',
      cusip: typeof issuer?.cusip === 'string' ? issuer.cusip : '',
    };
  });
  protected readonly problems = computed(() =>
    listOf(this.insights().problems),
  );

  protected roles(owner: OwnershipOwner): string {
    const roles = [
      owner.officer ? owner.officerTitle || 'Officer' : '',
      owner.director ? 'Director' : '',
      owner.tenPercentOwner ? '10% owner' : '',
      owner.other ? 'Other' : '',
    ].filter(Boolean);
    return roles.join(', ');
  }

  protected percent(value: number | null | undefined): string {
    return typeof value === 'number' ? `${value}%` : '—';
  }

  protected amount(value: number | null | undefined): string {
    return typeof value === 'number' ? shares.format(value) : '—';
  }
}

/** The objects of a list read from JSON (anything else in it, or a non-list, is skipped). */
function listOf<T extends object>(
  value: readonly T[] | undefined,
): readonly T[] {
  return Array.isArray(value)
    ? value.filter((entry) => typeof entry === 'object' && entry !== null)
    : [];
}

function toRow(tx: OwnershipTransaction): TransactionRow {
  const number = (value: unknown, format: Intl.NumberFormat) =>
    typeof value === 'number' ? format.format(value) : '—';
  const value =
    typeof tx.price === 'number' && typeof tx.shares === 'number'
      ? tx.price * tx.shares
      : null;
  return {
    date: String(tx.date ?? ''),
    security: `${tx.security ?? ''}${tx.derivative ? ' (derivative)' : ''}`,
    code: String(tx.code ?? ''),
    direction: tx.acquired ? 'A' : 'D',
    shares: number(tx.shares, shares),
    price: number(tx.price, dollars),
    value: number(value, wholeDollars),
    after: number(tx.sharesAfter, shares),
    ownership: tx.direct ? 'D' : 'I',
  };
}
