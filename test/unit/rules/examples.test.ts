import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { checkJson, type JsonFinding } from '../../support/findings';
import { runCli } from '../../support/cli';
import { repoRoot } from '../../support/paths';

const app = (name: string) => path.join(repoRoot(), 'examples', name);
const SRC = 'shared/src/commonMain/kotlin/com/example/todo';
const SIX = new Set(['schema-order', 'put-not-upsert', 'replace-resets-local-columns', 'fk-not-deferrable', 'missing-clear', 'rust-client-required']);
const at = (r: { file: string; range: JsonFinding['range'] }) => `${r.file}:${r.range.start.line + 1}`;

test('rawsync check examples/todo-app reports the planted mistakes 1–4 of examples/README.md, and no other finding of their rules', () => {
  const run = checkJson(app('todo-app'));
  assert.equal(run.status, 1);
  const findings = run.findings.filter((f) => SIX.has(f.rule));
  assert.deepEqual(findings.map((f) => `${f.rule} ${f.severity} ${at(f)}`).sort(), [
    // 4: TodoEntity → ListEntity without deferred = true.
    `fk-not-deferrable error ${SRC}/data/TodoEntity.kt:14`,
    // 3: Room's DAO INSERT OR ABORT as the todo put.
    `put-not-upsert error ${SRC}/sync/PowerSyncSchema.kt:57`,
    // 2: INSERT OR REPLACE into profile, which has the local-only is_favorite.
    `replace-resets-local-columns error ${SRC}/sync/PowerSyncSchema.kt:15`,
    // 1: Schema(todoTable, profileTable, listTable). The README gives line 73, the `Schema(` line;
    // the finding sits on the list of tables inside it, which starts on line 74.
    `schema-order error ${SRC}/sync/PowerSyncSchema.kt:74`,
  ]);
  const related = (rule: string) => findings.find((f) => f.rule === rule)!.related.map(at);
  assert.deepEqual(related('replace-resets-local-columns'), [`${SRC}/data/ProfileEntity.kt:13`]);
  assert.deepEqual(related('schema-order'), [`${SRC}/data/AppDatabase.kt:10`, `${SRC}/sync/PowerSyncDatabaseInvalidator.kt:30`]);
  assert.deepEqual(related('fk-not-deferrable'), [`${SRC}/data/TodoEntity.kt:11`]);
  assert.deepEqual(related('put-not-upsert'), [`${SRC}/data/TodoEntity.kt:11`]);
});

test('rawsync check examples/todo-app reports the planted backend mistakes 7 and 8: the todo put reads createdAt, the sync config sends created_at; the profile put reads email, which a migration renamed', () => {
  const findings = checkJson(app('todo-app')).findings.filter((f) => f.rule === 'put-column-not-synced' || f.rule === 'sync-config-invalid');
  assert.deepEqual(findings.map((f) => `${f.rule} ${f.severity} ${at(f)}`), [
    `put-column-not-synced error ${SRC}/sync/PowerSyncSchema.kt:19`,
    `put-column-not-synced error ${SRC}/sync/PowerSyncSchema.kt:64`,
  ]);
  assert.match(findings[0].message, /^Synced rows of 'profile' never carry 'email': .* A migration \(migrations\/20250901000000_profile_email_address\.sql\) renamed the Postgres column 'email' to public\.profile\.email_address, which the sync config sends as 'email_address': did you mean 'email_address'\?$/);
  assert.match(findings[1].message, /^Synced rows of 'todo' never carry 'createdAt': .* \(powersync\/sync-config\.yaml\) .*; did you mean 'created_at'\?/);
  // The other end: the query that outputs the table, and for the rename the migration.
  assert.deepEqual(findings[0].related.map(at), ['powersync/sync-config.yaml:6', 'supabase/migrations/20250901000000_profile_email_address.sql:2']);
  assert.deepEqual(findings[1].related.map(at), ['powersync/sync-config.yaml:11']);
});

