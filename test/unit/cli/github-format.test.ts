// `rawsync check --format github`: GitHub Actions workflow commands (annotations on the PR's files).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { escapeData, escapeProperty, findingsToGithub } from '../../../server/src/cli/format-github';
import type { Finding } from '../../../server/src/findings/finding';
import { repoRoot } from '../../support/paths';
import { checkJson } from '../../support/findings';

function finding(over: Partial<Finding> & { file: string }): Finding {
  return {
    rule: 'put-not-upsert',
    severity: 'error',
    message: 'A message',
    loc: { uri: pathToFileURL(over.file).href, range: { start: { line: 4, character: 8 }, end: { line: 6, character: 2 } } },
    related: [],
    fixes: [],
    ...over,
  } as unknown as Finding;
}

test('escaping follows @actions/core: % CR LF in the message; also : and , in a property', () => {
  assert.equal(escapeData('50% a:b, c\r\nd'), '50%25 a:b, c%0D%0Ad');
  assert.equal(escapeProperty('50% a:b, c\r\nd'), '50%25 a%3Ab%2C c%0D%0Ad');
  assert.equal(escapeData('%0A'), '%250A', 'a literal %0A is not read back as a newline');
});

test('one command per finding: level by severity, 1-based positions (columns on one line only), file relative to the workspace', () => {
  const root = path.join(path.sep, 'ws');
  const out = findingsToGithub([
    finding({ file: path.join(root, 'app', 'A,b:c.kt'), message: 'Two\nlines, 100%' }),
    finding({
      file: path.join(root, 'B.kt'), severity: 'warning', rule: 'missing-crud-triggers',
      loc: { uri: pathToFileURL(path.join(root, 'B.kt')).href, range: { start: { line: 2, character: 0 }, end: { line: 2, character: 11 } } },
    } as Partial<Finding> & { file: string }),
    finding({ file: path.join(root, 'C.sql'), severity: 'info', rule: 'not-analyzed' }),
    finding({ file: path.join(path.sep, 'elsewhere', 'D.kt'), rule: 'schema-order' }),
  ], root).split('\n');
  assert.deepEqual(out, [
    '::error file=app/A%2Cb%3Ac.kt,line=5,endLine=7,title=Rawsync put-not-upsert::Two%0Alines, 100%25 [put-not-upsert]',
    '::warning file=B.kt,line=3,col=1,endLine=3,endColumn=12,title=Rawsync missing-crud-triggers::A message [missing-crud-triggers]',
    '::notice file=C.sql,line=5,endLine=7,title=Rawsync not-analyzed::A message [not-analyzed]',
    // Outside the workspace: no file (an annotation on the run, never on a wrong file).
    '::error title=Rawsync schema-order::A message [schema-order]',
  ]);
});

test('rawsync check --format github on examples/todo-app annotates its files, relative to GITHUB_WORKSPACE', () => {
  const result = spawnSync(process.execPath, [path.join(repoRoot(), 'dist', 'cli.js'), 'check', 'examples/todo-app', '--format', 'github'], {
    cwd: repoRoot(),
    encoding: 'utf8',
    env: { ...process.env, GITHUB_WORKSPACE: repoRoot() },
    timeout: 120_000,
  });
  assert.equal(result.status, 1, result.stderr);
  const lines = result.stdout.trim().split('\n');
  // One annotation per finding of the JSON report, each at the JSON report's severity.
  const json = checkJson(path.join(repoRoot(), 'examples', 'todo-app')).findings;
  assert.equal(lines.length, json.length);
  assert.ok(lines.every((l) => /^::(error|warning|notice) file=examples\/todo-app\/shared\/src\/[^,]+,line=\d+,(col=\d+,)?endLine=\d+,(endColumn=\d+,)?title=Rawsync [a-z-]+::[^\n]+ \[[a-z-]+\]$/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => l.startsWith('::error file=examples/todo-app/shared/src/commonMain/kotlin/com/example/todo/data/TodoEntity.kt,line=14,endLine=19,title=Rawsync fk-not-deferrable::The foreign key')));
  assert.ok(lines.some((l) => l.startsWith('::error file=examples/todo-app/shared/src/androidMain/kotlin/com/example/todo/AndroidDatabases.kt,line=31,col=26,endLine=31,endColumn=40,title=Rawsync db-path-mismatch::')));
  assert.equal(lines.filter((l) => l.startsWith('::warning ')).length, json.filter((f) => f.severity === 'warning').length);
  assert.ok(json.length >= 10);
});
