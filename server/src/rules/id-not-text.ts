import { readInsertStatement } from '../sql/insert-statement';
import { parameterIndexes, sameSqlName, splitSqlStatements } from '../sql/sql-text';
import { syncedTables } from '../model/synced-tables';
import type { SourceLocation } from '../model/location';
import type { Column, RawTable, Table, WorkspaceModel } from '../model/workspace';
import type { Finding } from '../findings/finding';
import type { Rule } from '../findings/rule';

const RULE = 'id-not-text';

/**
 * A synced table whose id column cannot hold PowerSync's text ids. The core binds every synced
 * row's id as TEXT (docs/facts.md §3); checked in the core by test/unit/rules/id-not-text.test.ts:
 * - an INTEGER PRIMARY KEY (a rowid alias: Room's Long/Int @PrimaryKey, autoGenerate or not)
 *   rejects a non-integer id with 'datatype mismatch', which fails the whole sync (error);
 * - a REAL id column turns a numeric id '7' into 7.0, and local changes then upload id '7.0',
 *   a row the backend does not have (warning).
 * Other affinities keep a UUID as text and give back what they were given, so they are left alone.
 */
export const idNotText: Rule = {
  meta: {
    id: RULE,
    defaultSeverity: 'error',
    description: "A synced table whose id column is not TEXT: an INTEGER PRIMARY KEY rejects PowerSync's text ids and stops the sync; a REAL id changes numeric ids.",
    docs: 'docs/rules/id-not-text.md',
    fixable: false,
  },
  check(model) {
    const findings: Finding[] = [];
    for (const synced of syncedTables(model)) {
      const table = synced.table;
      // An FTS table has no column affinity and no INTEGER PRIMARY KEY: any id is kept as given.
      if (table.unresolved || table.fts) continue;
      const reported = new Set<Column>();
      for (const rawTable of synced.rawTables) {
        const column = idColumn(rawTable, table);
        if (!column || column.affinityUnresolved || reported.has(column)) continue;
        const found = check(model, rawTable, table, column);
        if (!found) continue;
        reported.add(column);
        findings.push(found);
      }
    }
    return findings;
  },
};

function check(model: WorkspaceModel, rawTable: RawTable, table: Table, column: Column): Finding | undefined {
  const syncName = rawTable.name ?? table.name;
  const related = [{ loc: rawTable.nameLoc, message: `raw table '${syncName}' syncs into '${table.name}'` }];
  const loc = columnTypeLoc(model, table, column) ?? column.loc;
  const fix = table.origin === 'sql'
    ? `Declare it '${column.name} TEXT PRIMARY KEY', create ids with uuid(), and migrate the existing table.`
    : table.origin === 'drizzle'
    ? `Declare it text('${column.name}').primaryKey() in the Drizzle table, create ids with uuid(), and migrate the table.`
    : table.origin === 'drift'
    ? `Declare it a TextColumn in the Drift table (text()(), with \`Set<Column> get primaryKey => {…}\`), create ids with uuid(), and migrate the table.`
    : `Make it a String (${model.files.get(table.loc.uri)?.language === 'java' ? `@PrimaryKey @NonNull String ${column.fieldPath ?? column.name}` : `@PrimaryKey val ${column.fieldPath ?? column.name}: String`}), create ids with uuid(), and migrate the table.`;
  if (isRowidAlias(table, column)) {
    const numbered = table.primaryKey?.autoGenerate
      ? ` ${table.origin === 'sql' ? 'AUTOINCREMENT' : table.origin === 'drizzle' ? 'primaryKey({ autoIncrement: true })' : table.origin === 'drift' ? 'autoIncrement()' : 'autoGenerate = true'} also numbers new local rows 1, 2, 3 …, and those numbers are uploaded as the rows' ids.`
      : '';
    return {
      rule: RULE,
      severity: 'error',
      message:
        `Synced rows of '${table.name}' with non-integer ids fail to apply. Its id is an INTEGER PRIMARY KEY: every synced row whose id is not an integer fails. ` +
        `PowerSync ids are text (usually UUIDs) and the core binds them as text; SQLite refuses such a value in a rowid alias ('datatype mismatch'), and the error fails the whole checkpoint: none of its rows, of any table, is applied.${numbered} ` +
        fix,
      loc,
      related,
      fixes: [],
    };
  }
  if (column.affinity === 'REAL') {
    return {
      rule: RULE,
      severity: 'warning',
      message:
        `Table '${table.name}' keeps its id in a REAL column: a numeric id such as '7' comes back as '7.0', and changes to that row upload an id the backend does not have. ` +
        `The core binds ids as text, and REAL affinity turns a text that looks like a number into a floating-point value; text ids such as UUIDs are kept. ` +
        fix,
      loc,
      related,
      fixes: [],
    };
  }
  return undefined;
}