test('rawsync check examples/todo-app: the same mistakes from the server\'s end, email_address and created_at sent and never read (synced-column-not-stored)', () => {
  const findings = checkJson(app('todo-app')).findings.filter((f) => f.rule === 'synced-column-not-stored');
  assert.deepEqual(findings.map((f) => `${f.severity} ${at(f)}`), [`warning ${SRC}/sync/PowerSyncSchema.kt:16`, `warning ${SRC}/sync/PowerSyncSchema.kt:58`]);
  assert.match(findings[0].message, /^Column 'email_address' of 'profile' is synced on every row, then dropped\./);
  assert.match(findings[1].message, /^Column 'created_at' of 'todo' is synced on every row, then dropped\. The sync config \(powersync\/sync-config\.yaml\) sends it, and the put of raw table 'todo' \(sync\/PowerSyncSchema\.kt\) never reads it\./);
  assert.deepEqual(findings.map((f) => f.related.map(at)), [['powersync/sync-config.yaml:6'], ['powersync/sync-config.yaml:11']]);
});

test('rawsync check examples/todo-app-fixed reports nothing at warning or error, whatever rules are registered', () => {
  const run = checkJson(app('todo-app-fixed'));
  assert.deepEqual(run.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule} ${at(f)}`), []);
  assert.equal(run.status, 0);
});

interface SchemaReport {
  version: number;
  tables: { name: string; origin: string; entity?: string; createSql: string; indexSql: string[]; file: string }[];
  roomDatabases: { className: string; qualifiedName: string; version?: number; entities: { className: string; tableName?: string; tableId: number }[] }[];
  rawTables: { name?: string; localTable?: string; platform: string; file: string; json?: unknown }[];
  schemas: { variable?: string; file: string; line: number; rawTables: (string | null)[] }[];
  databasePaths: { opener: string; platform: string; path: string | null; file: string; line: number }[];
  sdkVersions: Record<string, string | undefined>;
}

test('rawsync schema examples/todo-app --format json: entities, the Room database, raw tables, the schema and database paths', () => {
  const result = runCli(['schema', app('todo-app'), '--format', 'json']);
  assert.equal(result.status, 0, result.stderr);
  const report = JSON.parse(result.stdout) as SchemaReport;
  assert.equal(report.version, 1);

  // The tables Room creates (examples/README.md, "The tables Room creates").
  const byName = new Map(report.tables.map((t) => [t.name, t]));
  assert.deepEqual([...byName.keys()].sort(), ['profile', 'todo', 'todo_list']);
  assert.deepEqual(report.tables.map((t) => `${t.name} ${t.origin} ${t.entity}`).sort(), [
    'profile room-entity com.example.todo.data.ProfileEntity',
    'todo room-entity com.example.todo.data.TodoEntity',
    'todo_list room-entity com.example.todo.data.ListEntity',
  ]);
  assert.equal(byName.get('profile')!.createSql,
    'CREATE TABLE IF NOT EXISTS `profile` (`id` TEXT NOT NULL, `name` TEXT NOT NULL, `email` TEXT, `is_favorite` INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(`id`))');
  assert.equal(byName.get('todo_list')!.createSql,
    'CREATE TABLE IF NOT EXISTS `todo_list` (`id` TEXT NOT NULL, `name` TEXT NOT NULL, `owner_id` TEXT NOT NULL, `theme_color` TEXT NOT NULL, `theme_icon` TEXT, PRIMARY KEY(`id`), FOREIGN KEY(`owner_id`) REFERENCES `profile`(`id`) ON UPDATE NO ACTION ON DELETE NO ACTION DEFERRABLE INITIALLY DEFERRED)');
  assert.equal(byName.get('todo')!.createSql,
    'CREATE TABLE IF NOT EXISTS `todo` (`id` TEXT NOT NULL, `list_id` TEXT NOT NULL, `title` TEXT NOT NULL, `description` TEXT, `completed` INTEGER NOT NULL, `created_at` INTEGER NOT NULL, `local_notes` TEXT, PRIMARY KEY(`id`), FOREIGN KEY(`list_id`) REFERENCES `todo_list`(`id`) ON UPDATE NO ACTION ON DELETE CASCADE )');
  assert.deepEqual(byName.get('profile')!.indexSql, []);
  assert.deepEqual(byName.get('todo_list')!.indexSql, ['CREATE INDEX IF NOT EXISTS `index_todo_list_owner_id` ON `todo_list` (`owner_id`)']);
  assert.deepEqual(byName.get('todo')!.indexSql, ['CREATE INDEX IF NOT EXISTS `index_todo_list_id` ON `todo` (`list_id`)']);

  // Room table ids follow @Database(entities).
  assert.deepEqual(report.roomDatabases.map(({ className, qualifiedName, version, entities }) => ({ className, qualifiedName, version, entities })), [{
    className: 'AppDatabase',
    qualifiedName: 'com.example.todo.data.AppDatabase',
    version: 1,
    entities: [
      { className: 'ProfileEntity', tableName: 'profile', tableId: 0 },
      { className: 'ListEntity', tableName: 'todo_list', tableId: 1 },
      { className: 'TodoEntity', tableName: 'todo', tableId: 2 },
    ],
  }]);

  // Raw tables as the core reads them.
  const schemaFile = `${SRC}/sync/PowerSyncSchema.kt`;
  assert.deepEqual(report.rawTables.map(({ name, localTable, platform, file }) => ({ name, localTable, platform, file })), [
    { name: 'profile', localTable: 'profile', platform: 'common', file: schemaFile },
    { name: 'todo_list', localTable: 'todo_list', platform: 'common', file: schemaFile },
    { name: 'todo', localTable: 'todo', platform: 'common', file: schemaFile },
  ]);
  const deleteOf = (table: string) => ({ sql: `DELETE FROM ${table} WHERE id = ?`, params: ['Id'] });
  assert.deepEqual(report.rawTables.map((t) => t.json), [
    {
      name: 'profile',
      put: { sql: 'INSERT OR REPLACE INTO profile (id, name, email) VALUES (?, ?, ?)', params: ['Id', { Column: 'name' }, { Column: 'email' }] },
      delete: deleteOf('profile'),
    },
    {
      name: 'todo_list',
      put: {
        sql: [
          'INSERT INTO todo_list (id, name, owner_id, theme_color, theme_icon)',
          'VALUES (?, ?, ?, ?, ?)',
          'ON CONFLICT(id) DO UPDATE SET',
          '    name = excluded.name,',
          '    owner_id = excluded.owner_id,',
          '    theme_color = excluded.theme_color,',
          '    theme_icon = excluded.theme_icon',
        ].join('\n'),
        params: ['Id', { Column: 'name' }, { Column: 'owner_id' }, { Column: 'theme_color' }, { Column: 'theme_icon' }],
      },
      delete: deleteOf('todo_list'),
    },
    {
      name: 'todo',
      put: {
        sql: 'INSERT OR ABORT INTO `todo` (`id`,`list_id`,`title`,`description`,`completed`,`created_at`) VALUES (?,?,?,?,?,?)',
        params: ['Id', { Column: 'list_id' }, { Column: 'title' }, { Column: 'description' }, { Column: 'completed' }, { Column: 'createdAt' }],
      },
      delete: deleteOf('todo'),
    },
  ]);

  // The schema in its declared (wrong) order, at `val appSchema` (0-based line 72).
  assert.deepEqual(report.schemas, [{ variable: 'appSchema', file: schemaFile, line: 72, rawTables: ['todo', 'profile', 'todo_list'] }]);

  // Where each side opens its file, per platform (0-based lines of the builder and constructor).
  const android = 'shared/src/androidMain/kotlin/com/example/todo/AndroidDatabases.kt';
  const ios = 'shared/src/iosMain/kotlin/com/example/todo/IosDatabases.kt';
  assert.deepEqual(report.databasePaths.map(({ opener, platform, path: p, file, line }) => ({ opener, platform, path: p, file, line })), [
    { opener: 'room', platform: 'android', path: '<android-databases>/todo.db', file: android, line: 17 },
    { opener: 'powersync', platform: 'android', path: '<android-databases>/todo-sync.db', file: android, line: 27 },
    { opener: 'room', platform: 'ios', path: '<ios-documents>/todo.db', file: ios, line: 21 },
    // The path the code asks for; PowerSync 1.5.1 ignores dbDirectory on iOS (db-path-mismatch says so).
    { opener: 'powersync', platform: 'ios', path: '<ios-documents>/todo.db', file: ios, line: 31 },
  ]);

  assert.equal(report.sdkVersions.powersync, '1.5.1');
  assert.equal(report.sdkVersions.room, '2.7.2');
});
