import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file URI as a `/`-separated path relative to `base` (the first PATH). */
export function relativeFile(uri: string, base: string): string {
  const file = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  return path.relative(base, file).split(path.sep).join('/');
}
