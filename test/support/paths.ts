import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository root: the nearest folder up from here whose package.json is Rawsync's. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'rawsync') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('rawsync repository root not found');
    dir = up;
  }
}

/** Where esbuild.mjs copied the wasm files. */
export function wasmDir(): string {
  return path.join(repoRoot(), 'dist');
}

export function fixturePath(...segments: string[]): string {
  return path.join(repoRoot(), 'test', 'fixtures', ...segments);
}
