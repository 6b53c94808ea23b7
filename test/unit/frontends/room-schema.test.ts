import { test } from 'node:test';
import assert from 'node:assert/strict';
import { factsOf, loadFrontEnds } from '../../support/workspace';
import { languageOf } from '../../../server/src/frontends/index';
import { roomSchemaPath } from '../../../server/src/frontends/room-schema/index';
import { jsonStringSpans } from '../../../server/src/frontends/room-schema/json-strings';
import type { FileFacts } from '../../../server/src/model/facts';
import type { SourceLocation } from '../../../server/src/model/location';

const DB = 'com.example.notes.data.NotesDatabase';
const FILE = `app/schemas/${DB}/2.json`;

/** The text a location covers (single line). */
function textAt(text: string, loc: SourceLocation): string {
  const line = text.split('\n')[loc.range.start.line];
  assert.equal(loc.range.start.line, loc.range.end.line);
  return line.slice(loc.range.start.character, loc.range.end.character);
}

/** An export as Room 2.7+ writes it (kotlinx-serialization: false and empty members left out). */
function export27(version = 2): string {
  return `{
  "formatVersion": 1,
  "database": {
    "version": ${version},
    "identityHash": "5b0e7d1c2a4f4e39a8f06c1d9e2b7a31",
    "entities": [
      {
        "tableName": "note",
        "createSql": "CREATE TABLE IF NOT EXISTS \`\${TABLE_NAME}\` (\`id\` TEXT NOT NULL, \`folder_id\` TEXT, PRIMARY KEY(\`id\`))",
        "fields": [
          {
            "fieldPath": "id",
            "columnName": "id",
            "affinity": "TEXT",
            "notNull": true
          },
          {
            "fieldPath": "folderId",
            "columnName": "folder_id",
            "affinity": "TEXT"
          }
        ],
        "primaryKey": {
          "columnNames": [
            "id"
          ]
        },
        "indices": [
          {
            "name": "index_note_folder_id",
            "unique": false,
            "columnNames": [
              "folder_id"
            ],
            "createSql": "CREATE INDEX IF NOT EXISTS \`index_note_folder_id\` ON \`\${TABLE_NAME}\` (\`folder_id\`)"
          }
        ]
      },
      {
        "tableName": "tag",
        "createSql": "CREATE TABLE IF NOT EXISTS \`\${TABLE_NAME}\` (\`name\` TEXT NOT NULL, PRIMARY KEY(\`name\`))",
        "fields": [
          {
            "fieldPath": "name",
            "columnName": "name",
            "affinity": "TEXT",
            "notNull": true
          }
        ],
        "primaryKey": {
          "columnNames": [
            "name"
          ]
        }
      }
    ],
    "setupQueries": [
      "CREATE TABLE IF NOT EXISTS room_master_table (id INTEGER PRIMARY KEY,identity_hash TEXT)",
      "INSERT OR REPLACE INTO room_master_table (id,identity_hash) VALUES(42, '5b0e7d1c2a4f4e39a8f06c1d9e2b7a31')"
    ]
  }
}
`;
}

const tables = (facts: FileFacts) => facts.exportedSchemas.map((t) => `${t.databaseClass} ${t.version} ${t.variant ?? '-'} ${t.tableName}`);

test('room schema JSON: which paths are Room exports, in both layouts', () => {
  const yes = [
    `schemas/${DB}/2.json`,
    `app/schemas/${DB}/12.json`,
    `/home/me/app/composeApp/schemas/debug/${DB}/2.json`,
    `C:\\work\\app\\schemas\\${DB}\\2.json`,
    'schemas/AppDatabase/1.json',
  ];
  const no = [
    `other/${DB}/2.json`,
    `schemas/${DB}/schema.json`,
    `schemas/${DB}/2.json.bak`,
    'app/schemas/2.json',
    'schemas/my-db/2.json',
    `${DB}/schemas/2.json`,
  ];
  for (const p of yes) assert.equal(languageOf(p), 'room-schema-json', p);
  for (const p of no) assert.equal(languageOf(p), undefined, p);
  assert.deepEqual(roomSchemaPath(`app/schemas/${DB}/3.json`), { databaseClass: DB, version: 3 });
  assert.deepEqual(roomSchemaPath(`app/schemas/androidDebug/${DB}/3.json`), { databaseClass: DB, version: 3, variant: 'androidDebug' });
  assert.deepEqual(roomSchemaPath(`app/schemas/a/b/${DB}/3.json`), { databaseClass: DB, version: 3, variant: 'a/b' });
});

