import { kotlinPlugin } from '../../../server/src/frontends/kotlin/plugin';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '../../support/cli';
import { analyzeFiles, factsOf } from '../../support/workspace';
import { wasmDir } from '../../support/paths';
import { FrontEnds } from '../../../server/src/frontends/index';
import { scanWorkspace } from '../../../server/src/frontends/workspace-files';
import { buildModel } from '../../../server/src/model/build';
import { MAX_EXPRESSION_DEPTH } from '../../../server/src/frontends/kotlin/expressions';
import { notAnalyzed } from '../../../server/src/rules/not-analyzed';
import type { FileFacts } from '../../../server/src/model/facts';

const KEPT = '@Entity(tableName = "kept")\ndata class Kept(@PrimaryKey val id: String)\n';

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rawsync-robust-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('a file that ends in an annotation with nothing after it is parsed, not hung (through the CLI, so a hang fails)', () => {
  // Each of these made the grammar's scanner loop forever: typing `@` at the end of a file froze the server.
  const endings = ['val x = 1\n@', 'class A\n@', 'val x = 1\n\n@Entity(', 'class A {\n  @get:Ann', 'val x = 1\r@'];
  const dir = tempDir();
  endings.forEach((ending, i) => writeFileSync(path.join(dir, `End${i}.kt`), `package app\nimport androidx.room.*\n${KEPT.replace(/kept|Kept/g, (m) => m + i)}${ending}`));
  const result = runCli(['schema', dir, '--format', 'json'], dir, 60_000);
  assert.equal(result.status, 0, `schema did not finish: ${result.stderr}`);
  const tables = (JSON.parse(result.stdout).tables as { name: string }[]).map((t) => t.name).sort();
  assert.deepEqual(tables, endings.map((_, i) => `kept${i}`));
});

test('deeply nested expressions are read to a depth, never overflow the stack', async () => {
  const deep = {
    lists: `val s = ${'listOf('.repeat(3000)}1${')'.repeat(3000)}\n`,
    navigation: `val s = a${'.b'.repeat(5000)}\n`,
    parentheses: `val s = ${'('.repeat(10000)}1${')'.repeat(10000)}\n`,
    arguments: `val t = RawTable(name = ${'f('.repeat(3000)}"t"${')'.repeat(3000)})\n`,
  };
  for (const [name, text] of Object.entries(deep)) {
    const facts = await factsOf(`package app\n${text}${KEPT}`);
    assert.equal(facts.unread, undefined, name);
    assert.deepEqual(facts.classes.map((c) => c.name), ['Kept'], name);
  }
  // Past the depth, the value is unknown: the raw table's name is not guessed.
  const { model } = await analyzeFiles({ 'src/commonMain/kotlin/app/T.kt': `package app\nimport com.powersync.db.schema.*\n${deep.arguments}` });
  assert.equal(model.rawTables.length, 1);
  assert.equal(model.rawTables[0].name, undefined);
  assert.ok(MAX_EXPRESSION_DEPTH < 3000);
});

test('a long concatenation is read whole, without recursion', async () => {
  const parts = Array.from({ length: 3000 }, (_, i) => `"c${i}, "`);
  const text = `package app
import com.powersync.db.schema.*
val t = RawTable(
    name = "t",
    put = PendingStatement(${parts.join(' + ')} + "end", listOf()),
    delete = PendingStatement("DELETE FROM t WHERE id = ?", listOf(PendingStatementParameter.Id)),
)
`;
  const { model } = await analyzeFiles({ 'src/commonMain/kotlin/app/T.kt': text });
  const put = model.rawTables[0].put;
  assert.equal(put?.sql, parts.map((p) => p.slice(1, -1)).join('') + 'end');
});

test('a parse over its time budget leaves the file unread, and not-analyzed says so', async () => {
  const frontEnds = await FrontEnds.create(wasmDir(), { parseBudgetMs: 0 });
  const big = `package app\n${Array.from({ length: 2000 }, (_, i) => `val v${i} = listOf(${i}, "x", y.z(${i}))`).join('\n')}\n`;
  const facts = frontEnds.extract(pathToFileURL('/virtual/src/commonMain/kotlin/app/Big.kt').href, big)!;
  assert.match(facts.unread?.reason ?? '', /^parsing it took longer than 0 ms$/);
  assert.deepEqual(facts.constants, []);
  const findings = notAnalyzed.check(modelOf(facts), {});
  assert.equal(findings.length, 1);
  assert.equal(findings[0].severity, 'info');
  assert.match(findings[0].message, /^Not checked: this file\. Rawsync could not read it \(parsing it took longer than 0 ms\)/);
  assert.deepEqual(findings[0].loc.range.start, { line: 0, character: 0 });
});

test('a front end that throws skips that file only, with the error as the reason', async () => {
  const frontEnds = await FrontEnds.create(wasmDir());
  // Stand in for a bug: the Kotlin plugin's reader fails on every file.
  const readers = (frontEnds as unknown as { readers: Map<unknown, { extract(): never }> }).readers;
  readers.get(kotlinPlugin)!.extract = () => { throw new RangeError('Maximum call stack size exceeded'); };
  const facts = frontEnds.extract(pathToFileURL('/virtual/src/commonMain/kotlin/app/A.kt').href, KEPT)!;
  assert.equal(facts.unread?.reason, 'reading it failed (RangeError: Maximum call stack size exceeded)');
  const sql = frontEnds.extract(pathToFileURL('/virtual/src/main/assets/a.sql').href, 'CREATE TABLE a (id TEXT PRIMARY KEY);')!;
  assert.equal(sql.unread, undefined);
  assert.equal(notAnalyzed.check(modelOf(facts, sql), {}).length, 1);
});

test('a file the front ends read in full gives no not-analyzed finding', async () => {
  const facts = await factsOf(`package app\nimport androidx.room.*\n${KEPT}`);
  assert.equal(facts.unread, undefined);
  assert.deepEqual(notAnalyzed.check(modelOf(facts), {}), []);
});

test('the workspace scan skips named pipes and reads each real folder once through links', () => {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'src', 'app'), { recursive: true });
  writeFileSync(path.join(dir, 'src', 'app', 'A.kt'), KEPT);
  execFileSync('mkfifo', [path.join(dir, 'src', 'app', 'Pipe.kt')]);
  symlinkSync(dir, path.join(dir, 'src', 'app', 'loop'));
  symlinkSync(path.join(dir, 'src'), path.join(dir, 'again'));
  const files = scanWorkspace(dir).map((f) => path.relative(dir, f.path));
  assert.deepEqual(files, [path.join('src', 'app', 'A.kt')]);
});

function modelOf(...facts: FileFacts[]) {
  return buildModel({ files: new Map(facts.map((f) => [f.uri, f])) });
}
