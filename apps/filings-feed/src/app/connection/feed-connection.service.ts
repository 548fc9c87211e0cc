import {
  DOCUMENT,
  DestroyRef,
  Injectable,
  inject,
  signal,
} from '@angular/core';
import type { Filing } from '@secfeed/filing-model';
import type { RetryNotification } from '@secfeed/reconnect-policy';
import { Subject, tap, type Subscription } from 'rxjs';
import { GATEWAY_CONFIG, socketUrl } from '../shared/gateway-config';
import type { UserError } from '../shared/user-error';
import { CONNECTION_OPTIONS } from './connection-options';
import { feedReconnectLoop } from './feed-reconnect-loop';
import {
  SessionClosedError,
  feedSession,
  type InsightsUpdate,
  type SessionEvent,
} from './feed-session';
import type { SubscriptionFilters } from './subscription-filters';
import { WEBSOCKET_FACTORY, type WebSocketLike } from './websocket-factory';

/** What the status bar shows: live, trying again, or not trying (browser offline, stopped). */
export type ConnectionStatus =
  'connecting' | 'live' | 'reconnecting' | 'offline';

/**
 * The live feed over the browser's WebSocket (contracts §3). Subscribes with the current
 * filters, re-sends `subscribe_sec_filings` when they change, pings the gateway, and reconnects
 * with capped full-jitter backoff for as long as the page is open ({@link feedReconnectLoop}):
 * it never gives up by itself. After a reconnect it resumes with
 * `since` = the last position received, so nothing is missed or doubled; when the gateway can
 * no longer resume (`recovered: false`) it emits on {@link recoveryLost}.
 */
@Injectable({ providedIn: 'root' })
export class FeedConnection {
  private readonly options = inject(CONNECTION_OPTIONS);
  private readonly openSocket = inject(WEBSOCKET_FACTORY);
  private readonly config = inject(GATEWAY_CONFIG);
  private readonly document = inject(DOCUMENT);

  private readonly statusState = signal<ConnectionStatus>('offline');
  private readonly nextAttemptState = signal<number | null>(null);
  private readonly lastFilingState = signal<number | null>(null);
  private readonly errorState = signal<UserError | null>(null);
  private readonly filingSubject = new Subject<Filing>();
  private readonly insightsSubject = new Subject<InsightsUpdate>();
  private readonly recoveryLostSubject = new Subject<void>();
  private readonly subscribedFreshSubject = new Subject<void>();

  /** Live, connecting, reconnecting (see {@link nextAttemptAt}) or offline. */
  readonly status = this.statusState.asReadonly();
  /** Epoch ms of the next reconnect attempt while reconnecting, else `null`. */
  readonly nextAttemptAt = this.nextAttemptState.asReadonly();
  /** Epoch ms when the last live filing arrived, or `null`. */
  readonly lastFilingAt = this.lastFilingState.asReadonly();
  /** The last problem worth telling the user, or `null`. */
  readonly error = this.errorState.asReadonly();
  /** Every live filing, in stream order. */
  readonly filings = this.filingSubject.asObservable();
  /** Every `sec_filing_insights` message, in stream order with {@link filings}. */
  readonly insights = this.insightsSubject.asObservable();
  /** The gateway could not resume from our last position: history must be reloaded. */
  readonly recoveryLost = this.recoveryLostSubject.asObservable();
  /**
   * The gateway placed a subscription made without `since` (first connect, new filters): live
   * filings flow from its position on. History read before this moment may end before it.
   */
  readonly subscribedFresh = this.subscribedFreshSubject.asObservable();

  private filters: SubscriptionFilters = {};
  private lastPosition: string | null = null;
  private socket: WebSocketLike | null = null;
  private loop: Subscription | null = null;
  private wanted = false;

  constructor() {
    const view = this.document.defaultView;
    const onOffline = () => this.goOffline();
    const onOnline = () => this.wanted && this.restart();
    view?.addEventListener('offline', onOffline);
    view?.addEventListener('online', onOnline);
    inject(DestroyRef).onDestroy(() => {
      view?.removeEventListener('offline', onOffline);
      view?.removeEventListener('online', onOnline);
      this.loop?.unsubscribe();
    });
  }