test('room schema JSON: one fact per entity, the placeholder replaced, at its createSql value', async () => {
  const text = export27();
  const facts = await factsOf(text, FILE);
  assert.equal(facts.language, 'room-schema-json');
  assert.equal(facts.unread, undefined);
  assert.deepEqual(tables(facts), [`${DB} 2 - note`, `${DB} 2 - tag`]);
  const [note, tag] = facts.exportedSchemas;
  assert.equal(note.createSql, 'CREATE TABLE IF NOT EXISTS `note` (`id` TEXT NOT NULL, `folder_id` TEXT, PRIMARY KEY(`id`))');
  assert.deepEqual(note.indexSql, ['CREATE INDEX IF NOT EXISTS `index_note_folder_id` ON `note` (`folder_id`)']);
  assert.deepEqual(tag.indexSql, []);
  // The location is the JSON string, quotes included: line 9 (0-based 8), after `"createSql": `.
  assert.deepEqual(note.loc.range, { start: { line: 8, character: 21 }, end: { line: 8, character: 21 + JSON.stringify(JSON.parse(text).database.entities[0].createSql).length } });
  assert.equal(textAt(text, note.loc), JSON.stringify(JSON.parse(text).database.entities[0].createSql));
  assert.equal(JSON.parse(textAt(text, tag.loc)), JSON.parse(text).database.entities[1].createSql);
});

test('room schema JSON: the variant folder, CRLF lines, escapes and a Room 2.6 (Gson) export', async () => {
  const variant = await factsOf(export27(), `app/schemas/debug/${DB}/2.json`);
  assert.deepEqual(tables(variant), [`${DB} 2 debug note`, `${DB} 2 debug tag`]);

  const crlf = export27().replace(/\n/g, '\r\n');
  const facts = await factsOf(crlf, FILE);
  assert.equal(JSON.parse(textAt(crlf, facts.exportedSchemas[1].loc)), JSON.parse(crlf).database.entities[1].createSql);

  // Gson wrote every member, escaped `'` and `=` as \\u0027 / \\u003d, and kept empty lists.
  const gson = [
    '{',
    '  "formatVersion": 1,',
    '  "database": {',
    '    "version": 4,',
    '    "identityHash": "0f3c6a9e8d7b4c21b5a6e4d3c2b1a098",',
    '    "entities": [',
    '      {',
    '        "tableName": "note",',
    '        "createSql": "CREATE TABLE IF NOT EXISTS `${TABLE_NAME}` (`id` TEXT NOT NULL, `title` TEXT NOT NULL DEFAULT \\u0027\\u0027, PRIMARY KEY(`id`))",',
    '        "fields": [',
    '          { "fieldPath": "id", "columnName": "id", "affinity": "TEXT", "notNull": true },',
    '          { "fieldPath": "title", "columnName": "title", "affinity": "TEXT", "notNull": true, "defaultValue": "\\u0027\\u0027" }',
    '        ],',
    '        "primaryKey": { "columnNames": ["id"], "autoGenerate": false },',
    '        "indices": [],',
    '        "foreignKeys": []',
    '      }',
    '    ],',
    '    "views": [],',
    '    "setupQueries": []',
    '  }',
    '}',
  ].join('\n');
  const old = await factsOf(gson, `schemas/${DB}/4.json`);
  assert.equal(old.exportedSchemas[0].createSql, "CREATE TABLE IF NOT EXISTS `note` (`id` TEXT NOT NULL, `title` TEXT NOT NULL DEFAULT '', PRIMARY KEY(`id`))");
  assert.deepEqual(old.exportedSchemas[0].loc.range.start, { line: 8, character: 21 });
});

