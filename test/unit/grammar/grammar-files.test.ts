import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { parse } from 'yaml';
import { repoRoot } from '../../support/paths';
import { INJECTION_SCOPE, loadOniguruma, syntaxPath } from './textmate';

interface GrammarContribution {
  language?: string;
  scopeName: string;
  path: string;
  injectTo?: string[];
  embeddedLanguages?: Record<string, string>;
}

const yamlSources = readdirSync(path.join(repoRoot(), 'syntaxes')).filter((name) => name.endsWith('.tmLanguage.yaml'));

/** Every regular expression in a grammar, with where it sits, for messages. */
function regexes(node: unknown, where = '', found: { where: string; source: string }[] = []): { where: string; source: string }[] {
  if (Array.isArray(node)) {
    node.forEach((item, i) => regexes(item, `${where}[${i}]`, found));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (['match', 'begin', 'end', 'while'].includes(key) && typeof value === 'string') found.push({ where: `${where}.${key}`, source: value });
      else regexes(value, `${where}.${key}`, found);
    }
  }
  return found;
}

test('each YAML grammar is built into the JSON beside it (esbuild.mjs runs the build)', () => {
  assert.deepEqual(yamlSources.sort(), ['kotlin.tmLanguage.yaml', 'rawsync-sql-injection-dart.tmLanguage.yaml', 'rawsync-sql-injection-js.tmLanguage.yaml', 'rawsync-sql-injection.tmLanguage.yaml']);
  for (const name of yamlSources) {
    const json = syntaxPath(name.replace(/\.yaml$/, '.json'));
    assert.ok(existsSync(json), `${json} exists`);
    assert.deepEqual(JSON.parse(readFileSync(json, 'utf8')), parse(readFileSync(syntaxPath(name), 'utf8')), `${name} and its JSON agree`);
  }
});

test('every regular expression of our grammars compiles in Oniguruma', async () => {
  await loadOniguruma();
  for (const name of yamlSources) {
    const grammar = parse(readFileSync(syntaxPath(name), 'utf8'));
    const found = regexes(grammar);
    assert.ok(found.length > 10, `${name} has its patterns`);
    for (const { where, source } of found) {
      assert.doesNotThrow(() => new oniguruma.OnigScanner([source]).dispose(), `${name} ${where}: ${source}`);
    }
  }
});

test('package.json contributes the Kotlin grammar, the SQL injection and the snippets', () => {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot(), 'package.json'), 'utf8'));
  const grammars: GrammarContribution[] = pkg.contributes.grammars;
  const scopeOf = (file: string) => JSON.parse(readFileSync(path.join(repoRoot(), file), 'utf8')).scopeName;

  const kotlin = grammars.find((g) => g.language === 'kotlin');
  assert.ok(kotlin, 'a grammar for the kotlin language');
  assert.equal(kotlin.scopeName, 'source.kotlin');
  assert.equal(scopeOf(kotlin.path), 'source.kotlin');
  assert.ok(pkg.contributes.languages.some((l: { id: string }) => l.id === 'kotlin'), 'the kotlin language itself');

  const injection = grammars.find((g) => g.injectTo?.includes('source.kotlin'));
  assert.ok(injection, 'an injection grammar');
  assert.equal(injection.scopeName, INJECTION_SCOPE);
  assert.equal(scopeOf(injection.path), INJECTION_SCOPE);
  assert.deepEqual(injection.injectTo, ['source.kotlin']);
  const injected = JSON.parse(readFileSync(path.join(repoRoot(), injection.path), 'utf8'));
  assert.match(injected.injectionSelector, /^L:source\.kotlin\b/);
  // The SQL parts are the sql language for comments and brackets; templates inside them are Kotlin again.
  assert.deepEqual(injection.embeddedLanguages, {
    'meta.embedded.line.sql': 'sql',
    'meta.embedded.block.sql': 'sql',
    'meta.template.expression.kotlin': 'kotlin',
  });

  // TypeScript, JavaScript (VS Code's scopes) and Dart (VS Code's and Dart-Code's source.dart).
  const injections = grammars.filter((g) => g.injectTo).map((g) => [g.scopeName, scopeOf(g.path), g.injectTo, g.embeddedLanguages]);
  assert.deepEqual(injections.slice(1), [
    ['rawsync.js.sql-injection', 'rawsync.js.sql-injection', ['source.ts', 'source.tsx', 'source.js', 'source.js.jsx'],
      { 'meta.embedded.line.sql': 'sql', 'meta.embedded.block.sql': 'sql' }],
    ['rawsync.dart.sql-injection', 'rawsync.dart.sql-injection', ['source.dart'],
      { 'meta.embedded.line.sql': 'sql', 'meta.embedded.block.sql': 'sql', 'meta.embedded.expression.dart': 'dart' }],
  ]);
  for (const g of grammars.filter((g) => g.injectTo)) {
    const selector = JSON.parse(readFileSync(path.join(repoRoot(), g.path), 'utf8')).injectionSelector as string;
    const hosts = selector.split(',').map((part) => /^\s*L:(\S+)/.exec(part)?.[1]);
    assert.deepEqual(hosts, g.injectTo, `${g.scopeName}: its selector names the hosts package.json injects it into`);
  }

  // One TypeScript file serves the four TS/JS editors: its snippets hold no TypeScript-only syntax.
  assert.deepEqual(pkg.contributes.snippets, [
    { language: 'kotlin', path: './snippets/kotlin.json' },
    ...['typescript', 'typescriptreact', 'javascript', 'javascriptreact'].map((language) => ({ language, path: './snippets/typescript.json' })),
    { language: 'dart', path: './snippets/dart.json' },
  ]);
  for (const { path: file } of pkg.contributes.snippets) assert.ok(existsSync(path.join(repoRoot(), file)), `${file} exists`);
});
