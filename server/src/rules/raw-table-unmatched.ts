import { anyFileUnread, findTable } from '../model/synced-tables';
import { mayBeCreatedUnread } from '../model/unread-tables';
import { tableAt } from '../model/table-definitions';
import { sameSqlName } from '../sql/sql-text';
import type { SourceLocation } from '../model/location';
import type { RawTable, RawTableSchema, Table, WorkspaceModel } from '../model/workspace';
import type { Finding, RelatedLocation } from '../findings/finding';
import type { Rule } from '../findings/rule';
import { similarName } from '../model/similar-names';

const RULE = 'raw-table-unmatched';

/** A raw table whose local table, `id` column or synced columns do not exist as declared. */
export const rawTableUnmatched: Rule = {
  meta: {
    id: RULE,
    defaultSeverity: 'error',
    description: 'A raw table whose local table does not exist, an inferred table without a unique id column, or syncedColumns naming no column.',
    docs: 'docs/rules/raw-table-unmatched.md',
    fixable: false,
  },
  check(model) {
    // With no table derived at all, the tables are created where Rawsync cannot read: stay silent.
    if (model.tables.length === 0) return [];
    const findings: Finding[] = [];
    for (const rawTable of model.rawTables) {
      if (rawTable.localTable === undefined) continue;
      // A table created with different shapes is judged by the definition where the raw table is declared.
      const { table, ambiguous } = tableAt(model, rawTable.localTable, rawTable.scope);
      if (ambiguous) continue;
      if (!table) {
        // An unread file, or a CREATE TABLE whose text is only known at run time, may create it.
        if (!anyFileUnread(model) && !mayBeCreatedUnread(model.unreadTables, rawTable.localTable)) findings.push(missingTable(model, rawTable, rawTable.localTable));
        continue;
      }
      if (!rawTable.schema || rawTable.put || table.unresolved) continue;
      const idProblem = idColumnProblem(rawTable, rawTable.schema, table);
      if (idProblem) findings.push(idProblem);
      findings.push(...syncedColumnProblems(rawTable, rawTable.schema, table));
    }
    return findings;
  },
};

function missingTable(model: WorkspaceModel, rawTable: RawTable, localName: string): Finding {
  const near = similarName(localName, model.tables.map((t) => t.name));
  const nearTable = near === undefined ? undefined : findTable(model, near);
  const hint = near ? ` (did you mean '${near}'?)` : '';
  const name = rawTable.name ?? localName;
  const inferred = rawTable.schema !== undefined && !rawTable.put;
  // A JS app has no Room entities: its tables come from CREATE TABLE alone.
  const creators = rawTable.api !== 'kotlin' ? 'no CREATE TABLE' : 'no Room entity or CREATE TABLE';
  const message = inferred
    ? `Sync of '${name}' fails: its local table '${localName}' does not exist. Raw table '${name}' syncs into local table '${localName}', which ${creators} in this workspace creates${hint}. When its first rows arrive, sync fails with 'Could not find ${localName} in local schema' and stops; powersync_create_raw_table_crud_trigger fails the same way.`
    : `Sync of '${name}' fails: its local table '${localName}' does not exist. The put of raw table '${name}' writes into '${localName}', which ${creators} in this workspace creates${hint}. When its first rows arrive, sync fails with 'no such table: ${localName}' and stops.`;
  // Where the missing name is written: the tableName (in the schema), the name, or the put's SQL.
  const loc: SourceLocation = inferred ? (rawTable.schema!.tableName !== undefined ? rawTable.schema!.loc : rawTable.nameLoc) : rawTable.put?.sqlLoc ?? rawTable.nameLoc;
  const related: RelatedLocation[] = nearTable ? [{ loc: nearTable.nameLoc, message: `table '${nearTable.name}'` }] : [];
  return finding(loc, message, related);
}

