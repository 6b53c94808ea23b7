import type { Database, SqlValue } from '@powersync/sql-js/dist/sql-wasm.js';
import type { DescribedTable, SqlCatalog } from '../model/sql-catalog';
import type { Affinity, ForeignKeyAction } from '../model/workspace';
import { loadEngine, type Engine, type EngineWasm } from './sqljs';
import { splitSqlStatements, sameSqlName } from '../sql/sql-text';
import { outlineCreateTable, statementKind, type ForeignKeyOutline } from '../sql/sql-outline';

/** The column name shown for an expression in an index. */
export const EXPRESSION_COLUMN = '(expression)';

/** Answers kept: a model build asks once, plus once per further definition of a table name. */
const KEPT_ANSWERS = 8;

/**
 * SqlCatalog backed by SQLite: each call runs the statements in a fresh scratch database. The
 * model is rebuilt on every edit, usually with the same statements, so the last answers are kept.
 */
export class SqliteCatalog implements SqlCatalog {
  private readonly kept = new Map<string, DescribedTable[]>();

  constructor(private readonly engine: Engine) {}

  describeTables(createStatements: string[]): DescribedTable[] {
    const key = JSON.stringify(createStatements);
    const known = this.kept.get(key);
    if (known) {
      this.kept.delete(key);
      this.kept.set(key, known);
      return known;
    }
    const db = new this.engine.sqlite.Database();
    try {
      const tables = describeIn(db, createStatements);
      this.kept.set(key, tables);
      if (this.kept.size > KEPT_ANSWERS) this.kept.delete(this.kept.keys().next().value!);
      return tables;
    } finally {
      db.close();
    }
  }
}

export async function createSqlCatalog(wasm: EngineWasm): Promise<SqlCatalog> {
  return new SqliteCatalog(await loadEngine(wasm));
}

interface CreatedTable {
  name: string;
  sql: string;
  statementIndex: number;
  foreignKeys: ForeignKeyOutline[];
}

function describeIn(db: Database, createStatements: string[]): DescribedTable[] {
  const created: CreatedTable[] = [];
  const indexStatements: string[] = [];
  createStatements.forEach((script, statementIndex) => {
    for (const statement of splitSqlStatements(script)) {
      const kind = statementKind(statement.tokens);
      if (kind === 'create-index') {
        indexStatements.push(statement.text);
        continue;
      }
      if (kind !== 'create-table') continue;
      const outline = outlineCreateTable(statement.tokens);
      // `AS SELECT` would run a query (possibly endless); another schema is not ours to describe.
      if (!outline || outline.asSelect || (outline.schema && !['main', 'temp'].includes(outline.schema.value.toLowerCase()))) continue;
      const name = outline.name.value;
      if (tableExists(db, name)) continue; // taken: SQLite would fail or, with IF NOT EXISTS, do nothing
      if (!run(db, statement.text)) continue;
      const stored = storedTableName(db, name);
      if (stored) created.push({ name: stored, sql: statement.text, statementIndex, foreignKeys: outline.foreignKeys });
    }
  });
  for (const sql of indexStatements) run(db, sql);
  return created.map((table) => describeTable(db, table));
}

function describeTable(db: Database, table: CreatedTable): DescribedTable {
  const columns = rows(db, 'select name, type, "notnull" as not_null, dflt_value, pk from pragma_table_info(?) order by cid', [table.name]).map((row) => ({
    name: String(row.name),
    declaredType: String(row.type ?? ''),
    affinity: columnAffinity(String(row.type ?? '')),
    notNull: row.not_null === 1,
    ...(row.dflt_value === null ? {} : { defaultValue: String(row.dflt_value) }),
    primaryKeyPosition: Number(row.pk),
  }));
  return {
    name: table.name,
    columns,
    foreignKeys: describeForeignKeys(db, table),
    indices: describeIndices(db, table.name),
    sql: table.sql,
    statementIndex: table.statementIndex,
  };
}

