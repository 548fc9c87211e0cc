import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'tsconfig-paths';

// Jest runs the global setup and teardown outside its module system, without the workspace's
// resolver: this maps `@secfeed/*` to the sources as tsconfig.base.json does. Import it first.
const root = join(__dirname, '../../../..');
const { compilerOptions } = JSON.parse(
  readFileSync(join(root, 'tsconfig.base.json'), 'utf8'),
) as { compilerOptions: { paths: Record<string, string[]> } };
register({ baseUrl: root, paths: compilerOptions.paths });
