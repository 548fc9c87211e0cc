import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { execFileSync } from 'node:child_process';

/** One entry of a v3 `package-lock.json` `packages` map. */
interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dev?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  [field: string]: unknown;
}

/** A packed library: the `.tgz` path and its manifest's dependency fields. */
export interface PackedLibrary {
  readonly name: string;
  readonly tarball: string;
}

/**
 * Writes `package.json` and `package-lock.json` of a consumer project in `folder`: the packed
 * libraries (as `file:` tarballs, with their integrity) and `thirdParty` at exactly the versions
 * and tree the workspace's own lockfile holds, with everything they need. A lockfile is what
 * lets `npm ci --offline` install from the cache `npm ci` filled: without one, npm asks the
 * registry for package metadata, which that cache does not hold.
 */
export function writeConsumerProject(
  folder: string,
  workspaceLockfile: string,
  libraries: readonly PackedLibrary[],
  thirdParty: readonly string[],
): void {
  const root = JSON.parse(readFileSync(workspaceLockfile, 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const packages: Record<string, LockEntry> = {};
  const dependencies: Record<string, string> = {};

  for (const library of libraries) {
    const manifest = tarballManifest(library.tarball);
    const spec = `file:${library.tarball}`;
    dependencies[library.name] = spec;
    packages[`node_modules/${library.name}`] = {
      version: manifest.version,
      resolved: spec,
      integrity: `sha512-${createHash('sha512').update(readFileSync(library.tarball)).digest('base64')}`,
      dependencies: manifest.dependencies,
      peerDependencies: manifest.peerDependencies,
    };
  }

  const queue: string[] = [];
  for (const dep of thirdParty) {
    const path = `node_modules/${dep}`;
    const entry = root.packages[path];
    if (!entry?.version)
      throw new Error(`${dep} is not in the workspace lockfile`);
    dependencies[dep] = entry.version;
    queue.push(path);
  }
  while (queue.length > 0) {
    const path = queue.pop() as string;
    if (packages[path]) continue;
    // A consumer's runtime tree: the workspace's dev markers do not apply.
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { dev, devOptional, peer, ...entry } = root.packages[path];
    packages[path] = entry;
    const optional = entry.peerDependenciesMeta ?? {};
    const needs = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}).filter(
        (name) => !optional[name]?.optional,
      ),
    ];
    for (const name of needs) {
      const found = resolveFrom(root.packages, path, name);
      if (found) queue.push(found);
    }
  }

  packages[''] = { name: 'consumer', dependencies };
  writeFileSync(
    join(folder, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, dependencies }, null, 2),
  );
  writeFileSync(
    join(folder, 'package-lock.json'),
    JSON.stringify(
      { name: 'consumer', lockfileVersion: 3, requires: true, packages },
      null,
      2,
    ),
  );
}

/** Where Node would find `name` from the package at `from` (nested first, then upwards). */
function resolveFrom(
  packages: Record<string, LockEntry>,
  from: string,
  name: string,
): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return undefined;
    const parent = dir.lastIndexOf('/node_modules/');
    dir = parent < 0 ? '' : dir.slice(0, parent);
  }
}

function tarballManifest(tarball: string): LockEntry {
  const text = execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], {
    encoding: 'utf8',
  });
  const manifest = JSON.parse(text) as LockEntry;
  if (!manifest.version) throw new Error(`${basename(tarball)} has no version`);
  return manifest;
}
