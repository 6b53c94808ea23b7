// The SQL our own TypeScript and Dart snippets insert is highlighted as SQL once inserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../support/paths';
import { expandSnippet } from '../snippets/snippet-body';
import { describe, hasScope, hostGrammar, tokenize } from './textmate';

const STATEMENT_START = /^(?:INSERT INTO|DELETE|CREATE|DROP|SELECT)$/;
const isEmbeddedSql = (scopes: { scopes: string[] }) => ['meta.embedded.line.sql', 'meta.embedded.block.sql'].some((s) => hasScope({ line: 0, text: '', ...scopes }, s));

for (const [file, host, wrap] of [
  ['typescript.json', 'source.ts', (body: string) => `async function inserted(db) {\n${body}\n}\n`],
  ['typescript.json', 'source.js.jsx', (body: string) => `async function inserted(db) {\n${body}\n}\n`],
  ['dart.json', 'source.dart', (body: string) => `Future<void> inserted(PowerSyncDatabase db) async {\n${body}\n}\n`],
] as const) {
  test(`[${host}] every statement the ${file} snippets insert is highlighted as SQL`, async () => {
    const snippets: Record<string, { body: string | string[] }> = JSON.parse(readFileSync(path.join(repoRoot(), 'snippets', file), 'utf8'));
    const grammar = await hostGrammar(host);
    let statements = 0;
    for (const [name, snippet] of Object.entries(snippets)) {
      const tokens = tokenize(grammar, wrap(expandSnippet(snippet.body).text));
      // A statement's first keyword; not a one-word string such as the 'DELETE' event of the trigger helper.
      const starts = tokens.filter((t, i) => STATEMENT_START.test(t.text.trim()) && !(tokens[i + 1]?.line === t.line && tokens[i + 1].text === "'"));
      for (const token of starts) {
        assert.ok(isEmbeddedSql(token), `${name}: ${describe(token)}`);
        statements++;
      }
    }
    assert.ok(statements >= 15, `statements seen: ${statements}`);
  });
}
