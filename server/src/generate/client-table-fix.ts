import { advancePosition } from '../sql/sql-text';
import { findTable } from '../model/synced-tables';
import type { SyncedColumnType, SyncedOutputTable } from '../model/backend/sync-configs';
import type { Table, WorkspaceModel } from '../model/workspace';
import type { Fix } from '../findings/finding';
import { writerOfFile } from '../frontends/registry';
import { sqlName } from './upsert-put';
import { appendEdit, pascalCase } from './crud-triggers-fix';
import { kotlinSdkWriter } from './kotlin-sdk-writer';
import type { TextEdit } from '../findings/finding';

const SQLITE_TYPES: Partial<Record<SyncedColumnType, string>> = { text: 'TEXT', integer: 'INTEGER', real: 'REAL', blob: 'BLOB', numeric: 'NUMERIC' };

/**
 * For a table the sync config sends that the client does not declare, in a TypeScript app whose
 * raw tables are declared in one `withRawTables({ … })` object literal and whose local tables are
 * created in one `.sql` file: a `CREATE TABLE` there (`id TEXT NOT NULL PRIMARY KEY`, every other
 * column nullable, typed as PowerSync's compiler types the output) and a raw table entry with an
 * upsert put and a delete. Never preferred: whether the app wants the table is the user's call, and
 * it gets no CRUD triggers (missing-crud-triggers then offers them). In a Kotlin app with one
 * Room database and one Schema(…): `roomClientTableFix`. Nothing for Dart, a column of unknown
 * type, a name that is not a plain identifier, or a name a local table already has.
 */
export function clientTableFix(model: WorkspaceModel, output: SyncedOutputTable): Fix | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(output.name) || findTable(model, output.name)) return undefined;
  if (model.tables.some((t) => t.name.toLowerCase() === output.name.toLowerCase())) return undefined;
  const columns = output.columns.filter((c) => c.name !== 'id');
  if (columns.some((c) => SQLITE_TYPES[c.type] === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(c.name))) return undefined;
  if (model.roomDatabases.length > 0) return roomClientTableFix(model, output, columns);

  const maps = [...model.files.values()].flatMap((f) => f.rawTables.filter((r) => r.map !== undefined));
  const map = maps.length === 1 ? maps[0].map : undefined;
  if (map?.kind !== 'object' || map.entries.length === 0 || map.entries.some((e) => 'spread' in e)) return undefined;
  const writer = writerOfFile(map.loc.uri);
  if (writer?.language !== 'typescript' || !writer.stringLiteral) return undefined;
  const literal = writer.stringLiteral;

  const home = sqlFileOf(model);
  if (!home) return undefined;

  const names = columns.map((c) => sqlName(c.name));
  const create = `CREATE TABLE IF NOT EXISTS ${sqlName(output.name)} (id TEXT NOT NULL PRIMARY KEY${columns.map((c, i) => `, ${names[i]} ${SQLITE_TYPES[c.type]}`).join('')});`;
  const put = names.length === 0
    ? `INSERT INTO ${sqlName(output.name)} (id) VALUES (?) ON CONFLICT(id) DO NOTHING`
    : `INSERT INTO ${sqlName(output.name)} (id, ${names.join(', ')}) VALUES (${['?', ...names.map(() => '?')].join(', ')}) ON CONFLICT(id) DO UPDATE SET ${names.map((n) => `${n} = excluded.${n}`).join(', ')}`;
  const params = [literal('Id'), ...columns.map((c) => `{ Column: ${literal(c.name)} }`)].join(', ');
  const last = map.entries[map.entries.length - 1];
  const indent = ' '.repeat(last.loc.range.start.character);
  const entry = [
    `${output.name}: {`,
    `  put: {`,
    `    sql: ${literal(put)},`,
    `    params: [${params}],`,
    `  },`,
    `  delete: { sql: ${literal(`DELETE FROM ${sqlName(output.name)} WHERE id = ?`)}, params: [${literal('Id')}] },`,
    `}`,
  ].join(`\n${indent}`);
  return {
    title: `Declare raw table '${output.name}' and create its local table with the columns the sync config sends (no CRUD triggers yet)`,
    preferred: false,
    edits: [
      { uri: home.uri, range: { start: home.at, end: home.at }, newText: `${create}\n` },
      { uri: map.loc.uri, range: { start: last.loc.range.end, end: last.loc.range.end }, newText: `,\n${indent}${entry}` },
    ],
  };
}

