// Builds every syntaxes/*.tmLanguage.yaml into the .tmLanguage.json beside it, which is what
// package.json's `contributes.grammars` points at. Called by esbuild.mjs before bundling; run alone
// with `node scripts/build-grammar.mjs`.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const YAML_SUFFIX = '.tmLanguage.yaml';

/** The grammar object of one YAML file; throws with the file name on a YAML error or a broken include. */
export function grammarFromYaml(file) {
  const document = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true, uniqueKeys: true });
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0) throw new Error(`${file}: ${problems.map((p) => p.message).join('\n')}`);
  const grammar = document.toJS();
  if (typeof grammar?.scopeName !== 'string' || !Array.isArray(grammar.patterns)) {
    throw new Error(`${file}: a grammar needs a scopeName and a patterns list`);
  }
  const missing = [...localIncludes(grammar)].filter((name) => !Object.hasOwn(grammar.repository ?? {}, name));
  if (missing.length > 0) throw new Error(`${file}: includes missing from its repository: ${missing.map((n) => `#${n}`).join(', ')}`);
  return grammar;
}

/** Writes each grammar's JSON (only when its text changed); returns the JSON files. */
export function buildGrammars(syntaxesDir = path.join(root, 'syntaxes')) {
  if (!existsSync(syntaxesDir)) return [];
  const written = [];
  for (const name of readdirSync(syntaxesDir).filter((n) => n.endsWith(YAML_SUFFIX)).sort()) {
    const grammar = grammarFromYaml(path.join(syntaxesDir, name));
    const target = path.join(syntaxesDir, name.slice(0, -YAML_SUFFIX.length) + '.tmLanguage.json');
    const json = JSON.stringify(grammar, null, 2) + '\n';
    if (!existsSync(target) || readFileSync(target, 'utf8') !== json) writeFileSync(target, json);
    written.push(target);
  }
  return written;
}

/** Names used as `include: '#name'` anywhere in the grammar. */
function localIncludes(node, found = new Set()) {
  if (Array.isArray(node)) {
    for (const item of node) localIncludes(item, found);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'include' && typeof value === 'string' && value.startsWith('#')) found.add(value.slice(1));
      else localIncludes(value, found);
    }
  }
  return found;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const file of buildGrammars()) console.log(path.relative(root, file));
}
