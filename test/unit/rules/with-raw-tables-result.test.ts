import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { checkJson, fixtureFindings, places, textAt } from '../../support/findings';
import { fixtureVariant } from '../../support/fixture-variant';
import { fixturePath } from '../../support/paths';
import { applyFirstFix, assertFixed } from '../../support/apply-fix';
import { filesUnder } from '../../support/fixture-files';

const RULE = 'with-raw-tables-result';
const FIXTURE = 'rule-with-raw-tables-result';
const of = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === RULE);

test('with-raw-tables-result: a const and a schema property holding the void result of withRawTables', () => {
  const findings = fixtureFindings(FIXTURE, RULE);
  assert.deepEqual(places(findings), ['src/database.ts:9', 'src/schema.ts:4']);
  const [property, constant] = findings;
  assert.equal(constant.severity, 'error');
  assert.equal(textAt(path.join(fixturePath(FIXTURE), constant.file), constant.range), 'AppSchema');
  assert.equal(
    constant.message,
    "'AppSchema' is undefined: withRawTables(…) returns nothing. It adds the raw tables to the Schema it is called on (@powersync/common Schema.withRawTables has no return value). " +
      "Passed as a PowerSyncDatabase `schema`, it makes new PowerSyncDatabase(…) throw 'The `schema` option should be provided and should be an instance of `Schema`.' " +
      'Keep the Schema in its own constant and call withRawTables on it as a statement: `const schema = new Schema({…}); schema.withRawTables({…});`.',
  );
  assert.deepEqual(constant.related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`), ['src/schema.ts:4 the withRawTables(…) call']);
  assert.deepEqual(constant.fixes.map((f) => f.title), ["Keep the Schema in 'AppSchema' and call withRawTables(…) on it"]);
  assert.equal(textAt(path.join(fixturePath(FIXTURE), property.file), property.range), 'schema');
  assert.match(property.message, /^The property 'schema' is undefined: withRawTables\(…\) returns nothing\. .* Passed as `schema`, it makes new PowerSyncDatabase\(…\) throw /);
  assert.deepEqual(property.fixes, [], 'an options property has no safe automatic fix');
});

test('with-raw-tables-result: nothing when withRawTables is a statement of its own', () => {
  assert.deepEqual(places(fixtureFindings(`${FIXTURE}-ok`, RULE)), []);
});

test('with-raw-tables-result: let and assignments too; not a receiver that is no Schema, nor a call in a callback', () => {
  const dir = fixtureVariant(`${FIXTURE}-ok`, {
    'src/more.ts': [
      "import { Schema } from '@powersync/web';",
      "import { AppSchema } from './schema';",
      'let later = new Schema({}).withRawTables({ a: { schema: {} } });',
      'later = AppSchema.withRawTables({ b: { schema: {} } });',
      'const registry = { withRawTables: (x: unknown) => x };',
      'export const kept = registry.withRawTables({ c: 1 });',
      "[{ d: { schema: {} } }].forEach((t) => AppSchema.withRawTables(t));",
      'const { tables } = new Schema({}).withRawTables({ e: { schema: {} } });',
      '',
    ].join('\n'),
  });
  assert.deepEqual(places(of(dir)), ['src/more.ts:3', 'src/more.ts:4']);
});

test('with-raw-tables-result: the fix keeps the Schema in the const, the file parses and the finding clears', async () => {
  const files = filesUnder(fixturePath(FIXTURE));
  files['src/database.ts'] = "import { PowerSyncDatabase } from '@powersync/web';\nimport { AppSchema } from './schema';\n\nexport const db = new PowerSyncDatabase({ schema: AppSchema, database: { dbFilename: 'app.db' } });\n";
  const fixed = await applyFirstFix(files, RULE);
  await assertFixed(fixed, RULE, files);
  assert.equal(
    fixed.files['src/schema.ts'].split('\n').slice(3, 5).join('\n'),
    'export const AppSchema = new Schema({});\nAppSchema.withRawTables({',
  );
  // The raw table now belongs to AppSchema.
  assert.deepEqual(fixed.model.schemas.flatMap((s) => s.rawTables.map((t) => t?.name)), ['lists']);
});

test('with-raw-tables-result: the fix keeps an indented declaration inside a function', async () => {
  const dir = fixtureVariant(FIXTURE, {
    'src/schema.ts': "import { Schema } from '@powersync/web';\n\nexport function makeSchema() {\n\tconst built = new Schema({}).withRawTables({ lists: { schema: {} } });\n\treturn built;\n}\n",
  });
  const findings = of(dir).filter((f) => f.file === 'src/schema.ts');
  assert.deepEqual(findings.map((f) => f.fixes[0]?.edits[0].newText), [';\n\tbuilt']);
});
