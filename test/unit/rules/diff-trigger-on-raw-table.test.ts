import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { checkJson, fixtureFindings, places, textAt } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';
import { fixturePath } from '../../support/paths';

const RULE = 'diff-trigger-on-raw-table';
const FIXTURE = 'rule-diff-trigger-on-raw-table';
const of = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === RULE);

test('diff-trigger-on-raw-table: trackTableDiff on a raw table and createDiffTrigger on its local table', () => {
  const findings = fixtureFindings(FIXTURE, RULE);
  assert.deepEqual(places(findings), ['src/watch.ts:5', 'src/watch.ts:12']);
  const dir = fixturePath(FIXTURE);
  assert.deepEqual(findings.map((f) => textAt(path.join(dir, f.file), f.range)), ["'lists'", "'local_lists'"]);
  assert.equal(
    findings[0].message,
    "trackTableDiff rejects: 'lists' is a raw table, not a view-backed table. " +
      "High Performance Diffs work on view-backed tables only: PowerSync's TriggerManager looks the source up among the schema's view-backed tables (raw tables are not among them) and rejects: Source table or view \"lists\" not found in the schema. " +
      'Watch the raw table with db.watch / db.onChange over a query of it, or with triggers of your own on it.',
  );
  assert.match(findings[1].message, /^createDiffTrigger rejects: 'local_lists' is the local table of raw table 'lists', not a view-backed table\. /);
  assert.deepEqual(findings.map((f) => f.related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`)), [
    ["src/schema.ts:8 raw table 'lists'"],
    ["src/schema.ts:8 raw table 'lists'"],
  ]);
});

test('diff-trigger-on-raw-table: nothing for a view-backed table, or a raw table watched with onChange', () => {
  assert.deepEqual(places(fixtureFindings(`${FIXTURE}-ok`, RULE)), []);
});

test('diff-trigger-on-raw-table: silent when a view of that name exists, or a schema was not read in full', () => {
  const viewToo = fixtureVariant(FIXTURE, { 'src/schema.ts': replacing('notes: new Table({ body: column.text }),', "notes: new Table({ body: column.text }),\n  lists: new Table({ name: column.text }, { viewName: 'lists' }),") });
  assert.deepEqual(places(of(viewToo)), ['src/watch.ts:12']);
  const unread = fixtureVariant(FIXTURE, { 'src/schema.ts': replacing('notes: new Table({ body: column.text }),', 'notes: new Table({ body: column.text }),\n  ...extraTables(),') });
  assert.deepEqual(places(of(unread)), []);
  // A Schema built from tables known only at run time may hold a view 'lists'.
  const runtime = fixtureVariant(FIXTURE, { 'src/other-schema.ts': "import { Schema } from '@powersync/web';\nimport { loadTables } from './tables';\nexport const Other = new Schema(loadTables());\n" });
  assert.deepEqual(places(of(runtime)), []);
  // A source that is not a string Rawsync can read is not judged.
  const computed = fixtureVariant(FIXTURE, { 'src/watch.ts': replacing("source: 'lists',", 'source: pick(),') });
  assert.deepEqual(places(of(computed)), ['src/watch.ts:12']);
});
