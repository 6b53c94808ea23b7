import type { FileFacts, PostgresColumnFact, PostgresTableName } from '../facts';
import type { SourceLocation } from '../location';

/** A Postgres column as the migrations leave it, with the names a migration renamed it from. */
export interface PostgresColumn extends PostgresColumnFact {
  /** Earlier names, oldest first, each where it was renamed (`ALTER TABLE … RENAME COLUMN`). */
  formerNames?: { name: string; loc: SourceLocation }[];
}

/** A Postgres table as the migrations leave it; `unknown` says why its columns cannot be told. */
export interface PostgresTable {
  schema: string;
  name: string;
  columns: PostgresColumn[];
  /** Where the table is created. */
  loc: SourceLocation;
  unknown?: string;
  /** The statement that made it unknown. */
  unknownLoc?: SourceLocation;
}

/** The Postgres schema the workspace's migrations build, applied in file-name order. */
export interface PostgresSchema {
  /** The migrations folder (a URI without the file name). */
  folder: string;
  tables: PostgresTable[];
  /** Set when something changes tables in a way not followed: then no table is known. */
  unknown?: { reason: string; loc: SourceLocation };
  /** User enum types (`CREATE TYPE … AS ENUM`): their values replicate as text. */
  enums: string[];
}

const key = (name: PostgresTableName) => `${name.schema}.${name.table}`;

/**
 * The schema of the workspace's one migrations folder; undefined when there is none, or when there
 * are several (which database a sync config reads is then not known).
 */
export function buildPostgresSchema(files: ReadonlyMap<string, FileFacts>): PostgresSchema | undefined {
  const migrations = [...files.values()].filter((f) => f.postgresChanges !== undefined);
  if (migrations.length === 0) return undefined;
  const folderOf = (uri: string) => uri.slice(0, uri.lastIndexOf('/') + 1);
  const folders = new Set(migrations.map((f) => folderOf(f.uri)));
  if (folders.size > 1) return undefined;
  const schema: PostgresSchema = { folder: [...folders][0], tables: [], enums: [] };
  const tables = new Map<string, PostgresTable>();
  const unknownTable = (name: PostgresTableName, reason: string, loc: SourceLocation) => {
    const table = tables.get(key(name));
    if (table && !table.unknown) Object.assign(table, { unknown: reason, unknownLoc: loc });
    else if (!table) tables.set(key(name), { schema: name.schema, name: name.table, columns: [], loc, unknown: reason, unknownLoc: loc });
  };
  // Supabase runs migrations in the order of their names (a timestamp first).
  migrations.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  for (const file of migrations) {
    // A reader that failed on the file (said by not-analyzed as a file not read).
    if (file.unread && !schema.unknown) schema.unknown = { reason: file.unread.reason, loc: { uri: file.uri, range: { start: file.unread.from, end: file.unread.from } } };
    for (const change of file.postgresChanges ?? []) {
      if (change.kind === 'create-enum') {
        schema.enums.push(change.type);
        continue;
      }
      if (change.kind === 'unread') {
        if (change.name) unknownTable(change.name, change.reason, change.loc);
        else schema.unknown ??= { reason: change.reason, loc: change.loc };
        continue;
      }
      if (change.kind === 'create-table') {
        tables.set(key(change.name), { schema: change.name.schema, name: change.name.table, columns: change.columns.map((c) => ({ ...c })), loc: change.loc });
        continue;
      }
      const table = tables.get(key(change.name));
      if (!table) {
        // A change to a table the migrations never create (made elsewhere): its columns are not known.
        if (change.kind !== 'drop-table') unknownTable(change.name, 'the migrations change it but never create it (it is made elsewhere)', change.loc);
        continue;
      }
      const notAdded = (reason: string) => {
        if (!table.unknown) Object.assign(table, { unknown: reason, unknownLoc: change.loc });
      };
      const column = 'column' in change && typeof change.column === 'string' ? table.columns.find((c) => c.name === change.column) : undefined;
      switch (change.kind) {
        case 'drop-table':
          tables.delete(key(change.name));
          break;
        case 'rename-table':
          tables.delete(key(change.name));
          table.name = change.to;
          tables.set(key({ schema: table.schema, table: change.to }), table);
          break;
        case 'add-column':
          table.columns.push({ ...change.column });
          break;
        case 'drop-column':
          table.columns = table.columns.filter((c) => c.name !== change.column);
          break;
        case 'rename-column':
          if (column) {
            const renamed = column as PostgresColumn;
            renamed.formerNames = [...(renamed.formerNames ?? []), { name: renamed.name, loc: change.loc }];
            renamed.name = change.to;
          }
          else notAdded(`column ${change.column} is renamed but never added`);
          break;
        case 'set-not-null':
          if (column) column.notNull = change.notNull;
          else notAdded(`column ${change.column} is changed but never added`);
          break;
        case 'column-type':
          if (column) column.pgType = change.pgType;
          else notAdded(`column ${change.column} is changed but never added`);
          break;
      }
    }
  }
  schema.tables = [...tables.values()];
  return schema;
}
