import path from 'node:path';
import { emptyFacts, type FileFacts, type Platform } from '../../model/facts';
import { moduleIdOf } from './declarations';

/** The language id of tsconfig.json / jsconfig.json files. */
export const TSCONFIG_LANGUAGE = 'tsconfig';

/** `tsconfig.json`, `tsconfig.<name>.json`, `jsconfig.json`. */
export function isTsconfig(filePath: string): boolean {
  return /^(?:tsconfig(?:\.[^/\\]+)?|jsconfig)\.json$/i.test(path.basename(filePath));
}

/**
 * A tsconfig's `compilerOptions.paths`, in module-id form, so the model can resolve an import
 * such as `@/data/schema` to the module it names. Targets are resolved against `baseUrl` (itself
 * relative to the file), or the file's folder without one, as TypeScript does. The file is JSON
 * with comments and trailing commas. `extends` is not followed: aliases declared only in a base
 * config stay unresolved (their imports are reported as not checked, never guessed).
 */
export function extractTsconfigFacts(uri: string, filePath: string, text: string, platform: Platform): FileFacts {
  const facts = emptyFacts(uri, TSCONFIG_LANGUAGE, platform);
  let config: unknown;
  try {
    config = JSON.parse(withoutCommentsAndTrailingCommas(text));
  } catch {
    return facts;
  }
  const options = (config as { compilerOptions?: { baseUrl?: unknown; paths?: unknown } } | null)?.compilerOptions;
  const paths = options?.paths;
  if (!paths || typeof paths !== 'object') return facts;
  const folder = path.posix.dirname(filePath.replace(/\\/g, '/'));
  const base = typeof options.baseUrl === 'string' ? path.posix.join(folder, options.baseUrl) : folder;
  const root = moduleIdOf(`${folder}/`);
  for (const [pattern, targets] of Object.entries(paths as Record<string, unknown>)) {
    if (!Array.isArray(targets) || (pattern.match(/\*/g)?.length ?? 0) > 1) continue;
    const resolved = targets.filter((t): t is string => typeof t === 'string' && (t.match(/\*/g)?.length ?? 0) <= 1).map((t) => starredModuleId(path.posix.join(base, t)));
    if (resolved.length > 0) (facts.moduleAliases ??= []).push({ root, pattern: pattern.replace(/\./g, '\u2024'), targets: resolved });
  }
  return facts;
}

/** A target path as a module id, its `*` kept (`/w/src/*` stays `/w/src/*`, `/w/src/db/index.ts` → `/w/src/db`). */
function starredModuleId(target: string): string {
  const star = target.indexOf('*');
  if (star < 0) return moduleIdOf(target);
  const before = target.slice(0, star);
  const after = target.slice(star + 1);
  return `${before.replace(/\./g, '\u2024')}*${after === '' ? '' : moduleIdOf(after)}`;
}

/** JSON with `//` and `/* … *\/` comments and trailing commas made plain JSON; strings are left as they are. */
function withoutCommentsAndTrailingCommas(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
      out += ' ';
    } else {
      out += c;
    }
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}