  /**
   * Starts the feed with `filters` (idempotent: a running feed only updates them). With
   * `since` (the `Stream-Position` of the history page just shown) it starts right after that
   * page, so history and live meet exactly; without it, at the gateway's newest position.
   */
  connect(filters: SubscriptionFilters, since: string | null = null): void {
    this.wanted = true;
    if (this.loop) {
      this.updateFilters(filters, since);
      return;
    }
    this.filters = filters;
    if (since !== null) this.lastPosition = since;
    this.restart();
  }

  /**
   * Replaces the server-side filters; a live socket re-subscribes at once, from `since` when
   * given (filings already shown come again and are deduplicated by the list).
   */
  updateFilters(
    filters: SubscriptionFilters,
    since: string | null = null,
  ): void {
    this.filters = filters;
    if (since !== null) this.lastPosition = since;
    if (this.statusState() === 'live') this.sendSubscribe(since !== null);
  }

  /** Drops any wait and connects again now (the Retry button). */
  retryNow(): void {
    this.wanted = true;
    this.restart();
  }

  /** Closes the socket and stops reconnecting. */
  disconnect(): void {
    this.wanted = false;
    this.stopLoop();
    this.statusState.set('offline');
  }

  private restart(): void {
    this.stopLoop();
    this.errorState.set(null);
    this.statusState.set('connecting');
    const { policy, random } = this.options;
    this.loop = feedReconnectLoop((attempt) => this.session(attempt), {
      policy,
      random,
    }).subscribe((event) => this.onEvent(event));
  }

  private session(attempt: number) {
    this.nextAttemptState.set(null);
    if (attempt > 0) this.statusState.set('reconnecting');
    return feedSession({
      open: () =>
        (this.socket = this.openSocket(
          socketUrl(this.config, this.document.location),
        )),
      subscribeMessage: () => this.subscribeMessage(true),
      pingIntervalMs: this.options.pingIntervalMs,
      pongTimeoutMs: this.options.pongTimeoutMs,
    }).pipe(
      tap({
        error: (error: unknown) => {
          if (error instanceof SessionClosedError && error.userError) {
            this.errorState.set(error.userError);
          }
        },
      }),
    );
  }

  private onEvent(event: SessionEvent | RetryNotification): void {
    switch (event.type) {
      case 'retry':
        this.socket = null;
        this.statusState.set('reconnecting');
        this.nextAttemptState.set(Date.now() + event.delayMs);
        return;
      case 'subscribed':
        this.statusState.set('live');
        this.errorState.set(null);
        if (!event.recovered) this.recoveryLostSubject.next();
        if (!event.recovered || this.pendingFresh)
          this.lastPosition = event.position;
        if (event.recovered && this.pendingFresh)
          this.subscribedFreshSubject.next();
        this.pendingFresh = false;
        return;
      case 'filing':
        this.lastPosition = event.position;
        this.lastFilingState.set(Date.now());
        this.filingSubject.next(event.filing);
        return;
      case 'insights': {
        // A stream entry of its own: resuming after it must not send it again.
        this.lastPosition = event.position;
        this.lastFilingState.set(Date.now());
        const { accessionNo, insights, filing } = event;
        this.insightsSubject.next({ accessionNo, insights, filing });
        return;
      }
      case 'error':
        this.errorState.set(event.error);
        return;
    }
  }

  /** True while the newest subscribe carried no `since`: its reply's position is our start. */
  private pendingFresh = false;

  private subscribeMessage(resume: boolean): object {
    const since = resume ? this.lastPosition : null;
    this.pendingFresh = since === null;
    const hasFilters = Object.keys(this.filters).length > 0;
    return {
      action: 'subscribe_sec_filings',
      ...(hasFilters ? { filters: this.filters } : {}),
      ...(since !== null ? { since } : {}),
    };
  }

  private sendSubscribe(resume: boolean): void {
    this.socket?.send(JSON.stringify(this.subscribeMessage(resume)));
  }

  private goOffline(): void {
    this.stopLoop();
    this.statusState.set('offline');
  }

  private stopLoop(): void {
    this.loop?.unsubscribe();
    this.loop = null;
    this.socket = null;
    this.nextAttemptState.set(null);
  }
}