/** The inferred put is `INSERT … ON CONFLICT (id) DO UPDATE`: `id` must exist by that exact name and be unique. */
function idColumnProblem(rawTable: RawTable, schema: RawTableSchema, table: Table): Finding | undefined {
  const name = rawTable.name ?? table.name;
  const related: RelatedLocation[] = [{ loc: table.nameLoc, message: `table '${table.name}'` }];
  const id = table.columns.find((c) => c.name === 'id');
  if (!id) {
    const variant = table.columns.find((c) => sameSqlName(c.name, 'id'));
    const note = variant ? ` Its column '${variant.name}' does not count: the core looks for 'id' exactly, case included.` : '';
    if (variant) related.push({ loc: variant.loc, message: `column '${variant.name}'` });
    return finding(
      schema.loc,
      `Raw table '${name}' infers its statements from '${table.name}', which has no column named 'id'.${note} When its first rows arrive, sync fails with 'Table ${table.name} has no id column.' and stops. Name the primary key column 'id' (${table.origin === 'sql' || table.origin === 'drift' ? 'TEXT' : 'a String'}).`,
      related,
    );
  }
  const primary = table.primaryKey?.columns.length === 1 && sameSqlName(table.primaryKey.columns[0], 'id');
  const unique = table.indices.some((i) => i.unique && i.columns.length === 1 && sameSqlName(i.columns[0], 'id'));
  if (primary || unique) return undefined;
  related.push({ loc: id.loc, message: "column 'id'" });
  return finding(
    schema.loc,
    `Sync of '${name}' fails: 'id' of '${table.name}' is not unique. Raw table '${name}' infers an upsert on '${table.name}' (INSERT … ON CONFLICT (id) DO UPDATE), but 'id' is neither its PRIMARY KEY nor UNIQUE: when its first rows arrive, sync fails with 'ON CONFLICT clause does not match any PRIMARY KEY or UNIQUE constraint' and stops. Make 'id' the primary key, or give it a unique index.`,
    related,
  );
}

/** The core keeps the listed names that match a column exactly and silently drops the rest. */
function syncedColumnProblems(rawTable: RawTable, schema: RawTableSchema, table: Table): Finding[] {
  const listed = schema.syncedColumns;
  if (!Array.isArray(listed)) return [];
  const loc = schema.syncedColumnsLoc ?? schema.loc;
  const name = rawTable.name ?? table.name;
  const names = table.columns.map((c) => c.name);
  const unknown = listed.filter((c) => !names.includes(c));
  const kept = listed.filter((c) => names.includes(c) && c !== 'id');
  const describe = (column: string) => {
    const near = similarName(column, names);
    return `'${column}'${near ? ` (did you mean '${near}'?)` : ''}`;
  };
  if (kept.length === 0) {
    const which = unknown.length > 0 ? `: ${unknown.map(describe).join(', ')} ${unknown.length === 1 ? 'is no column' : 'are no columns'} of '${table.name}'` : ' is empty';
    return [finding(
      loc,
      `Raw table '${name}' syncs no column. Its syncedColumns leave no column to sync${which}. The put the core infers then has nothing to update and does not prepare, so sync fails with 'incomplete input' when its first rows arrive.`,
      [{ loc: table.nameLoc, message: `table '${table.name}'` }],
    )];
  }
  return unknown.map((column) => {
    const near = similarName(column, names);
    const meant = near ? `'${near}'` : 'the column meant';
    return finding(
      loc,
      `A synced column of '${name}' is missing locally. The syncedColumns of raw table '${name}' name ${describe(column)}, which is no column of '${table.name}'. The core compares these names exactly, case included, and silently ignores this one, so ${meant} is neither written by sync nor uploaded by the generated triggers.`,
      [{ loc: table.nameLoc, message: `table '${table.name}'` }],
    );
  });
}

function finding(loc: SourceLocation, message: string, related: RelatedLocation[]): Finding {
  return { rule: RULE, severity: 'error', message, loc, related, fixes: [] };
}
