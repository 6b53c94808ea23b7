// The layers of server/src and which may import which: SQL text helpers at the bottom, then the
// facts and model, the front ends that produce facts, the engine (SQLite and the PowerSync core),
// rules and the generators of their fixes, and the doors (language server, CLI) on top. A module
// importing upwards fails here, with the import named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../support/paths';

/** For each folder of server/src, the folders its modules may import from (besides its own). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  sql: [],
  model: ['sql'],
  frontends: ['model', 'sql'],
  engine: ['model', 'sql'],
  findings: ['model', 'sql', 'engine'],
  generate: ['model', 'sql', 'engine', 'frontends', 'findings'],
  rules: ['model', 'sql', 'engine', 'frontends', 'findings', 'generate'],
  doors: ['model', 'findings', 'rules'],
  lsp: ['analyzer', 'model', 'sql', 'engine', 'frontends', 'findings', 'rules', 'generate', 'doors'],
  cli: ['analyzer', 'model', 'sql', 'engine', 'frontends', 'findings', 'rules', 'generate', 'doors'],
  analyzer: ['model', 'sql', 'engine', 'frontends', 'findings', 'rules'],
};

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) sources(full, out);
    else if (name.endsWith('.ts')) out.push(full);
  }
  return out;
}

/** `sql` for server/src/sql/…, `analyzer` for server/src/analyzer.ts. */
function layerOf(srcRoot: string, file: string): string {
  const rel = path.relative(srcRoot, file).split(path.sep);
  return rel.length === 1 ? rel[0].replace(/\.ts$/, '') : rel[0];
}

test('every module of server/src imports only from its own layer and the layers below it', () => {
  const srcRoot = path.join(repoRoot(), 'server', 'src');
  const files = sources(srcRoot);
  assert.ok(files.length > 100);
  const violations: string[] = [];
  for (const file of files) {
    const from = layerOf(srcRoot, file);
    const allowed = MAY_IMPORT[from];
    if (!allowed) {
      violations.push(`${path.relative(srcRoot, file)}: the layer '${from}' is not in MAY_IMPORT`);
      continue;
    }
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
      const target = path.resolve(path.dirname(file), match[1]);
      const rel = path.relative(srcRoot, target);
      if (rel.startsWith('..')) {
        violations.push(`${path.relative(srcRoot, file)} imports ${match[1]}, outside server/src`);
        continue;
      }
      const to = layerOf(srcRoot, `${target}.ts`);
      if (to !== from && !allowed.includes(to)) violations.push(`${path.relative(srcRoot, file)} (${from}) imports ${match[1]} (${to})`);
    }
  }
  assert.deepEqual(violations, []);
});

test('a language lives in its own folder: only the registry reaches into one, and only for its plugin', () => {
  const srcRoot = path.join(repoRoot(), 'server', 'src');
  const frontends = path.join(srcRoot, 'frontends');
  const languages = readdirSync(frontends).filter((name) => statSync(path.join(frontends, name)).isDirectory());
  assert.ok(languages.includes('kotlin') && languages.includes('java'));
  const languageOfFile = (file: string): string | undefined => {
    const rel = path.relative(frontends, file).split(path.sep);
    return rel.length > 1 && !rel[0].startsWith('..') ? rel[0] : undefined;
  };
  const registry = path.join(frontends, 'registry.ts');
  const violations: string[] = [];
  for (const language of languages) {
    assert.ok(statSync(path.join(frontends, language, 'plugin.ts')).isFile(), `frontends/${language}/plugin.ts exists`);
    assert.match(readFileSync(registry, 'utf8'), new RegExp(`from '\\./${language}/plugin'`), `the registry names frontends/${language}`);
  }
  for (const file of sources(srcRoot)) {
    const own = languageOfFile(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
      const target = `${path.resolve(path.dirname(file), match[1])}.ts`;
      const into = languageOfFile(target);
      if (!into || into === own) continue;
      if (file === registry && target === path.join(frontends, into, 'plugin.ts')) continue;
      violations.push(`${path.relative(srcRoot, file)} imports ${match[1]} (inside frontends/${into}/)`);
    }
  }
  assert.deepEqual(violations, []);
});