function describeForeignKeys(db: Database, table: CreatedTable): DescribedTable['foreignKeys'] {
  const byId = new Map<number, { parentTable: string; from: string[]; to: (string | null)[]; onUpdate: ForeignKeyAction; onDelete: ForeignKeyAction }>();
  for (const row of rows(db, 'select id, seq, "table" as parent, "from" as child, "to" as target, on_update, on_delete from pragma_foreign_key_list(?) order by id, seq', [table.name])) {
    const id = Number(row.id);
    let entry = byId.get(id);
    if (!entry) {
      entry = { parentTable: String(row.parent), from: [], to: [], onUpdate: action(row.on_update), onDelete: action(row.on_delete) };
      byId.set(id, entry);
    }
    entry.from.push(String(row.child));
    entry.to.push(row.target === null ? null : String(row.target));
  }
  // SQLite numbers foreign keys from the last one declared.
  const declared = [...byId.entries()].sort(([a], [b]) => b - a).map(([, fk]) => fk);
  const unused = [...table.foreignKeys];
  return declared.map((fk, position) => {
    const outline = matchOutline(unused, fk.parentTable, fk.from, table.foreignKeys[position]);
    return {
      parentTable: fk.parentTable,
      parentColumns: fk.to.every((c) => c !== null) ? (fk.to as string[]) : primaryKeyOf(db, fk.parentTable),
      childColumns: fk.from,
      onUpdate: fk.onUpdate,
      onDelete: fk.onDelete,
      deferred: outline?.deferred ?? false,
    };
  });
}

/** The outline of the same clause: the one at the same position when it agrees, else the first that does. */
function matchOutline(unused: ForeignKeyOutline[], parentTable: string, childColumns: string[], atPosition: ForeignKeyOutline | undefined): ForeignKeyOutline | undefined {
  const agrees = (o: ForeignKeyOutline) =>
    sameSqlName(o.parentTable, parentTable) &&
    o.childColumns.length === childColumns.length &&
    o.childColumns.every((c, i) => sameSqlName(c, childColumns[i]));
  const found = atPosition && unused.includes(atPosition) && agrees(atPosition) ? atPosition : unused.find(agrees);
  if (found) unused.splice(unused.indexOf(found), 1);
  return found;
}

function primaryKeyOf(db: Database, table: string): string[] {
  return rows(db, 'select name from pragma_table_info(?) where pk > 0 order by pk', [table]).map((row) => String(row.name));
}

function describeIndices(db: Database, table: string): DescribedTable['indices'] {
  return rows(db, 'select name, "unique" as isunique, origin from pragma_index_list(?) order by seq', [table]).reverse().map((index) => {
    const name = String(index.name);
    const keys = rows(db, 'select name, "desc" as descending from pragma_index_xinfo(?) where key = 1 order by seqno', [name]);
    const sql = rows(db, "select sql from sqlite_master where type = 'index' and name = ?", [name])[0]?.sql;
    const origin = String(index.origin);
    return {
      name,
      unique: index.isunique === 1,
      columns: keys.map((k) => (k.name === null ? EXPRESSION_COLUMN : String(k.name))),
      origin: origin === 'u' || origin === 'pk' ? origin : 'c',
      orders: keys.map((k) => (k.descending === 1 ? 'DESC' : 'ASC')),
      ...(typeof sql === 'string' ? { sql } : {}),
    };
  });
}

/** SQLite's affinity rules for a declared type (https://sqlite.org/datatype3.html, 3.1). */
export function columnAffinity(declaredType: string): Affinity {
  const type = declaredType.toUpperCase();
  if (type.includes('INT')) return 'INTEGER';
  if (type.includes('CHAR') || type.includes('CLOB') || type.includes('TEXT')) return 'TEXT';
  if (type.includes('BLOB') || type.trim().length === 0) return 'BLOB';
  if (type.includes('REAL') || type.includes('FLOA') || type.includes('DOUB')) return 'REAL';
  return 'NUMERIC';
}

function action(value: SqlValue): ForeignKeyAction {
  const text = String(value).toUpperCase();
  return text === 'RESTRICT' || text === 'SET NULL' || text === 'SET DEFAULT' || text === 'CASCADE' ? text : 'NO ACTION';
}

function tableExists(db: Database, name: string): boolean {
  return storedTableName(db, name) !== undefined;
}

/** The name as SQLite stored it (names match case-insensitively). */
function storedTableName(db: Database, name: string): string | undefined {
  const row = rows(db, "select name from sqlite_schema where type = 'table' and name = ? collate nocase union all select name from sqlite_temp_schema where type = 'table' and name = ? collate nocase", [name, name])[0];
  return row === undefined ? undefined : String(row.name);
}

function run(db: Database, sql: string): boolean {
  try {
    db.exec(sql);
    return true;
  } catch {
    return false;
  }
}

function rows(db: Database, sql: string, params: SqlValue[]): Record<string, SqlValue>[] {
  const statement = db.prepare(sql);
  try {
    statement.bind(params);
    const out: Record<string, SqlValue>[] = [];
    while (statement.step()) out.push(statement.getAsObject());
    return out;
  } finally {
    statement.free();
  }
}
