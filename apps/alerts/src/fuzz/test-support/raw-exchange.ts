// Raw HTTP/1.1 over TCP for the alerts wire fuzz: writes bytes as a stranger would (all at
// once, dribbled, cut and closed, cut and reset) and parses every answer that comes back,
// pipelined ones included, without trusting the server to frame them right.
import { connect, type Socket } from 'node:net';

/** One answer as it came over the wire. */
export interface RawAnswer {
  readonly status: number;
  /** Header names lower-cased; a repeated header keeps its last value. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What one connection saw. */
export interface RawOutcome {
  readonly answers: readonly RawAnswer[];
  /** Bytes after the last answer that are no HTTP answer (a framing error), if any. */
  readonly garbage?: string;
  /** The expected answers did not all come, and the server neither closed nor answered. */
  readonly hung?: boolean;
  /** The connection failed before it was used. */
  readonly refused?: boolean;
}

export type Behaviour =
  /** Writes everything and waits for `expected` answers (or the server's close). */
  | { readonly kind: 'answer'; readonly expected: number }
  /** Writes everything, waits briefly for whatever comes, then closes (an incomplete request). */
  | { readonly kind: 'linger' }
  /** Writes the first `at` bytes, then ends the connection (FIN). */
  | { readonly kind: 'close'; readonly at: number }
  /** Writes the first `at` bytes, then resets the connection (RST). */
  | { readonly kind: 'reset'; readonly at: number }
  /** Writes the first `at` bytes a few at a time (slowloris), then resets. */
  | { readonly kind: 'dribble'; readonly at: number };

/** How long answers may take before the connection counts as hung. */
export const ANSWER_MS = 10_000;
const LINGER_MS = 300;
const DRIBBLE_WRITES = 30;
const DRIBBLE_GAP_MS = 5;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Parses the answers at the start of `text` (latin1). `headOnly[i]` says answer `i` answers a
 * HEAD (no body whatever its Content-Length). Stops at an incomplete answer; `garbage` is set
 * when what follows cannot be an answer at all.
 */
export function parseAnswers(
  text: string,
  headOnly: readonly boolean[] = [],
  closed = false,
): { answers: RawAnswer[]; rest: string; garbage?: string } {
  const answers: RawAnswer[] = [];
  let rest = text;
  for (;;) {
    if (rest === '') return { answers, rest };
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) {
      return 'HTTP/1.'.startsWith(rest.slice(0, 7)) ||
        rest.startsWith('HTTP/1.')
        ? { answers, rest }
        : { answers, rest, garbage: rest.slice(0, 200) };
    }
    const [statusLine, ...lines] = rest.slice(0, end).split('\r\n');
    const match = /^HTTP\/1\.[01] (\d{3})(?: [^\r\n]*)?$/.exec(statusLine);
    if (!match) return { answers, rest, garbage: rest.slice(0, 200) };
    const status = Number(match[1]);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon <= 0) return { answers, rest, garbage: rest.slice(0, 200) };
      headers[line.slice(0, colon).trim().toLowerCase()] = line
        .slice(colon + 1)
        .trim();
    }
    let at = end + 4;
    let body = '';
    const informational = status >= 100 && status < 200;
    // Bytes the HTTP parser refused are answered (400, 408, 431, `Connection: close`) before
    // any request is known, a HEAD included: that JSON error has its body.
    const refusedUnread =
      status >= 400 &&
      headers['connection']?.toLowerCase() === 'close' &&
      rest.startsWith('{', end + 4);
    const noBody =
      informational ||
      status === 204 ||
      status === 304 ||
      (headOnly[answers.length] === true && !refusedUnread);
    if (!noBody) {
      if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
        for (;;) {
          const lineEnd = rest.indexOf('\r\n', at);
          if (lineEnd < 0) return { answers, rest };
          const size = parseInt(rest.slice(at, lineEnd), 16);
          if (!Number.isFinite(size))
            return { answers, rest, garbage: rest.slice(at, at + 200) };
          if (rest.length < lineEnd + 2 + size + 2) return { answers, rest };
          body += rest.slice(lineEnd + 2, lineEnd + 2 + size);
          at = lineEnd + 2 + size + 2;
          if (size === 0) break;
        }
      } else if (headers['content-length'] !== undefined) {
        const length = Number(headers['content-length']);
        if (!Number.isSafeInteger(length) || length < 0)
          return { answers, rest, garbage: statusLine };
        if (rest.length < at + length) return { answers, rest };
        body = rest.slice(at, at + length);
        at += length;
      } else {
        // Delimited by the close.
        if (!closed) return { answers, rest };
        body = rest.slice(at);
        at = rest.length;
      }
    }
    rest = rest.slice(at);
    if (!informational) answers.push({ status, headers, body });
  }
}

function open(port: number): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => resolve(undefined));
    socket.once('connect', () => resolve(socket));
  });
}

/** Plays `bytes` on a new connection to 127.0.0.1:`port`; the socket is gone when this resolves. */
export async function exchange(
  port: number,
  bytes: Buffer,
  behaviour: Behaviour,
  headOnly: readonly boolean[] = [],
): Promise<RawOutcome> {
  const socket = await open(port);
  if (socket === undefined) return { answers: [], refused: true };
  let text = '';
  let closed = false;
  let notify = () => undefined as void;
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('latin1');
    notify();
  });
  socket.on('close', () => {
    closed = true;
    notify();
  });
  const changed = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      notify = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const result = (hung = false): RawOutcome => {
    const parsed = parseAnswers(text, headOnly, closed);
    return {
      answers: parsed.answers,
      ...(parsed.garbage !== undefined ? { garbage: parsed.garbage } : {}),
      ...(hung ? { hung } : {}),
    };
  };
  try {
    switch (behaviour.kind) {
      case 'answer': {
        socket.write(bytes);
        const deadline = Date.now() + ANSWER_MS;
        for (;;) {
          const parsed = parseAnswers(text, headOnly, closed);
          if (
            parsed.answers.length >= behaviour.expected ||
            parsed.garbage !== undefined ||
            closed
          )
            return result();
          if (Date.now() >= deadline) return result(true);
          await changed(deadline - Date.now());
        }
      }
      case 'linger':
        socket.write(bytes);
        await changed(LINGER_MS);
        await pause(20);
        return result();
      case 'close':
        socket.end(bytes.subarray(0, behaviour.at));
        await Promise.race([changed(LINGER_MS), pause(LINGER_MS)]);
        return result();
      case 'reset':
        socket.write(bytes.subarray(0, behaviour.at));
        return { answers: [] };
      case 'dribble': {
        const part = bytes.subarray(0, behaviour.at);
        const step = Math.max(1, Math.ceil(part.length / DRIBBLE_WRITES));
        for (let at = 0; at < part.length && !socket.destroyed; at += step) {
          socket.write(part.subarray(at, at + step));
          await pause(DRIBBLE_GAP_MS);
        }
        return { answers: [] };
      }
    }
    return { answers: [] };
  } finally {
    if (!socket.destroyed) socket.resetAndDestroy();
  }
}
