import { advancePosition } from '../sql/sql-text';
import { findTable } from '../model/synced-tables';
import type { SyncedColumnType, SyncedOutputTable } from '../model/backend/sync-configs';
import type { Table, WorkspaceModel } from '../model/workspace';
import type { Fix } from '../findings/finding';
import { writerOfFile } from '../frontends/registry';
import { sqlName } from './upsert-put';

const SQLITE_TYPES: Partial<Record<SyncedColumnType, string>> = { text: 'TEXT', integer: 'INTEGER', real: 'REAL', blob: 'BLOB', numeric: 'NUMERIC' };

/**
 * For a table the sync config sends that the client does not declare, in a TypeScript app whose
 * raw tables are declared in one `withRawTables({ … })` object literal and whose local tables are
 * created in one `.sql` file: a `CREATE TABLE` there (`id TEXT NOT NULL PRIMARY KEY`, every other
 * column nullable, typed as PowerSync's compiler types the output) and a raw table entry with an
 * upsert put and a delete. Never preferred: whether the app wants the table is the user's call, and
 * it gets no CRUD triggers (missing-crud-triggers then offers them). Nothing for Kotlin/Room or
 * Dart, a column of unknown type, a name that is not a plain identifier, or a name a local table
 * already has.
 */
export function clientTableFix(model: WorkspaceModel, output: SyncedOutputTable): Fix | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(output.name) || findTable(model, output.name)) return undefined;
  if (model.tables.some((t) => t.name.toLowerCase() === output.name.toLowerCase())) return undefined;
  const columns = output.columns.filter((c) => c.name !== 'id');
  if (columns.some((c) => SQLITE_TYPES[c.type] === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(c.name))) return undefined;

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