/**
 * SQLite's rowid alias: a table's single PRIMARY KEY column declared exactly INTEGER. SQL tables
 * carry SQLite's own answer, Drizzle tables drizzle-kit's declared type; Room declares every integer column exactly INTEGER, in a rowid table.
 */
function isRowidAlias(table: Table, column: Column): boolean {
  const key = table.primaryKey;
  if (!key || key.columns.length !== 1 || !sameSqlName(key.columns[0], column.name)) return false;
  // SQL and Drizzle tables carry the answer (a Drizzle key is an alias when its builder is integer).
  if (table.origin === 'sql' || table.origin === 'drizzle' || table.origin === 'drift') return key.rowidAlias === true;
  return column.affinity === 'INTEGER';
}

/** The column a raw table writes the synced row's id into, or undefined when it cannot be told. */
function idColumn(rawTable: RawTable, table: Table): Column | undefined {
  if (!rawTable.put) {
    // The inferred put writes the id into the column named exactly `id`.
    return rawTable.schema ? table.columns.find((c) => c.name === 'id') : undefined;
  }
  const { sql, parameters } = rawTable.put;
  if (sql === undefined || !parameters || parameters.some((p) => p.kind === 'unknown')) return undefined;
  const insert = readInsertStatement(sql);
  if (!insert || !sameSqlName(insert.table, table.name)) return undefined;
  const tokens = splitSqlStatements(sql)[0]?.tokens ?? [];
  const indexes = parameterIndexes(tokens);
  if (Math.max(0, ...indexes.values()) !== parameters.length) return undefined;
  // readInsertStatement tokenizes on its own: match its tokens to these by offset.
  const indexAt = new Map([...indexes].map(([token, index]) => [token.start, index]));
  const idPositions = new Set(parameters.flatMap((p, i) => (p.kind === 'Id' ? [i + 1] : [])));
  const columns = insert.columns ?? table.columns.map((c) => c.name);
  if (columns.length !== insert.valueTokens.length) return undefined;
  const targets = columns.filter((_, i) => {
    const value = insert.valueTokens[i];
    return value.length === 1 && value[0].kind === 'parameter' && idPositions.has(indexAt.get(value[0].start) ?? -1);
  });
  if (targets.length !== 1) return undefined;
  return table.columns.find((c) => sameSqlName(c.name, unquote(targets[0])));
}

function unquote(name: string): string {
  const first = name[0];
  if ((first === '"' || first === '`' || first === '[') && name.length >= 2) return name.slice(1, -1);
  return name;
}

/** For an entity column: the property's type as written (`Long`), the part to change. */
function columnTypeLoc(model: WorkspaceModel, table: Table, column: Column): SourceLocation | undefined {
  if (!table.entity || !column.fieldPath || column.fieldPath.includes('.')) return undefined;
  const file = model.files.get(table.loc.uri);
  const cls = file?.classes.find((c) => c.name === table.entity!.className);
  return cls?.properties.find((p) => p.name === column.fieldPath)?.type?.loc;
}
