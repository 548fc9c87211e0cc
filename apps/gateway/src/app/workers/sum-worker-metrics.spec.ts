import { createGatewayMetrics } from '../metrics/gateway-metrics';
import { createPrimaryMetrics } from '../metrics/primary-metrics';
import { sumWorkerMetrics } from './sum-worker-metrics';

/** The value of one sample line (`name{labels} value`) in Prometheus text. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.split(' ').pop());
};

describe('sumWorkerMetrics', () => {
  it('adds the workers’ counters, gauges and histograms, keeps the worst reader lag, and adds the primary’s own', async () => {
    const a = createGatewayMetrics(false);
    const b = createGatewayMetrics(false);
    a.connections.set(3);
    b.connections.set(4);
    a.messagesSent.inc({ type: 'sec_filing' }, 10);
    b.messagesSent.inc({ type: 'sec_filing' }, 5);
    b.messagesSent.inc({ type: 'pong' }, 2);
    a.readerLag.set(0.2);
    b.readerLag.set(1.5);
    a.broadcastLatency.observe(0.003);
    b.broadcastLatency.observe(0.2);
    const primary = createPrimaryMetrics();
    primary.workers.set(2);
    primary.workerRestarts.inc();

    const text = await sumWorkerMetrics(
      [
        await a.registry.getMetricsAsJSON(),
        await b.registry.getMetricsAsJSON(),
      ],
      primary.registry,
    );

    expect(sample(text, 'secfeed_gateway_connections')).toBe(7);
    expect(
      sample(text, 'secfeed_gateway_messages_sent_total{type="sec_filing"}'),
    ).toBe(15);
    expect(
      sample(text, 'secfeed_gateway_messages_sent_total{type="pong"}'),
    ).toBe(2);
    expect(sample(text, 'secfeed_gateway_reader_lag_seconds')).toBe(1.5);
    expect(
      sample(text, 'secfeed_gateway_broadcast_latency_seconds_count'),
    ).toBe(2);
    expect(
      sample(
        text,
        'secfeed_gateway_broadcast_latency_seconds_bucket{le="0.005"}',
      ),
    ).toBe(1);
    expect(sample(text, 'secfeed_gateway_workers')).toBe(2);
    expect(sample(text, 'secfeed_gateway_worker_restarts_total')).toBe(1);
  });

  it('with no worker answering, still shows the primary’s metrics', async () => {
    const primary = createPrimaryMetrics();
    primary.workers.set(2);
    const text = await sumWorkerMetrics([], primary.registry);
    expect(sample(text, 'secfeed_gateway_workers')).toBe(2);
    expect(sample(text, 'secfeed_gateway_connections')).toBeUndefined();
  });
});
