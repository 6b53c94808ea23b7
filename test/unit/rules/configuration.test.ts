import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson, type JsonFinding } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';
import { runCli } from '../../support/cli';
import { fixturePath } from '../../support/paths';

const ENTITIES = 'src/commonMain/kotlin/com/example/notes/data/Entities.kt';
const SCHEMA = 'src/commonMain/kotlin/com/example/notes/sync/NotesSchema.kt';
const MINE = new Set(['put-not-upsert', 'fk-not-deferrable', 'missing-clear']);

/** `file:line rule severity` of the findings of the rules this fixture is about. */
function summary(findings: JsonFinding[]): string[] {
  return findings.filter((f) => MINE.has(f.rule)).map((f) => `${f.file}:${f.range.start.line + 1} ${f.rule} ${f.severity}`);
}

/** The CLI's exit code follows the findings it printed: 1 exactly when an error-level one remains. */
function assertExitCode(run: { status: number | null; findings: JsonFinding[] }): void {
  assert.equal(run.status, run.findings.some((f) => f.severity === 'error') ? 1 : 0);
}

const withoutConfig = () => fixtureVariant('config-rawsync-json', { 'rawsync.json': null });

test('without rawsync.json every rule reports at its default severity', () => {
  const run = checkJson(withoutConfig());
  assert.deepEqual(summary(run.findings), [
    `${ENTITIES}:21 fk-not-deferrable error`,
    `${SCHEMA}:9 missing-clear info`,
    `${SCHEMA}:11 put-not-upsert error`,
    `${SCHEMA}:18 missing-clear info`,
  ]);
  assert.equal(run.status, 1);
});

test('rawsync.json at the PATH turns a rule off, lowers one and raises another', () => {
  const run = checkJson(fixturePath('config-rawsync-json'));
  assert.deepEqual(summary(run.findings), [
    `${ENTITIES}:21 fk-not-deferrable warning`,
    `${SCHEMA}:9 missing-clear error`,
    `${SCHEMA}:18 missing-clear error`,
  ]);
  assert.equal(run.status, 1);
});

test('--rule on the command line wins over rawsync.json', () => {
  const run = checkJson(fixturePath('config-rawsync-json'), ['--rule', 'put-not-upsert=warning', '--rule', 'missing-clear=info']);
  assert.deepEqual(summary(run.findings), [
    `${ENTITIES}:21 fk-not-deferrable warning`,
    `${SCHEMA}:9 missing-clear info`,
    `${SCHEMA}:11 put-not-upsert warning`,
    `${SCHEMA}:18 missing-clear info`,
  ]);
  assertExitCode(run);
});

test('exit code 1 only while an error-level finding remains: every error rule lowered to warning exits 0', () => {
  const errorRules = [...new Set(checkJson(withoutConfig()).findings.filter((f) => f.severity === 'error').map((f) => f.rule))];
  assert.ok(errorRules.includes('put-not-upsert') && errorRules.includes('fk-not-deferrable'), errorRules.join(', '));

  const lowered = checkJson(withoutConfig(), errorRules.flatMap((id) => ['--rule', `${id}=warning`]));
  assert.equal(lowered.status, 0);
  assert.ok(lowered.findings.length > 0 && lowered.findings.every((f) => f.severity !== 'error'));
  assert.ok(lowered.findings.some((f) => f.rule === 'put-not-upsert' && f.severity === 'warning'));

  // The same through rawsync.json, then one rule raised again on the command line.
  const config = JSON.stringify({ rules: Object.fromEntries(errorRules.map((id) => [id, 'warning'])) });
  const dir = fixtureVariant('config-rawsync-json', { 'rawsync.json': config });
  const configured = checkJson(dir);
  assert.equal(configured.status, 0);
  assert.deepEqual(summary(configured.findings).filter((s) => s.endsWith(' error')), []);
  const raised = checkJson(dir, ['--rule', 'fk-not-deferrable=error']);
  assert.equal(raised.status, 1);
  assert.deepEqual(raised.findings.filter((f) => f.severity === 'error').map((f) => f.rule), ['fk-not-deferrable']);
});

test('the text output exits like the JSON output', () => {
  assert.equal(runCli(['check', fixturePath('config-rawsync-json')]).status, 1);
  assert.equal(runCli(['check', fixturePath('config-rawsync-json'), '--rule', 'missing-clear=warning']).status, 0);
});

test('rawsync.json with a level that does not exist is a usage error naming the rule', () => {
  const dir = fixtureVariant('config-rawsync-json', { 'rawsync.json': replacing('"fk-not-deferrable": "warning"', '"fk-not-deferrable": "warn"') });
  const result = runCli(['check', dir]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /rawsync\.json: rules\.fk-not-deferrable takes off\|info\|warning\|error, got "warn"/);
  const notAnObject = runCli(['check', fixtureVariant('config-rawsync-json', { 'rawsync.json': '{ "rules": ["put-not-upsert"] }' })]);
  assert.equal(notAnObject.status, 2);
  assert.match(notAnObject.stderr, /"rules" must be an object/);
});
