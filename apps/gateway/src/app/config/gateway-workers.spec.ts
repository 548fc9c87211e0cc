import { ConfigError, EnvReader } from '@secfeed/service-runtime';
import { loadGatewayConfig } from './gateway-config';
import { gatewayWorkers, MAX_GATEWAY_WORKERS } from './gateway-workers';

const workers = (value: string | undefined, cores = 16) =>
  gatewayWorkers(new EnvReader({ GATEWAY_WORKERS: value }), () => cores);

describe('GATEWAY_WORKERS', () => {
  it('is 1 when unset or empty: one process, as before', () => {
    expect(workers(undefined)).toBe(1);
    expect(workers('  ')).toBe(1);
    expect(loadGatewayConfig({}).workers).toBe(1);
  });

  it('takes a whole number, and auto as the machine’s cores', () => {
    expect(workers('4')).toBe(4);
    expect(workers(String(MAX_GATEWAY_WORKERS))).toBe(MAX_GATEWAY_WORKERS);
    expect(workers('auto', 16)).toBe(16);
    expect(workers('AUTO', 2)).toBe(2);
    expect(workers('auto', 1000)).toBe(MAX_GATEWAY_WORKERS);
    expect(loadGatewayConfig({ GATEWAY_WORKERS: '3' }).workers).toBe(3);
  });

  it.each(['0', '-2', '1.5', 'two', 'auto2', String(MAX_GATEWAY_WORKERS + 1)])(
    'refuses %p, naming the variable',
    (value) => {
      let error: unknown;
      try {
        loadGatewayConfig({ GATEWAY_WORKERS: value });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe('GATEWAY_WORKERS');
      expect((error as ConfigError).message).toMatch(
        new RegExp(
          `^GATEWAY_WORKERS: must be "auto" or a whole number .*"${value}"`,
        ),
      );
    },
  );
});
