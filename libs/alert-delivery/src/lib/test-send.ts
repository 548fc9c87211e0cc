import { randomBytes } from 'node:crypto';
import type { AlertRule } from '@secfeed/alert-model';
import { channelRequest, type ChannelEndpoints } from './channel-request';
import { sendRequest, type SendResult } from './send-request';

/** The filing a test-send carries: plainly a test, with the fields every message shows. */
export const TEST_FILING = Object.freeze({
  accessionNo: '0000000000-00-000000',
  cik: '0',
  ticker: 'TEST',
  companyName: 'secfeed test alert',
  formType: 'TEST',
  filedAt: '2025-01-02T16:05:00-05:00',
  linkToFilingDetails:
    'https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent',
  source: 'replay',
  test: true,
});

/**
 * Sends {@link TEST_FILING} to a rule's channel now, outside its queue, with a delivery id of
 * its own (`test-<hex>`), so the receiver can tell it from real alerts. Never throws.
 */
export async function testSend(
  rule: Pick<AlertRule, 'id' | 'name' | 'channel'>,
  endpoints: ChannelEndpoints,
  timeoutMs: number,
): Promise<SendResult & { deliveryId: string }> {
  const deliveryId = `test-${randomBytes(12).toString('hex')}`;
  const result = await sendRequest(
    channelRequest(
      rule,
      {
        deliveryId,
        kind: 'filing',
        data: JSON.stringify(TEST_FILING),
        filing: TEST_FILING,
      },
      endpoints,
    ),
    { timeoutMs },
  );
  return { ...result, deliveryId };
}