test('room schema JSON: a file that is no readable export is unread with why, never a crash', async () => {
  const cases: [string, string, RegExp][] = [
    ['truncated', export27().slice(0, 400), /^it is not valid JSON: .* \(line \d+, column \d+\)$/],
    ['empty', '', /^it is not valid JSON: Unexpected end of JSON input$/],
    ['a list', '[]', /^it has no database\.entities list/],
    ['entities not a list', '{"database": {"version": 2, "entities": {}}}', /^it has no database\.entities list/],
    ['no version', '{"database": {"entities": []}}', /^its database\.version is not a whole number$/],
    ['another version', export27(3), /^its database\.version 3 is not the version 2 its file name gives$/],
  ];
  for (const [what, text, reason] of cases) {
    const facts = await factsOf(text, FILE);
    assert.match(facts.unread?.reason ?? '', reason, what);
    assert.deepEqual(facts.unread?.from, { line: 0, character: 0 }, what);
    assert.deepEqual(facts.exportedSchemas, [], what);
  }
  // A truncated file: the position JSON.parse gives, as a line and column.
  const truncated = await factsOf('{\n  "database": {\n    "version": 2,,\n', FILE);
  assert.match(truncated.unread!.reason, /\(line 3, column 18\)$/); // the second comma
  // Deep nesting and binary text.
  const deep = await factsOf(`{"database": {"version": 2, "entities": [], "x": ${'['.repeat(200_000)}${']'.repeat(200_000)}}}`, FILE);
  assert.equal(deep.unread, undefined);
  assert.equal((await loadFrontEnds()).extract(`file:///virtual/${FILE}`, '{\u0000}'), undefined);
});

test('room schema JSON: entities without a table name or createSql are left out, the rest read', async () => {
  const text = JSON.stringify({
    database: {
      version: 2,
      entities: [
        { tableName: 'a' },
        { createSql: 'CREATE TABLE IF NOT EXISTS `${TABLE_NAME}` (`x` TEXT)' },
        'not an entity',
        { tableName: 'b', createSql: 'CREATE TABLE IF NOT EXISTS `${TABLE_NAME}` (`x` TEXT, PRIMARY KEY(`x`))', indices: [{ createSql: 7 }, null] },
      ],
    },
  }, null, 2);
  const facts = await factsOf(text, FILE);
  assert.equal(facts.unread, undefined);
  assert.deepEqual(tables(facts), [`${DB} 2 - b`]);
  assert.deepEqual(facts.exportedSchemas[0].indexSql, []);
  assert.equal(JSON.parse(textAt(text, facts.exportedSchemas[0].loc)), 'CREATE TABLE IF NOT EXISTS `${TABLE_NAME}` (`x` TEXT, PRIMARY KEY(`x`))');
});

test('json string spans: keys, nesting, escapes, a key written twice', () => {
  const text = '{"a": {"b\\"": ["x", {"c": "y\\\\"}, "z"]}, "d": "{\\"e\\": 1}", "a": {"b\\"": ["w"]}}';
  const spans = jsonStringSpans(text, () => true);
  // The first "a" is what JSON.parse drops: only the second one's strings count.
  assert.deepEqual(spans.map((s) => `${JSON.stringify(s.path)}=${text.slice(s.start, s.end)}`), [
    '["d"]="{\\"e\\": 1}"',
    '["a","b\\"",0]="w"',
  ]);
  assert.deepEqual(JSON.parse(text), { a: { 'b"': ['w'] }, d: '{"e": 1}' });
  // Text that is no JSON gives what it found up to there, and does not throw.
  assert.doesNotThrow(() => jsonStringSpans('{"a": "unterminated', () => true));
  assert.doesNotThrow(() => jsonStringSpans(']]]}}{"a"::,,', () => true));
});
