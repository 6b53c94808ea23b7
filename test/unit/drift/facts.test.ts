import { test } from 'node:test';
import assert from 'node:assert/strict';
import { factsOf } from '../../support/workspace';

test('Dart facts for Drift: #symbol literals keep their name, instance fields are recorded, getters carry their type and value', async () => {
  const facts = await factsOf("import 'package:drift/drift.dart';\n\nclass Todos extends Table {\n  TextColumn get listId => text().references(Lists, #id)();\n  late final title = text()();\n  static const x = 1;\n}\n", 'lib/tables.dart');
  const [cls] = facts.classes;
  assert.deepEqual(cls.superTypes.map((t) => t.name), ['Table']);
  assert.deepEqual(cls.properties.map((p) => [p.name, p.type?.name, p.hasBackingField]), [['listId', 'TextColumn', false], ['title', undefined, true]]);
  const getter = cls.properties[0].getter;
  assert.equal(getter?.kind === 'call' && getter.callee.kind === 'call' && getter.callee.callee.kind === 'member' ? getter.callee.callee.name : undefined, 'references');
  const symbol = getter?.kind === 'call' && getter.callee.kind === 'call' ? getter.callee.args[1].value : undefined;
  assert.deepEqual(symbol && { kind: symbol.kind, symbol: symbol.kind === 'unknown' ? symbol.symbol : undefined }, { kind: 'unknown', symbol: 'id' });
});

test('build.yaml facts: drift_dev builder options, conflicting or unparsable ones marked unreadable', async () => {
  const read = async (text: string) => (await factsOf(text, 'build.yaml')).driftBuildOptions;
  const options = await read('targets:\n  $default:\n    builders:\n      drift_dev:\n        options:\n          store_date_time_values_as_text: true\n          case_from_dart_to_sql: snake_case\n');
  assert.deepEqual([options?.storeDateTimeValuesAsText, options?.caseFromDartToSql, options?.unreadable], [true, 'snake_case', undefined]);
  assert.equal(await read('targets:\n  $default:\n    builders:\n      json_serializable:\n        options:\n          any_map: true\n'), undefined);
  assert.match((await read('targets:\n  $default:\n    builders:\n      drift_dev:\n        options:\n          store_date_time_values_as_text: true\n      drift_dev:modular:\n        options:\n          store_date_time_values_as_text: false\n'))?.unreadable ?? '', /different options/);
  assert.match((await read('targets: [\n'))?.unreadable ?? '', /could not be parsed/);
});
