import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkJson } from '../../support/findings';
import { fixtureVariant } from '../../support/fixture-variant';

const CONFIG = 'powersync/sync-config.yaml';
const SERVICE = 'powersync/service.yaml';

const invalid = (dir: string) =>
  checkJson(dir).findings.filter((f) => f.rule === 'sync-config-invalid').map((f) => [f.severity, f.file, f.range.start.line + 1, f.range.start.character, f.range.end.character]);

/** The sync config of the rule-sync-config-invalid fixture, indented as a block scalar's content. */
const configText = readFileSync(path.join(__dirname, '../../../test/fixtures/rule-sync-config-invalid', CONFIG), 'utf8');
const indented = (text: string, by: string) => text.split('\n').map((line) => (line ? by + line : line)).join('\n');

test('a service config\'s inline sync config is compiled, its errors placed on their lines in the service config', () => {
  const service = `# PowerSync service config\nreplication:\n  connections: []\nsync_config:\n  content: |\n${indented(configText, '    ')}`;
  const dir = fixtureVariant('rule-sync-config-invalid', { [CONFIG]: null, [SERVICE]: service });
  // The file of its own had them at lines 5 and 6 (columns 19 and 35); here 5 lines lower and 4 columns further in.
  assert.deepEqual(invalid(dir), [
    ['error', SERVICE, 10, 23, 39],
    ['warning', SERVICE, 11, 39, 49],
  ]);
});

test('the older `sync_rules:` key, and a quoted inline config placed on its value', () => {
  const quoted = JSON.stringify(configText);
  const dir = fixtureVariant('rule-sync-config-invalid', { [CONFIG]: null, [SERVICE]: `sync_rules:\n  content: ${quoted}\n` });
  const found = invalid(dir);
  assert.deepEqual(found.map((f) => f.slice(0, 3)), [['error', SERVICE, 2], ['warning', SERVICE, 2]]);
});

test('a service config that names its sync config file: that file is the one checked, others are left', () => {
  // A draft beside the real config: two configs would leave the rules silent; the service config says which one runs.
  const draft = 'bucket_definitions:\n  all:\n    data:\n      - SELECT * FROM lists\n';
  const both = fixtureVariant('rule-put-column-not-synced', { 'powersync/powersync-staging.yaml': draft });
  assert.deepEqual(checkJson(both).findings.filter((f) => f.rule === 'put-column-not-synced'), []);
  const named = fixtureVariant('rule-put-column-not-synced', { 'powersync/powersync-staging.yaml': draft, [SERVICE]: 'sync_config:\n  path: sync-config.yaml\n' });
  assert.deepEqual(checkJson(named).findings.filter((f) => f.rule === 'put-column-not-synced').map((f) => f.range.start.line + 1), [9, 14]);
  // Naming the draft: the draft is checked (it sends no 'todos'), the real config is not.
  const draftNamed = fixtureVariant('rule-put-column-not-synced', { 'powersync/powersync-staging.yaml': draft, [SERVICE]: 'sync_config:\n  path: ./powersync-staging.yaml\n' });
  const findings = checkJson(draftNamed).findings;
  assert.deepEqual(findings.filter((f) => f.rule === 'put-column-not-synced').map((f) => f.range.start.line + 1), [14]);
  assert.ok(findings.some((f) => f.rule === 'synced-table-without-client' && f.message.startsWith("No synced row ever reaches raw table 'todos'")));
});

test('a service config that names a file the workspace does not hold: nothing is checked against a config, and that is said', () => {
  const dir = fixtureVariant('rule-put-column-not-synced', { [SERVICE]: 'sync_config:\n  path: /config/sync-rules.yaml\n' });
  const findings = checkJson(dir).findings;
  assert.deepEqual(findings.filter((f) => f.rule === 'put-column-not-synced'), []);
  assert.deepEqual(
    findings.filter((f) => f.rule === 'not-analyzed' && f.file === SERVICE).map((f) => [f.range.start.line + 1, f.message]),
    [[2, "Not checked: the raw tables' columns against what this sync config sends. The service config runs the sync config '/config/sync-rules.yaml', which is not read in this workspace."]],
  );
});

test('a YAML file with a sync_config key that is not a map, or other YAML, gives no config', () => {
  const dir = fixtureVariant('rule-put-column-not-synced', { [SERVICE]: 'sync_config: sync-config.yaml\n' });
  assert.equal(checkJson(dir).findings.filter((f) => f.rule === 'put-column-not-synced').length, 2);
});
