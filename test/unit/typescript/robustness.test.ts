import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { factsOf } from '../../support/workspace';
import { wasmDir } from '../../support/paths';
import { FrontEnds } from '../../../server/src/frontends/index';
import { MAX_EXPRESSION_DEPTH } from '../../../server/src/frontends/typescript/expressions';

const KEPT = "export const KEPT = 'kept';\n";

test('deeply nested expressions are read to a depth, never overflow the stack', async () => {
  const deep = {
    arrays: `const s = ${'['.repeat(3000)}1${']'.repeat(3000)};\n`,
    members: `const s = a${'.b'.repeat(5000)};\n`,
    parentheses: `const s = ${'('.repeat(10000)}1${')'.repeat(10000)};\n`,
    calls: `const s = ${'f('.repeat(3000)}'t'${')'.repeat(3000)};\n`,
    objects: `const s = ${'{ a: '.repeat(3000)}1${' }'.repeat(3000)};\n`,
    arrows: `const s = ${'() => '.repeat(3000)}1;\n`,
    rawTables: `schema.withRawTables(${'{ a: '.repeat(3000)}1${' }'.repeat(3000)});\n`,
  };
  for (const [name, text] of Object.entries(deep)) {
    const facts = await factsOf(`${text}${KEPT}`, 'src/deep.ts');
    assert.equal(facts.unread, undefined, name);
    assert.ok(facts.constants.some((c) => c.name === 'KEPT'), name);
  }
  assert.ok(MAX_EXPRESSION_DEPTH < 3000);
});

test('a long concatenation is read whole, without recursion', async () => {
  const parts = Array.from({ length: 3000 }, (_, i) => `'c${i}, '`);
  const facts = await factsOf(`const SQL = ${parts.join(' + ')} + 'end';\n`, 'src/long.ts');
  const value = facts.constants[0].value;
  assert.ok(value.kind === 'template');
  assert.equal(value.parts.length, 3001);
  assert.equal(value.parts.map((p) => (p.kind === 'string' ? p.value : '?')).join(''), parts.map((p) => p.slice(1, -1)).join('') + 'end');
});

test('a parse over its time budget leaves the file unread, with the reason', async () => {
  const frontEnds = await FrontEnds.create(wasmDir(), { parseBudgetMs: 0 });
  const big = Array.from({ length: 5000 }, (_, i) => `export const v${i} = [${i}, 'x', y.z(${i})];`).join('\n');
  const facts = frontEnds.extract(pathToFileURL('/virtual/src/big.ts').href, `db.execute('x');\n${big}\n`)!;
  assert.equal(facts.language, 'typescript');
  assert.equal(facts.unread?.reason, 'parsing it took longer than 0 ms');
  assert.deepEqual(facts.constants, []);
});

test('a large ordinary file is read in full within the default budget', async () => {
  const big = Array.from({ length: 5000 }, (_, i) => `export const v${i} = { sql: 'SELECT ${i}', params: [${i}] };`).join('\n');
  const facts = await factsOf(`${big}\n`, 'src/big.ts');
  assert.equal(facts.unread, undefined);
  assert.equal(facts.constants.length, 5000);
});

test('unbalanced and truncated input is read without throwing', async () => {
  const texts = ['const a = `${', "db.execute('", 'schema.withRawTables({ a: {', 'new Schema(', '/* ', 'const = = =', '`', '<div', 'import { from'];
  for (const text of texts) {
    for (const name of ['src/t.ts', 'src/t.tsx']) {
      const facts = await factsOf(text, name);
      assert.equal(facts.unread, undefined, `${name}: ${text}`);
    }
  }
});