/** The one `.sql` file that creates the local tables of every raw table, and the start of its first such statement's line. */
function sqlFileOf(model: WorkspaceModel): { uri: string; at: { line: number; character: number } } | undefined {
  const tables = model.rawTables.map((r) => (r.localTable === undefined ? undefined : findTable(model, r.localTable)));
  if (tables.length === 0 || tables.some((t) => t?.createSqlSource?.language !== 'sql')) return undefined;
  const starts = (tables as Table[]).map((t) => {
    const source = t.createSqlSource!;
    return { uri: source.value.loc.uri, at: advancePosition(source.value.loc.range.start, source.value.kind === 'string' ? source.value.value : '', source.statementStart) };
  });
  if (starts.some((s) => s.uri !== starts[0].uri) || (tables as Table[]).some((t) => t.createSqlSource!.value.kind !== 'string')) return undefined;
  const first = starts.reduce((a, b) => (b.at.line < a.at.line ? b : a));
  return { uri: first.uri, at: { line: first.at.line, character: 0 } };
}

const KOTLIN_TYPES: Partial<Record<SyncedColumnType, string>> = { text: 'String', integer: 'Long', real: 'Double', blob: 'ByteArray' };
const KOTLIN_KEYWORDS = new Set(['as', 'break', 'class', 'continue', 'do', 'else', 'false', 'for', 'fun', 'if', 'in', 'interface', 'is', 'null', 'object', 'package', 'return', 'super', 'this', 'throw', 'true', 'try', 'typealias', 'typeof', 'val', 'var', 'when', 'while']);

/**
 * The Room side: an `@Entity` data class appended to the `@Database` class's file (id `String`,
 * every other column nullable, typed `String`/`Long`/`Double`/`ByteArray` as the compiler types
 * it), added to `@Database(entities = […])`, and a `RawTable` with an upsert put and a delete
 * appended to the `Schema(…)`'s file and added to it. Adding an entity changes the Room schema: the
 * app must raise the database version and migrate, which the title says. Only with one Room
 * database and one Kotlin Schema whose entries are written in place.
 */
