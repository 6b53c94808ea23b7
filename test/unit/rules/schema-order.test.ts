import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson, fixtureFindings, places } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';

const SCHEMA = 'src/commonMain/kotlin/com/example/todo/sync/TodoSchema.kt';
const DATABASE = 'src/commonMain/kotlin/com/example/todo/data/TodoDatabase.kt';
const INVALIDATOR = 'src/commonMain/kotlin/com/example/todo/sync/RoomInvalidator.kt';

const schemaOrder = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === 'schema-order');
const related = (f: { related: { file: string; range: { start: { line: number } }; message: string }[] }) =>
  f.related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`);

test('schema-order: error when the seed\'s index-based invalidator is present', () => {
  const findings = fixtureFindings('rule-schema-order', 'schema-order');
  assert.deepEqual(places(findings), [`${SCHEMA}:12`]);
  const [finding] = findings;
  assert.equal(finding.severity, 'error');
  assert.match(finding.message, /^This Schema's raw tables are out of @Database\(entities\) order\. Expected profile, todo_list, todo \(the order of TodoDatabase's @Database\(entities\)\)\./);
  assert.match(finding.message, /marks Room table id 0 when 'todo' changes, but that id is 'profile' in Room/);
  // The primary location spans the list of tables inside Schema(…).
  assert.deepEqual(finding.range, { start: { line: 11, character: 4 }, end: { line: 13, character: 13 } });
  assert.deepEqual(related(finding), [
    `${DATABASE}:7 @Database(entities) of TodoDatabase`,
    `${INVALIDATOR}:15 index-based invalidator of room_table_modification_log`,
  ]);
});

test('schema-order: info when no invalidator maps schema positions to Room table ids', () => {
  const findings = schemaOrder(fixtureVariant('rule-schema-order', { [INVALIDATOR]: null }));
  assert.deepEqual(places(findings), [`${SCHEMA}:12`]);
  assert.equal(findings[0].severity, 'info');
  assert.match(findings[0].message, /Nothing breaks yet/);
  assert.deepEqual(related(findings[0]), [`${DATABASE}:7 @Database(entities) of TodoDatabase`]);
});

test('schema-order: the order of @Database(entities) is clean, with or without the invalidator', () => {
  assert.deepEqual(places(fixtureFindings('rule-schema-order-ok', 'schema-order')), []);
  assert.deepEqual(places(schemaOrder(fixtureVariant('rule-schema-order-ok', { [INVALIDATOR]: null }))), []);
});

test('schema-order: tables in order but at other positions than their Room table ids matter only to the invalidator', () => {
  const leaveOutList = replacing('    profileTable,\n    listTable,\n    todoTable,\n', '    profileTable,\n    todoTable,\n');
  const withInvalidator = schemaOrder(fixtureVariant('rule-schema-order-ok', { [SCHEMA]: leaveOutList }));
  assert.deepEqual(withInvalidator.map((f) => `${places([f])[0]} ${f.severity}`), [`${SCHEMA}:12 error`]);
  assert.match(withInvalidator[0].message, /^The raw tables of this Schema are not at the positions of their entities in TodoDatabase's @Database\(entities\): 'todo' is at position 1 but has Room table id 2\./);
  assert.match(withInvalidator[0].message, /marks Room table id 1 when 'todo' changes, but that id is 'todo_list' in Room/);
  assert.deepEqual(places(schemaOrder(fixtureVariant('rule-schema-order-ok', { [SCHEMA]: leaveOutList, [INVALIDATOR]: null }))), []);
});
