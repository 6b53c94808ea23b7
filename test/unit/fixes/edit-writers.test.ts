// Fixes write through the edit writer of the language of the file they edit (frontends/<language>/
// plugin.ts): a Java literal gets Java escapes, Kotlin SDK code only goes into Kotlin sources, and a
// disable comment only into files whose reader honours one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { writerOfFile } from '../../../server/src/frontends/registry';
import { kotlinSdkWriter } from '../../../server/src/generate/kotlin-sdk-writer';
import { disableCommentEdit } from '../../../server/src/generate/disable-comment-edit';
import type { Finding } from '../../../server/src/findings/finding';

const uri = (p: string) => pathToFileURL(p).href;

test('string literals are written in the language of their file', () => {
  assert.equal(writerOfFile(uri('/a/src/Schema.kt'))?.stringLiteral?.('a$b"c\n'), '"a\\$b\\"c\\n"');
  assert.equal(writerOfFile(uri('/a/src/Tables.java'))?.stringLiteral?.('a$b"c\n'), '"a$b\\"c\\n"');
  // Inside an existing literal: Kotlin escapes `$`, Java must not (`\$` is no Java escape).
  const literal = { uri: uri('/a/src/Tables.java'), raw: false, source: 'SELECT 1' };
  assert.equal(writerOfFile(literal.uri)?.intoLiteral?.(literal, 8, 8, " WHERE x = '$'", ''), " WHERE x = '$'");
  assert.equal(writerOfFile(uri('/a/src/S.kt'))?.intoLiteral?.({ ...literal, uri: uri('/a/src/S.kt') }, 8, 8, " WHERE x = '$'", ''), " WHERE x = '\\$'");
});

test('code calling the Kotlin SDK is written only into Kotlin sources', () => {
  assert.ok(kotlinSdkWriter(uri('/a/src/commonMain/kotlin/Schema.kt')));
  for (const file of ['/a/src/main/java/Db.java', '/a/schema.sql', '/a/build.gradle.kts', '/a/build.gradle', '/a/gradle/libs.versions.toml', '/a/schemas/app.Db/1.json']) {
    assert.equal(kotlinSdkWriter(uri(file)), undefined, file);
  }
});

test('a disable comment uses the comment marker of the file, and is not offered where none is read (JSON)', () => {
  const finding = (file: string): Finding => ({
    rule: 'put-not-upsert', severity: 'warning', message: 'm', loc: { uri: uri(file), range: { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } } }, related: [], fixes: [],
  });
  assert.equal(disableCommentEdit(finding('/a/S.kt'), '    val x')?.newText, '    // rawsync-disable-next-line put-not-upsert\n');
  assert.equal(disableCommentEdit(finding('/a/E.java'), '  int x;')?.newText, '  // rawsync-disable-next-line put-not-upsert\n');
  assert.equal(disableCommentEdit(finding('/a/s.sql'), 'CREATE')?.newText, '-- rawsync-disable-next-line put-not-upsert\n');
  assert.equal(disableCommentEdit(finding('/a/gradle/libs.versions.toml'), 'x = 1')?.newText, '# rawsync-disable-next-line put-not-upsert\n');
  assert.equal(disableCommentEdit(finding('/a/schemas/app.Db/1.json'), '{'), undefined);
});

test('imports are written in the language of the file: Kotlin without, Java with a semicolon, after the last import', async () => {
  const { factsOf } = await import('../../support/workspace');
  const kotlin = await factsOf('package app\n\nimport a.B\n\nval x = 1\n', 'src/commonMain/kotlin/app/X.kt');
  assert.deepEqual(writerOfFile(kotlin.uri)?.importEdits?.(kotlin, ['a.B', 'c.D']).map((e) => [e.range.start.line, e.newText]), [[2, '\nimport c.D']]);
  const java = await factsOf('package app;\n\nclass X {}\n', 'src/main/java/app/X.java');
  assert.deepEqual(writerOfFile(java.uri)?.importEdits?.(java, ['c.D']).map((e) => [e.range.start.line, e.newText]), [[0, '\n\nimport c.D;']]);
});
