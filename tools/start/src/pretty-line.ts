import { prettyFactory } from 'pino-pretty';

/**
 * Turns one line of a service's JSON log into one readable line for a terminal (time, level,
 * message, then the other fields); a line that is not a JSON object passes unchanged. The
 * services always log JSON (what log shippers want); only `npm start` at a terminal reads it
 * this way.
 */
export function createPrettyLine(colorize: boolean): (line: string) => string {
  const pretty = prettyFactory({
    colorize,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service',
  });
  return (line) => {
    if (!line.startsWith('{')) return line;
    try {
      return pretty(JSON.parse(line)).trimEnd();
    } catch {
      return line;
    }
  };
}
