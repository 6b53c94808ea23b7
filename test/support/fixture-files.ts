import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every file under `dir` as relative path (with `/`) → contents: a workspace for in-memory analysis. */
export function filesUnder(dir: string, base = dir, out: Record<string, string> = {}): Record<string, string> {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) filesUnder(full, base, out);
    else out[path.relative(base, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
  }
  return out;
}
