import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writerOf, writerOfFile } from '../../../server/src/frontends/registry';
import { FrontEnds } from '../../../server/src/frontends/index';
import { wasmDir } from '../../support/paths';
import type { SqlLiteral } from '../../../server/src/model/sql-source-map';

const writer = writerOf('typescript')!;

/** The value of a JavaScript expression (what the written code reads as). */
const evaluate = (code: string): unknown => new Function(`return ${code};`)();

test('the TypeScript writer: single-quoted strings with escapes, the line comment, no imports, no SDK code', () => {
  assert.equal(writerOfFile('file:///w/src/a.tsx'), writer);
  assert.equal(writer.lineComment, '//');
  assert.equal(writer.sdk, undefined);
  assert.equal(writer.importEdits, undefined);
  assert.equal(writer.stringLiteral!("it's a \\ path\nnext\t${x}"), "'it\\'s a \\\\ path\\nnext\\t${x}'");
  // What it writes reads back as the value.
  const value = "a'b\"c`d\\e\n${f}\u2028";
  assert.equal(evaluate(writer.stringLiteral!(value)), value);
});

test('SQL literals: one line in single quotes when short, else a template literal indented under the code', () => {
  assert.equal(writer.sqlLiteral!(['DELETE FROM todos', "WHERE id = 'x'"], { preferRaw: false, indent: '    ' }), "'DELETE FROM todos WHERE id = \\'x\\''");
  const long = ['CREATE TRIGGER todos_insert AFTER INSERT ON todos', 'BEGIN', "  SELECT '`${x}` \\ ok';", 'END'];
  const written = writer.sqlLiteral!(long, { preferRaw: true, indent: '  ' });
  assert.equal(written, "`\n    CREATE TRIGGER todos_insert AFTER INSERT ON todos\n    BEGIN\n      SELECT '\\`\\${x}\\` \\\\ ok';\n    END\n  `");
  assert.equal((evaluate(written) as string).trim().split('\n').map((l: string) => l.trim()).join('\n'), long.map((l) => l.trim()).join('\n'));
});

test('writing into a literal escapes for its quote; with no quote known, for every quote', () => {
  const literal = (quote?: '"' | "'" | '`'): SqlLiteral => ({ uri: 'file:///w/a.ts', raw: false, source: 'x', ...(quote ? { quote } : {}) } as SqlLiteral);
  const text = "a'b\"c`d${e}\nf";
  assert.equal(writer.intoLiteral!(literal("'"), 0, 0, text, '  '), "a\\'b\"c`d${e}\\nf");
  assert.equal(writer.intoLiteral!(literal('"'), 0, 0, text, '  '), "a'b\\\"c`d${e}\\nf");
  assert.equal(writer.intoLiteral!(literal('`'), 0, 0, text, '  '), "a'b\"c\\`d\\${e}\n  f");
  const any = writer.intoLiteral!(literal(), 0, 0, text, '  ')!;
  for (const quote of ["'", '"', '`']) assert.equal(evaluate(`${quote}${any}${quote}`), text, quote);
});

test('the pre-screen passes over files without the words facts need, and lists the names they may declare', async () => {
  const frontEnds = await FrontEnds.create(wasmDir());
  const uri = 'file:///virtual/src/util.ts';
  const plain = [
    "export const TODOS_TABLE = 'todos';",
    'export function helper() {}',
    'export async function* gen() {}',
    'class Repo {}',
    'interface Row { id: string }',
    'type Id = string;',
    'enum Kind { A }',
    'let counter = 0;',
    'const local = 1;',
    'export { local as exported, Repo };',
  ].join('\n');
  const screened = frontEnds.extractScreened(uri, plain)!;
  assert.equal(screened.facts.screened, true);
  assert.equal(screened.facts.language, 'typescript');
  for (const name of ['TODOS_TABLE', 'helper', 'gen', 'Repo', 'Row', 'Id', 'Kind', 'counter', 'local', 'exported']) {
    assert.ok(screened.declares?.has(name), name);
  }
  // A barrel hands on names by module: it is read in full, so imports through it resolve.
  for (const words of ['export type { Row as RowType } from "./row";', "export * from './specs';", "db.execute('x')", 'schema.withRawTables(m)', 'new Schema({})', "import { x } from '@powersync/web'", '// rawsync-disable-next-line']) {
    assert.equal(frontEnds.extractScreened(uri, `${plain}\n${words}`)!.facts.screened, undefined, words);
  }
  assert.deepEqual(frontEnds.mentionedWords(uri, "const a = makeTable('t');\nfunction defined(x) {}\nuse(TODOS);", ['call:makeTable', 'call:defined', 'TODOS', 'TODO', 'completion:d']).sort(), ['TODOS', 'call:makeTable']);
});
