import { createPrettyLine } from './pretty-line';

describe('createPrettyLine', () => {
  const pretty = createPrettyLine(false);

  it('renders a JSON log line as time, level, message and the other fields on one line', () => {
    const line = pretty(
      JSON.stringify({
        level: 30,
        time: Date.UTC(2026, 0, 2, 3, 4, 5, 6),
        service: 'gateway',
        port: 9000,
        msg: 'Gateway listening',
      }),
    );
    expect(line).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: Gateway listening/);
    expect(line).toContain('"port":9000');
    expect(line).not.toContain('service');
    expect(line).not.toContain('\n');
  });

  it('names the level of warnings and errors', () => {
    expect(pretty('{"level":50,"time":0,"msg":"Redis lost"}')).toMatch(
      /ERROR: Redis lost/,
    );
  });

  it('passes a line that is not a JSON object unchanged', () => {
    for (const line of ['plain text', '{not json', '[1,2]', ''])
      expect(pretty(line)).toBe(line);
  });
});
