import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, UsageError } from '../../../server/src/cli/args';

test('check takes several paths, a format and rule severities', () => {
  const args = parseArgs(['check', 'a', 'b', '--format', 'json', '--rule', 'put-not-upsert=off', '--rule=schema-order=error']);
  assert.deepEqual(args.paths, ['a', 'b']);
  assert.equal(args.format, 'json');
  assert.deepEqual(args.rules, { 'put-not-upsert': 'off', 'schema-order': 'error' });
});

test('the path defaults to the current folder', () => {
  assert.deepEqual(parseArgs(['schema']).paths, ['.']);
});

test('fix --rule names one rule', () => {
  assert.equal(parseArgs(['fix', 'x', '--rule', 'fk-not-deferrable']).onlyRule, 'fk-not-deferrable');
});

for (const bad of [[], ['lint'], ['check', '--format', 'xml'], ['check', '--rule', 'x=loud'], ['check', '--rule'], ['schema', 'a', 'b'], ['check', '--nope']]) {
  test(`usage error: ${JSON.stringify(bad)}`, () => {
    assert.throws(() => parseArgs(bad), UsageError);
  });
}

test('lsp takes --stdio and nothing else', () => {
  assert.equal(parseArgs(['lsp', '--stdio']).command, 'lsp');
  for (const bad of [['lsp'], ['lsp', '--node-ipc'], ['lsp', '--stdio', 'x'], ['lsp', '--stdio', '--stdio']]) {
    assert.throws(() => parseArgs(bad), UsageError);
  }
});
