import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../support/cli';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rawsync-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

test('usage errors exit 2 and say what is wrong', () => {
  const result = runCli(['check', '--format', 'xml']);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /--format takes text\|json\|sarif/);
  assert.equal(runCli(['check', '/no/such/folder']).status, 2);
  assert.equal(runCli([]).status, 2);
});

test('a clean workspace exits 0 with an empty JSON finding list', () => {
  const dir = workspace({ 'src/commonMain/kotlin/A.kt': 'package a\n\nval x = 1\n' });
  const result = runCli(['check', dir, '--format', 'json']);
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), { version: 1, findings: [] });
});

test('binary, huge and broken files give no crash', () => {
  const dir = workspace({
    'src/commonMain/kotlin/Broken.kt': '@Entity(tableName = "x"\ndata class Foo(val id: String',
    'src/commonMain/kotlin/Binary.kt': 'val a = 1\u0000\u0001\u0002',
    'src/commonMain/kotlin/Huge.kt': 'val a = 1\n'.repeat(400_000),
  });
  const check = runCli(['check', dir, '--format', 'json']);
  assert.equal(check.status, 0, check.stderr);
  const schema = runCli(['schema', dir]);
  assert.equal(schema.status, 0, schema.stderr);
  assert.equal(JSON.parse(schema.stdout).version, 1);
});

test('rawsync.json that is not JSON is a usage error', () => {
  const dir = workspace({ 'rawsync.json': '{ rules: ', 'src/main/kotlin/A.kt': 'val a = 1\n' });
  const result = runCli(['check', dir]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /rawsync\.json/);
});