function roomClientTableFix(model: WorkspaceModel, output: SyncedOutputTable, columns: SyncedOutputTable['columns']): Fix | undefined {
  if (model.roomDatabases.length !== 1 || model.schemas.length !== 1) return undefined;
  const db = model.roomDatabases[0];
  const schema = model.schemas[0];
  const lastEntity = db.entities[db.entities.length - 1];
  const lastEntry = schema.entries[schema.entries.length - 1];
  if (!lastEntity || !lastEntry || (schema.api ?? 'kotlin') !== 'kotlin' || !schema.entries.every((e) => e.fromSource)) return undefined;
  const dbFacts = model.files.get(db.loc.uri);
  const schemaFacts = model.files.get(schema.loc.uri);
  const writer = kotlinSdkWriter(db.loc.uri);
  if (!dbFacts?.end || !schemaFacts?.end || !writer || !kotlinSdkWriter(schema.loc.uri) || lastEntity.loc.uri !== db.loc.uri) return undefined;
  if (columns.some((c) => KOTLIN_TYPES[c.type] === undefined)) return undefined;
  const properties = columns.map((c) => ({ column: c, name: camelCase(c.name) }));
  if (properties.some((p) => KOTLIN_KEYWORDS.has(p.name) || p.name === 'id') || new Set(properties.map((p) => p.name)).size !== properties.length) return undefined;
  const className = `${pascalCase(output.name)}Entity`;
  const variable = `${camelCase(output.name)}Table`;
  const declared = (name: string) => [...model.files.values()].some((f) => f.classes.some((c) => c.name === name) || f.constants.some((c) => c.name === name) || f.rawTables.some((r) => r.variable?.name === name));
  if (declared(className) || declared(variable)) return undefined;

  const room = db.roomPackage ?? 'androidx.room';
  const needsColumnInfo = properties.some((p) => p.name !== p.column.name);
  const entity = [
    `@Entity(tableName = ${writer.stringLiteral(output.name)})`,
    `data class ${className}(`,
    `    @PrimaryKey val id: String,`,
    ...properties.map((p) => `    ${p.name === p.column.name ? '' : `@ColumnInfo(name = ${writer.stringLiteral(p.column.name)}) `}val ${p.name}: ${KOTLIN_TYPES[p.column.type]}?,`),
    `)`,
    '',
  ].join('\n');
  const names = columns.map((c) => sqlName(c.name));
  const table = sqlName(output.name);
  const put = [
    `INSERT INTO ${table} (${['id', ...names].join(', ')})`,
    `VALUES (${['?', ...names.map(() => '?')].join(', ')})`,
    names.length === 0 ? 'ON CONFLICT(id) DO NOTHING' : `ON CONFLICT(id) DO UPDATE SET ${names.map((n) => `${n} = excluded.${n}`).join(', ')}`,
  ];
  const rawTable = [
    `val ${variable} = RawTable(`,
    `    name = ${writer.stringLiteral(output.name)},`,
    `    put = PendingStatement(`,
    `        ${writer.sqlLiteral(put, { preferRaw: true, indent: '        ' })},`,
    `        listOf(`,
    `            PendingStatementParameter.Id,`,
    ...columns.map((c) => `            PendingStatementParameter.Column(${writer.stringLiteral(c.name)}),`),
    `        ),`,
    `    ),`,
    `    delete = PendingStatement(${writer.stringLiteral(`DELETE FROM ${table} WHERE id = ?`)}, listOf(PendingStatementParameter.Id)),`,
    `)`,
    '',
  ].join('\n');
  const roomImports = [`${room}.Entity`, `${room}.PrimaryKey`, ...(needsColumnInfo ? [`${room}.ColumnInfo`] : [])];
  const sdkImports = ['com.powersync.db.schema.PendingStatement', 'com.powersync.db.schema.PendingStatementParameter', 'com.powersync.db.schema.RawTable'];
  const edits: TextEdit[] = [];
  if (db.loc.uri === schema.loc.uri) {
    edits.push(...writer.importEdits(dbFacts, [...roomImports, ...sdkImports]), appendEdit(dbFacts, dbFacts.end, `\n${entity}\n${rawTable}`));
  } else {
    edits.push(...writer.importEdits(dbFacts, roomImports), appendEdit(dbFacts, dbFacts.end, `\n${entity}`));
    edits.push(...writer.importEdits(schemaFacts, sdkImports), appendEdit(schemaFacts, schemaFacts.end, `\n${rawTable}`));
  }
  edits.push({ uri: lastEntity.loc.uri, range: { start: lastEntity.loc.range.end, end: lastEntity.loc.range.end }, newText: `, ${className}::class` });
  edits.push({ uri: lastEntry.loc.uri, range: { start: lastEntry.loc.range.end, end: lastEntry.loc.range.end }, newText: `, ${variable}` });
  return {
    title: `Declare raw table '${output.name}' and Room entity ${className} with the columns the sync config sends (raise the Room database version and migrate; no CRUD triggers yet)`,
    preferred: false,
    edits,
  };
}

/** `owner_id` → `ownerId`, `todo_lists` → `todoLists`. */
function camelCase(name: string): string {
  const pascal = pascalCase(name);
  return pascal[0].toLowerCase() + pascal.slice(1);
}
