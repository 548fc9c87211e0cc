import { TestBed, type ComponentFixture } from '@angular/core/testing';
import {
  FakeWebSocket,
  provideFakeWebSockets,
} from '../test-support/fake-web-socket';
import { filingMessage } from '../test-support/wire';
import { makeFiling } from '@secfeed/filing-model/testing';
import { ConnectionStatus } from './connection-status';
import { FeedConnection } from './feed-connection.service';

describe('ConnectionStatus', () => {
  let fixture: ComponentFixture<ConnectionStatus>;
  let sockets: FakeWebSocket[];
  let connection: FeedConnection;

  const text = () =>
    (fixture.nativeElement as HTMLElement).querySelector(
      '[data-testid="connection-text"]',
    )?.textContent;
  const status = () =>
    (fixture.nativeElement as HTMLElement).getAttribute('data-status');
  const render = () => {
    fixture.changeDetectorRef.markForCheck();
    TestBed.tick();
  };

  beforeEach(() => {
    jest.useFakeTimers({ now: Date.UTC(2025, 0, 2, 15, 0, 0) });
    sockets = [];
    TestBed.configureTestingModule({
      providers: provideFakeWebSockets(sockets),
    });
    connection = TestBed.inject(FeedConnection);
    fixture = TestBed.createComponent(ConnectionStatus);
  });

  afterEach(() => {
    connection.disconnect();
    jest.useRealTimers();
  });

  it('shows live and when the last filing arrived', () => {
    connection.connect({});
    sockets[0].open();
    sockets[0].receive({
      type: 'subscribed',
      position: '1-0',
      recovered: true,
    });
    render();
    expect(status()).toBe('live');
    expect(text()).toBe('Live');
    sockets[0].receive(filingMessage(makeFiling(), '2-0'));
    jest.advanceTimersByTime(42_000);
    render();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain(
      'Last filing 42s ago',
    );
  });

  it('counts down to the next reconnect attempt, second by second', () => {
    connection.connect({});
    sockets[0].serverClose(1006);
    jest.advanceTimersByTime(550);
    sockets[1].serverClose(1006); // second failure: 1050 ms
    render();
    expect(status()).toBe('reconnecting');
    expect(text()).toBe('Reconnecting in 2 s');
    jest.advanceTimersByTime(1000);
    render();
    expect(text()).toBe('Reconnecting in 1 s');
    expect(
      (fixture.nativeElement as HTMLElement).querySelector(
        '[data-testid="reconnect-now"]',
      ),
    ).not.toBeNull();
  });

  it('offers Retry now when offline, which connects at once', () => {
    connection.connect({});
    connection.disconnect();
    render();
    expect(text()).toBe('Offline');
    (fixture.nativeElement as HTMLElement)
      .querySelector<HTMLElement>('[data-testid="reconnect-now"]')
      ?.click();
    render();
    expect(sockets).toHaveLength(2);
    expect(text()).toBe('Connecting…');
  });
});
