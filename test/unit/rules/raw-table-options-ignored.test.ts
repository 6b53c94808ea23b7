import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { checkJson, fixtureFindings, places, textAt } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';
import { fixturePath } from '../../support/paths';
import { Schema } from '@powersync/common';
import { openCoreDatabase } from '../engine/core-database';

const RULE = 'raw-table-options-ignored';
const FIXTURE = 'rule-raw-table-options-ignored';
const SCHEMA = 'src/schema.js';

test('fact: @powersync/common sends raw table options from schema only; one beside it is dropped', () => {
  const schema = new Schema({});
  // The JavaScript shape the rule reads: TypeScript would reject the extra key in a literal.
  const beside = { schema: { tableName: 'lists' }, ignoreEmptyUpdates: true } as unknown as Parameters<Schema['withRawTables']>[0][string];
  schema.withRawTables({ lists: beside, todos: { schema: { tableName: 'todos', ignoreEmptyUpdates: true } } });
  const json = schema.toJSON() as { raw_tables: Record<string, unknown>[] };
  assert.equal(json.raw_tables[0].ignore_empty_update, undefined);
  assert.equal(json.raw_tables[1].ignore_empty_update, true);
});

test('core: the triggers powersync_create_raw_table_crud_trigger writes honour insertOnly inside schema, not beside it', async () => {
  type Entry = Parameters<Schema['withRawTables']>[0][string];
  const triggers = async (entry: Entry) => {
    const db = await openCoreDatabase('CREATE TABLE todos (id TEXT PRIMARY KEY NOT NULL, description TEXT)');
    const json = JSON.stringify(Schema.rawTableToJson({ name: 'todos', ...entry }));
    const made: string[] = [];
    for (const write of ['INSERT', 'UPDATE', 'DELETE']) {
      try {
        db.exec('SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)', [json, `todos_${write.toLowerCase()}`, write]);
        made.push(...db.query("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [`todos_${write.toLowerCase()}`]).map((r) => String(r.sql)));
      } catch (error) {
        made.push(`${write}: ${(error as Error).message}`);
      }
    }
    db.close();
    return made;
  };
  const plain = await triggers({ schema: {} });
  const beside = await triggers({ schema: {}, insertOnly: true } as unknown as Entry);
  const inside = await triggers({ schema: { insertOnly: true } });
  assert.deepEqual(beside, plain, 'an option beside schema changes nothing');
  assert.notDeepEqual(inside, plain, 'the same option inside schema changes the triggers');
});

test('raw-table-options-ignored: options beside schema, and beside put/delete, in a JavaScript file', () => {
  const findings = fixtureFindings(FIXTURE, RULE);
  assert.deepEqual(places(findings), [`${SCHEMA}:6`, `${SCHEMA}:10`, `${SCHEMA}:11`]);
  const dir = fixturePath(FIXTURE);
  assert.deepEqual(findings.map((f) => textAt(path.join(dir, f.file), f.range)), ['ignoreEmptyUpdates', 'insertOnly', 'trackPrevious']);
  assert.ok(findings.every((f) => f.severity === 'warning'));
  assert.equal(
    findings[0].message,
    "PowerSync ignores 'ignoreEmptyUpdates' on raw table 'lists': raw table options are read only inside `schema`. " +
      "@powersync/common's Schema.rawTableToJson copies name, put, delete, clear and the options of schema into the JSON the core gets; 'ignoreEmptyUpdates' beside them is dropped without a word, so the table behaves as if it were not set. " +
      'Move it into its `schema: { … }`.',
  );
  assert.deepEqual(findings[0].related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`), [`${SCHEMA}:6 the schema of raw table 'lists'`]);
  assert.match(findings[1].message, /Move it into a `schema: \{ tableName: …, insertOnly: … \}` of the table \(@powersync\/common 1\.48\.0 and later; tableName defaults to the sync name 'todos'\)\.$/);
  assert.deepEqual(findings[1].related, []);
});

test('raw-table-options-ignored: nothing when the options sit inside schema', () => {
  assert.deepEqual(places(fixtureFindings(`${FIXTURE}-ok`, RULE)), []);
});

test('raw-table-options-ignored: an option set to undefined, or a declaration it cannot read, says nothing', () => {
  const dir = fixtureVariant(FIXTURE, {
    [SCHEMA]: (text) => replacing('ignoreEmptyUpdates: true', 'ignoreEmptyUpdates: undefined')(text).replace("  todos: {\n", '  todos: {\n    ...options(),\n'),
  });
  assert.deepEqual(places(checkJson(dir).findings.filter((f) => f.rule === RULE)), []);
});
