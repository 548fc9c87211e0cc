import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { AlertRule, AlertRuleBody, RuleApiError } from './alert-rule';
import { RuleForm } from './rule-form';

const STORED: AlertRule = {
  id: 'r1',
  name: 'Big buys',
  enabled: true,
  filters: {
    tickers: ['AAPL'],
    ciks: [],
    formTypes: ['4'],
    includeAmendments: true,
    transactionCodes: ['P'],
  },
  channel: {
    type: 'webhook',
    url: 'https://hooks.example.com/x',
    secret: '****wxyz',
  },
  createdAt: '2025-01-02T10:00:00.000Z',
  updatedAt: '2025-01-02T10:00:00.000Z',
};

describe('RuleForm', () => {
  let fixture: ComponentFixture<RuleForm>;
  let saved: AlertRuleBody[];
  const q = <T extends HTMLElement>(id: string) =>
    (fixture.nativeElement as HTMLElement).querySelector<T>(
      `[data-testid="${id}"]`,
    );
  const type = (id: string, value: string) => {
    const input = q<HTMLInputElement>(id) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const submit = async () => {
    (q<HTMLFormElement>('rule-form') as HTMLFormElement).dispatchEvent(
      new Event('submit', { cancelable: true }),
    );
    await fixture.whenStable();
  };

  async function render(rule: AlertRule | null = null) {
    fixture = TestBed.createComponent(RuleForm);
    fixture.componentRef.setInput('rule', rule);
    saved = [];
    fixture.componentInstance.save.subscribe((body) => saved.push(body));
    await fixture.whenStable();
  }

  it('shows what is missing next to each field and sends nothing', async () => {
    await render();
    expect(q('rule-error-name')).toBeNull(); // nothing shown before a save is tried
    await submit();
    expect(saved).toEqual([]);
    expect(q('rule-error-name')?.getAttribute('data-code')).toBe(
      'INVALID_RULE',
    );
    expect(q('rule-error-channel.url')?.getAttribute('data-code')).toBe(
      'INVALID_CHANNEL_URL',
    );
    expect(q('rule-error-channel.secret')?.getAttribute('data-code')).toBe(
      'INVALID_CHANNEL',
    );
    type('rule-secret', 'short');
    await fixture.whenStable();
    expect(q('rule-error-channel.secret')?.getAttribute('data-code')).toBe(
      'WEAK_SECRET',
    );
  });

  it('sends a new webhook rule with the filters of the filter bar, which shows no search or dates', async () => {
    await render();
    expect(q('filter-search')).toBeNull();
    expect(q('filter-from')).toBeNull();
    type('rule-name', 'Apple insider buys');
    const tickers = q<HTMLInputElement>('filter-tickers') as HTMLInputElement;
    tickers.value = 'aapl';
    tickers.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await fixture.whenStable();
    const codes = q<HTMLInputElement>('filter-codes') as HTMLInputElement;
    codes.value = 'p, zz';
    codes.dispatchEvent(new Event('change'));
    type('rule-url', 'https://hooks.example.com/secfeed');
    type('rule-secret', 'a-secret-of-16-chars');
    await fixture.whenStable();
    await submit();
    expect(saved).toEqual([
      {
        name: 'Apple insider buys',
        enabled: true,
        filters: { tickers: ['AAPL'], transactionCodes: ['P'] },
        channel: {
          type: 'webhook',
          url: 'https://hooks.example.com/secfeed',
          secret: 'a-secret-of-16-chars',
        },
      },
    ]);
  });

  it('edits a rule: the masked secret shown, left out unless retyped', async () => {
    await render(STORED);
    expect((q<HTMLInputElement>('rule-name') as HTMLInputElement).value).toBe(
      'Big buys',
    );
    const secret = q<HTMLInputElement>('rule-secret') as HTMLInputElement;
    expect(secret.value).toBe('');
    expect(secret.placeholder).toContain('****wxyz');
    await submit();
    expect(saved[0].channel).toEqual({
      type: 'webhook',
      url: 'https://hooks.example.com/x',
    });
    expect(saved[0].filters).toEqual({
      tickers: ['AAPL'],
      formTypes: ['4'],
      transactionCodes: ['P'],
    });
    type('rule-secret', 'a-brand-new-secret-1');
    await fixture.whenStable();
    await submit();
    expect(saved[1].channel).toEqual({
      type: 'webhook',
      url: 'https://hooks.example.com/x',
      secret: 'a-brand-new-secret-1',
    });
  });

  it('switches channel fields: telegram asks for a bot token and a chat id; back to the stored type restores its URL', async () => {
    await render(STORED);
    const select = q<HTMLSelectElement>(
      'rule-channel-type',
    ) as HTMLSelectElement;
    select.value = 'telegram';
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(q('rule-url')).toBeNull();
    await submit();
    expect(saved).toEqual([]); // a new type keeps no stored token
    expect(q('rule-error-channel.botToken')).not.toBeNull();
    type('rule-name', 'Desk');
    type('rule-bot-token', '123456:ABCDEFGHIJKLMNOPQRSTUVWX');
    type('rule-chat-id', '@desk_alerts');
    await fixture.whenStable();
    await submit();
    expect(saved[0].channel).toEqual({
      type: 'telegram',
      botToken: '123456:ABCDEFGHIJKLMNOPQRSTUVWX',
      chatId: '@desk_alerts',
    });
    select.value = 'webhook';
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect((q<HTMLInputElement>('rule-url') as HTMLInputElement).value).toBe(
      'https://hooks.example.com/x',
    );
  });

  it('shows the API refusal next to the field it names until that field changes', async () => {
    await render();
    const refusal: RuleApiError = {
      status: 400,
      code: 'INVALID_CHANNEL_URL',
      message:
        'channel.url must be an incoming-webhook URL https://hooks.slack.com/services/...',
      field: 'channel.url',
    };
    fixture.componentRef.setInput('serverError', refusal);
    await fixture.whenStable();
    const shown = q('rule-error-channel.url') as HTMLElement;
    expect(shown.getAttribute('data-code')).toBe('INVALID_CHANNEL_URL');
    expect(shown.textContent).toContain('incoming-webhook URL');
    type('rule-name', 'still there');
    await fixture.whenStable();
    expect(q('rule-error-channel.url')).not.toBeNull();
    type('rule-url', 'https://hooks.slack.com/services/T0/B0/abc');
    await fixture.whenStable();
    expect(q('rule-error-channel.url')).toBeNull();

    fixture.componentRef.setInput('serverError', {
      status: 400,
      code: 'INVALID_TRANSACTION_CODE',
      message: 'filters.transactionCodes is not a code',
      field: 'filters.transactionCodes',
    });
    await fixture.whenStable();
    expect(q('rule-error-filters')?.getAttribute('data-code')).toBe(
      'INVALID_TRANSACTION_CODE',
    );
  });
});
