import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the built dashboard from `root` (GET/HEAD only). Hashed assets are cached for a year;
 * any other path that is not a file gets `index.html` (the app routes in the browser). Paths
 * that would leave `root` are refused.
 */
export function createStaticHandler(
  root: string,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const base = normalize(root) + sep;
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return false;
    }
    const file = normalize(join(base, path));
    if (!file.startsWith(base)) return false;
    const target =
      existsSync(file) && statSync(file).isFile()
        ? file
        : join(base, 'index.html');
    if (!existsSync(target)) return false;
    const hashed = /-[A-Z0-9]{8,}\.(js|css)$/.test(target);
    res.writeHead(200, {
      'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
      'cache-control': hashed
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(target).pipe(res);
    return true;
  };
}
