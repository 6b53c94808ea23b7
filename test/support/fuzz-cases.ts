import { readdirSync } from 'node:fs';
import path from 'node:path';
import { scanWorkspace } from '../../server/src/frontends/workspace-files';
import { fixturePath, repoRoot } from './paths';

/** A small seeded generator (mulberry32): the same seed gives the same cases on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every rule fixture and example as in-memory workspaces: relative path → text. */
export function seedWorkspaces(): Record<string, string>[] {
  const roots = [
    ...readdirSync(fixturePath()).filter((d) => d.startsWith('rule-')).map((d) => fixturePath(d)),
    path.join(repoRoot(), 'examples', 'todo-app'),
    fixturePath('java-entities', 'java'),
  ];
  return roots.map((root) => Object.fromEntries(scanWorkspace(root).map((f) => [path.relative(root, f.path).split(path.sep).join('/'), f.text])));
}

const SNIPPETS = ['@', '@Entity(', '"', '"""', '${', '(', ')', '{', '}', '[', ']', ',', '\n', '=', '->', '::', '?', 'RawTable(', 'PendingStatement(', 'Schema(', 'listOf(', '\uFEFF', '\u0000', '\r', '/*', '*/', '//', '`'];

export interface FuzzCase {
  label: string;
  files: Record<string, string>;
}

/**
 * One mutated workspace: a seed workspace with one Kotlin, Java, TypeScript/JavaScript, Dart, package.json or pubspec file changed in one of the ways users
 * and tools break files (a typed or deleted character, a cut, a doubled block, deep nesting, a
 * huge literal, binary bytes, a line break style).
 */
export function mutate(workspace: Record<string, string>, random: () => number): FuzzCase {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  // Kotlin and Java sources, (in the TypeScript fixtures) TypeScript/JavaScript and package.json, (in the Dart ones) Dart
  // and pubspec files, and (in the backend fixtures) the sync config YAML and the Postgres migrations.
  const names = Object.keys(workspace).filter((n) => /\.(?:kt|java|ts|js|dart|ya?ml)$/.test(n) || /(?:^|\/)(?:package\.json|pubspec\.lock)$/.test(n) || n.includes('supabase/migrations/'));
  const name = pick(names);
  const text = workspace[name];
  const at = Math.floor(random() * (text.length + 1));
  const kinds = ['insert', 'delete', 'truncate', 'duplicate', 'nest', 'concat', 'huge', 'binary', 'crlf', 'end-at'] as const;
  const kind = pick(kinds);
  let changed: string;
  switch (kind) {
    case 'insert':
      changed = text.slice(0, at) + pick(SNIPPETS) + text.slice(at);
      break;
    case 'delete':
      changed = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 40));
      break;
    case 'truncate':
      changed = text.slice(0, at);
      break;
    case 'duplicate':
      changed = text.slice(0, at) + text.slice(Math.max(0, at - 400), at) + text.slice(at);
      break;
    case 'nest': {
      const depth = 500 + Math.floor(random() * 4000);
      const [open, close] = pick([['(', ')'], ['listOf(', ')'], ['{', '}'], ['"${', '}"']] as const);
      changed = `${text}\nval deep = ${open.repeat(depth)}1${close.repeat(depth)}\n`;
      break;
    }
    case 'concat':
      changed = `${text}\nval long = ${Array.from({ length: 2000 + Math.floor(random() * 2000) }, (_, i) => `"p${i}"`).join(' + ')}\n`;
      break;
    case 'huge':
      changed = `${text}\nval huge = "${'x'.repeat(200_000 + Math.floor(random() * 300_000))}"\n`;
      break;
    case 'binary':
      changed = text.slice(0, at) + String.fromCharCode(...Array.from({ length: 16 }, () => Math.floor(random() * 256))) + text.slice(at);
      break;
    case 'crlf':
      changed = text.replace(/\n/g, '\r\n');
      break;
    default:
      changed = `${text.slice(0, at)}\n@`;
      break;
  }
  return { label: `${kind} in ${name} at ${at}`, files: { ...workspace, [name]: changed } };
}
