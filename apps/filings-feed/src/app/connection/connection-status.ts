import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { ClockService } from '../shared/clock.service';
import { relativeAge } from '../shared/eastern-time';
import { FeedConnection } from './feed-connection.service';

/** The honest connection status: live, reconnecting with a countdown, or offline. */
@Component({
  selector: 'sf-connection-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'status',
    'data-testid': 'connection-status',
    '[attr.data-status]': 'connection.status()',
  },
  template: `
    <span class="status__dot" aria-hidden="true"></span>
    <span class="status__text" data-testid="connection-text">{{ text() }}</span>
    <span class="status__last muted" data-testid="last-filing">{{
      lastFiling()
    }}</span>
    @if (
      connection.status() === 'reconnecting' ||
      connection.status() === 'offline'
    ) {
      <button
        type="button"
        class="link-button"
        data-testid="reconnect-now"
        (click)="connection.retryNow()"
      >
        Retry now
      </button>
    }
  `,
})
export class ConnectionStatus {
  protected readonly connection = inject(FeedConnection);
  private readonly clock = inject(ClockService);

  protected readonly text = computed(() => {
    switch (this.connection.status()) {
      case 'live':
        return 'Live';
      case 'connecting':
        return 'Connecting…';
      case 'offline':
        return 'Offline';
      case 'reconnecting': {
        const at = this.connection.nextAttemptAt();
        if (at === null) return 'Reconnecting…';
        const seconds = Math.max(0, Math.ceil((at - this.clock.now()) / 1000));
        return `Reconnecting in ${seconds} s`;
      }
    }
  });

  protected readonly lastFiling = computed(() => {
    const at = this.connection.lastFilingAt();
    return at === null
      ? 'No live filing yet'
      : `Last filing ${relativeAge(at, this.clock.now())}`;
  });
}
