import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface InitialFile {
  file: string;
  rawBytes: number;
  gzipBytes: number;
  brotliBytes: number;
}

export interface InitialBundle {
  /** Initial JS: the module scripts and modulepreloads that index.html loads. */
  js: InitialFile[];
  /** Initial CSS: the stylesheets that index.html links (Angular counts them in the budget). */
  css: InitialFile[];
  jsRawBytes: number;
  jsGzipBytes: number;
  jsBrotliBytes: number;
  cssRawBytes: number;
  /** The Angular `initial` budget of the production build, in bytes (kB = 1000 B, as Angular). */
  budget: { warningBytes: number; errorBytes: number } | null;
}

/** Angular's budget size strings: `600kb`, `1mb`, `500b`; kB = 1000 bytes as in @angular/build. */
function budgetBytes(value: unknown): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?b)?$/i.exec(String(value ?? ''));
  if (!match) return Number.NaN;
  const unit = (match[2] ?? 'b').toLowerCase();
  const factor = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9 }[unit] ?? 1;
  return Number(match[1]) * factor;
}

function measure(dir: string, file: string): InitialFile {
  const content = readFileSync(join(dir, file));
  return {
    file,
    rawBytes: statSync(join(dir, file)).size,
    gzipBytes: gzipSync(content, { level: 9 }).length,
    brotliBytes: brotliCompressSync(content, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length,
  };
}

/**
 * The initial files of the built dashboard, read from its index.html (`<script src>`,
 * `<link rel="modulepreload">`, `<link rel="stylesheet">`), with their gzip (level 9) and
 * brotli (quality 11) sizes; and the `initial` budget from the app's project.json.
 */
export function initialBundle(
  browserDir: string,
  projectJsonPath: string,
): InitialBundle {
  const html = readFileSync(join(browserDir, 'index.html'), 'utf8');
  const jsFiles = new Set<string>();
  const cssFiles = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g))
    jsFiles.add(match[1]);
  for (const match of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = match[0];
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (!href || /^[a-z]+:/i.test(href)) continue;
    if (/\brel="modulepreload"/.test(tag)) jsFiles.add(href);
    else if (/\brel="stylesheet"/.test(tag)) cssFiles.add(href);
  }
  if (jsFiles.size === 0)
    throw new Error(`no <script src> in ${join(browserDir, 'index.html')}`);
  const js = [...jsFiles].map((file) => measure(browserDir, file));
  const css = [...cssFiles].map((file) => measure(browserDir, file));
  const sum = (files: InitialFile[], key: keyof Omit<InitialFile, 'file'>) =>
    files.reduce((total, file) => total + file[key], 0);

  let budget: InitialBundle['budget'] = null;
  try {
    const project = JSON.parse(readFileSync(projectJsonPath, 'utf8'));
    const budgets: Array<Record<string, unknown>> =
      project?.targets?.build?.configurations?.production?.budgets ?? [];
    const initial = budgets.find((entry) => entry['type'] === 'initial');
    if (initial)
      budget = {
        warningBytes: budgetBytes(initial['maximumWarning']),
        errorBytes: budgetBytes(initial['maximumError']),
      };
  } catch {
    // reported as no budget
  }
  return {
    js,
    css,
    jsRawBytes: sum(js, 'rawBytes'),
    jsGzipBytes: sum(js, 'gzipBytes'),
    jsBrotliBytes: sum(js, 'brotliBytes'),
    cssRawBytes: sum(css, 'rawBytes'),
    budget,
  };
}
