import { evaluateString } from '../model/evaluate';
import type { ExportedSchemaFact } from '../model/facts';
import { roomSchemaHistory, type RoomSchemaHistory } from '../model/room-schema-exports';
import { anyFileUnread } from '../model/synced-tables';
import { argumentFor, type Value } from '../model/value';
import type { RawTable, Table, WorkspaceModel } from '../model/workspace';
import { readInsertStatement } from '../sql/insert-statement';
import { isName, isWord, parameterIndexes, splitSqlStatements, tokenizeSql, type SqlToken } from '../sql/sql-text';
import type { Finding, RelatedLocation } from '../findings/finding';
import type { Rule } from '../findings/rule';

const RULE = 'raw-table-added-later';

/** Words in SQL that show rows of a type outside the schema being handled (docs/facts.md §5). */
const UNTYPED_TABLE = 'ps_untyped';
const RESYNC_FUNCTIONS = ['powersync_trigger_resync', 'powersync_raw_table_migrate'];
/** Room's migration hooks: a statement there that cannot be read may be the copy. */
const MIGRATION_FUNCTIONS = new Set(['migrate', 'onPostMigrate']);

/**
 * A raw table whose local table is a Room entity new in the database's current version: the
 * export of the version before lacks it. An install at that earlier version ran without the table,
 * so rows the service sent for its type wait in `ps_untyped`, and the core never moves them into a
 * raw table (powersync-kotlin#355; proven in test/unit/engine/raw-table-lifecycle.test.ts): after
 * the upgrade the table lacks every row that does not change again. Silent when any SQL of the
 * workspace handles `ps_untyped` for the type (or for a type it cannot tell), triggers a resync,
 * or fills the table from one of the earlier version; when the database's version, the export of
 * the version before or a file is unknown.
 */
export const rawTableAddedLater: Rule = {
  meta: {
    id: RULE,
    defaultSeverity: 'warning',
    description: "A raw table whose Room table is new in this database version: rows synced before the upgrade wait in ps_untyped and never reach it unless the migration copies them or triggers a resync.",
    docs: 'docs/rules/raw-table-added-later.md',
    fixable: false,
  },
  check(model) {
    const histories = roomSchemaHistory(model).filter((h) => !writtenInJava(model, h.database.loc.uri));
    if (histories.length === 0 || anyFileUnread(model) || javaMigrations(model)) return [];
    const handled = handledRows(model);
    if (handled === 'all') return [];
    const findings: Finding[] = [];
    for (const rawTable of model.rawTables) {
      const { name, localTable } = rawTable;
      if (name === undefined || localTable === undefined || handled.types.has(name)) continue;
      for (const history of histories) {
        const arrival = arrivalOf(history, localTable);
        if (arrival && !filledFromEarlierTable(handled, localTable, arrival)) findings.push(finding(model, rawTable, history, arrival));
      }
    }
    return findings;
  },
};

/** The table is new in the code's version: the export of the version before lacks it. */
interface Arrival {
  /** The code's version less one: an install may be at it. */
  before: number;
  /** The code's version. */
  added: number;
  /** The table's CREATE TABLE in the exports of `added`, when that version is exported yet. */
  exported: ExportedSchemaFact[];
  /** The exports of `before`, to point at. */
  beforeFiles: ExportedSchemaFact[];
  /** The tables (lower-cased) of the exports of `before`. */
  beforeTables: ReadonlySet<string>;
}

/**
 * Only a table new in the version the code declares is judged: its migration is the one being
 * written. A table that arrived in an earlier version shipped long ago, maybe before the app
 * synced with PowerSync at all (then nothing waits in ps_untyped), and its migration has run.
 */
function arrivalOf(history: RoomSchemaHistory, localTable: string): Arrival | undefined {
  const { database } = history;
  const current = database.version;
  if (current === undefined || history.incomplete) return undefined;
  const key = localTable.toLowerCase();
  // The code's own entities say the table is in the current version.
  if (!database.entities.some((e) => e.tableName?.toLowerCase() === key)) return undefined;
  const at = (version: number) => history.versions.find((v) => v.version === version)?.files.map((f) => f.tables.get(key));
  const now = at(current) ?? [];
  // The export of the code's own version lacks the table (code and export disagree: room-schema-drift's
  // ground), or variants of a version disagree (which one an install was built from is not known).
  if (now.some((f) => f === undefined)) return undefined;
  const previous = history.versions.find((v) => v.version === current - 1);
  if (!previous || previous.files.some((f) => f.tables.has(key))) return undefined;
  return {
    before: previous.version,
    added: current,
    exported: now.filter((f): f is ExportedSchemaFact => f !== undefined),
    beforeFiles: previous.files.flatMap((f) => [...f.tables.values()].slice(0, 1)),
    beforeTables: new Set(previous.files.flatMap((f) => [...f.tables.keys()])),
  };
}

/** A database declared in Java: its migrations are likely Java, whose calls Rawsync does not read. */
function writtenInJava(model: WorkspaceModel, uri: string): boolean {
  return model.files.get(uri)?.language === 'java';
}

/** A Java class that is (or holds) a Room migration: its SQL calls are not read, and may be the copy. */
function javaMigrations(model: WorkspaceModel): boolean {
  for (const file of model.files.values()) {
    if (file.language !== 'java') continue;
    for (const cls of file.classes) {
      if (cls.superTypes.some((t) => /(^|\.)(Migration|AutoMigrationSpec)$/.test(t.name))) return true;
      if (cls.functions.some((f) => MIGRATION_FUNCTIONS.has(f.name))) return true;
    }
  }
  return false;
}

/** What the workspace's SQL does about rows that may wait in `ps_untyped`. */
interface HandledRows {
  /** Sync types whose `ps_untyped` rows some statement handles. */
  types: Set<string>;
  /**
   * Tables a statement fills from another (`INSERT INTO t … SELECT … FROM x`, `ALTER TABLE x
   * RENAME TO t`, Room's `@RenameTable(fromTableName = "x", toTableName = "t")`), each with the
   * tables it is filled from, lower-cased; `*` when the source cannot be told.
   */
  filledFrom: Map<string, Set<string>>;
}

/**
 * What SQL of the workspace handles, or 'all' when a statement triggers a resync, handles
 * `ps_untyped` without naming a type, or may (a statement in a migration, or naming these words,
 * whose text cannot be read).
 */
function handledRows(model: WorkspaceModel): HandledRows | 'all' {
  const handled: HandledRows = { types: new Set(), filledFrom: new Map() };
  const fill = (table: string, from: string) => {
    const key = table.toLowerCase();
    handled.filledFrom.set(key, new Set([...(handled.filledFrom.get(key) ?? []), from.toLowerCase()]));
  };
  const consider = (text: string, boundStrings: string[]): boolean => {
    const lower = text.toLowerCase();
    if (RESYNC_FUNCTIONS.some((f) => lower.includes(f))) return true;
    for (const statement of splitSqlStatements(text)) {
      const filled = filledTable(statement.text, statement.tokens);
      if (filled !== undefined) fill(filled.table, filled.from);
    }
    if (!lower.includes(UNTYPED_TABLE)) return false;
    const named = [...tokenizeSql(text).filter((t) => t.kind === 'string').map((t) => t.value), ...boundStrings];
    if (named.length === 0) return true;
    named.forEach((n) => handled.types.add(n));
    return false;
  };
  for (const file of model.files.values()) {
    for (const fact of file.sqlStatements) {
      const scope = model.names.scope(file.uri, fact.owner ?? []);
      const text = evaluateString(fact.sql, scope);
      if (text === undefined) {
        const literal = literalText(fact.sql).toLowerCase();
        if (literal.includes(UNTYPED_TABLE) || RESYNC_FUNCTIONS.some((f) => literal.includes(f))) return 'all';
        if (fact.enclosingFunction !== undefined && MIGRATION_FUNCTIONS.has(fact.enclosingFunction)) return 'all';
        continue;
      }
      const bound = (fact.call?.args.slice(1) ?? []).flatMap((a) => stringsIn(a.value, scope));
      if (consider(text, bound)) return 'all';
    }
    // A statement kept in a constant and run through a helper the front end does not know.
    for (const constant of file.constants) {
      const text = evaluateString(constant.value, model.names.scope(file.uri, constant.owner));
      if (text !== undefined && consider(text, [])) return 'all';
    }
    for (const cls of file.classes) {
      for (const annotation of cls.annotations) {
        if (annotation.name !== 'RenameTable' && !annotation.name.endsWith('.RenameTable')) continue;
        const scope = model.names.scope(file.uri, [...cls.outer, cls.name]);
        const from = argumentFor(annotation.args, 'fromTableName', 0);
        const to = argumentFor(annotation.args, 'toTableName', 1);
        const name = to && evaluateString(to.value, scope);
        if (name === undefined) return 'all';
        fill(name, (from && evaluateString(from.value, scope)) ?? '*');
      }
    }
  }
  return handled;
}

/**
 * The table `INSERT INTO t … SELECT … FROM x` or `ALTER TABLE x RENAME TO t` fills, and from
 * which table (`*` when the SELECT's first table cannot be told).
 */
function filledTable(text: string, tokens: SqlToken[]): { table: string; from: string } | undefined {
  if (isWord(tokens[0], 'ALTER') && isWord(tokens[1], 'TABLE') && isName(tokens[2])) {
    const to = tokens.findIndex((t, i) => isWord(t, 'RENAME') && isWord(tokens[i + 1], 'TO'));
    return to >= 0 && isName(tokens[to + 2]) ? { table: tokens[to + 2].value, from: tokens[2].value } : undefined;
  }
  const insert = tokens.length > 0 && isWord(tokens[0], 'INSERT', 'REPLACE') ? readInsertStatement(text) : undefined;
  const select = tokens.findIndex((t) => isWord(t, 'SELECT'));
  if (!insert || insert.valueTokens.length > 0 || select < 0) return undefined;
  const from = tokens.findIndex((t, i) => i > select && isWord(t, 'FROM'));
  return { table: insert.table, from: from >= 0 && isName(tokens[from + 1]) ? tokens[from + 1].value : '*' };
}

/**
 * A table the workspace fills from a table of the version before it arrived: renamed or split
 * from it, so its rows came along (Room's rebuild of a table, `x_new` renamed to `x`, does not count).
 */
function filledFromEarlierTable(handled: HandledRows, localTable: string, arrival: Arrival): boolean {
  const sources = handled.filledFrom.get(localTable.toLowerCase());
  if (!sources) return false;
  return [...sources].some((from) => from === '*' || arrival.beforeTables.has(from));
}

/** Strings an argument holds: a string, or the items of `listOf("a", …)`. */
function stringsIn(value: Value, scope: ReturnType<WorkspaceModel['names']['scope']>): string[] {
  if (value.kind === 'call') return value.args.flatMap((a) => stringsIn(a.value, scope));
  if (value.kind === 'list') return value.items.flatMap((v) => stringsIn(v, scope));
  const text = evaluateString(value, scope);
  return text === undefined ? [] : [text];
}

function literalText(value: Value): string {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'template') return value.parts.map(literalText).join('');
  return '';
}

function finding(model: WorkspaceModel, rawTable: RawTable, history: RoomSchemaHistory, arrival: Arrival): Finding {
  const name = rawTable.name!;
  const tableName = rawTable.localTable!;
  const { database } = history;
  const table = model.tables.find((t) => t.origin === 'room-entity' && t.name.toLowerCase() === tableName.toLowerCase());
  const copy = table && copyFromUntypedSql(rawTable, table);
  const copyText = copy
    ? `Copy them in the migration that creates the table, after the CREATE TABLE: ${copy.map((s) => `${s};`).join(' ')}`
    : `Copy them in the migration that creates the table, after the CREATE TABLE: INSERT INTO ${tableName} the id and each synced column read with data ->> '<column>' FROM ps_untyped WHERE type = '${name}', then DELETE FROM ps_untyped WHERE type = '${name}'.`;
  const related: RelatedLocation[] = [
    ...arrival.exported.map((f) => ({ loc: f.loc, message: `'${f.tableName}' in Room's export of ${database.className} version ${arrival.added}${f.variant ? ` (${f.variant})` : ''}` })),
    ...arrival.beforeFiles.map((f) => ({ loc: f.loc, message: `Room's export of ${database.className} version ${arrival.before}${f.variant ? ` (${f.variant})` : ''}, without '${tableName}'` })),
  ];
  if (database.annotationLoc) related.push({ loc: database.annotationLoc, message: `${database.className} is at version ${database.version}` });
  return {
    rule: RULE,
    severity: 'warning',
    message:
      `Table '${tableName}' will lack the '${name}' rows an install at version ${arrival.before} synced before upgrading. ` +
      `${database.className} has the table from version ${arrival.added} on, and Room's export of version ${arrival.before} lacks it; while an app runs without a table for a type, the rows it syncs for it wait in ps_untyped, and PowerSync moves them into its own JSON tables, never into a raw table: after the upgrade only rows that change again arrive. ` +
      `${copyText} ` +
      `Or run SELECT powersync_trigger_resync(TRUE) there: every row is applied again at the next sync, once the app is online.`,
    loc: rawTable.nameLoc,
    related,
    fixes: [],
  };
}

/**
 * The documented copy of a raw table's waiting rows (docs/facts.md §5): insert the id and each
 * synced column, read from the row's JSON by the key the raw table's put takes it from, then delete
 * the type from `ps_untyped`. Undefined when the keys are not known (a `Rest` parameter, a value
 * that is more than one parameter, a put Rawsync cannot read).
 */
export function copyFromUntypedSql(rawTable: RawTable, table: Table): string[] | undefined {
  const name = rawTable.name;
  if (name === undefined) return undefined;
  const pairs = columnKeys(rawTable, table);
  if (!pairs) return undefined;
  const type = sqlString(name);
  const columns = pairs.map((p) => sqlName(p.column)).join(', ');
  const values = pairs.map((p) => (p.key === undefined ? 'id' : `data ->> ${sqlString(p.key)}`)).join(', ');
  return [
    `INSERT INTO ${sqlName(table.name)} (${columns}) SELECT ${values} FROM ps_untyped WHERE type = ${type}`,
    `DELETE FROM ps_untyped WHERE type = ${type}`,
  ];
}

/** Each column sync writes and the JSON key its value comes from (no key: the row's id), id first. */
function columnKeys(rawTable: RawTable, table: Table): { column: string; key?: string }[] | undefined {
  const put = rawTable.put;
  if (!put) {
    if (!rawTable.schema) return undefined;
    const listed = rawTable.schema.syncedColumns;
    if (listed === 'unknown') return undefined;
    const id = table.columns.find((c) => c.name.toLowerCase() === 'id');
    if (!id) return undefined;
    const synced = table.columns.filter((c) => c !== id && (!listed || listed.includes(c.name)));
    return [{ column: id.name }, ...synced.map((c) => ({ column: c.name, key: c.name }))];
  }
  const { sql, parameters } = put;
  if (sql === undefined || !parameters) return undefined;
  const insert = readInsertStatement(sql);
  const tokens = splitSqlStatements(sql)[0]?.tokens;
  if (!insert || !tokens) return undefined;
  // By offset: readInsertStatement tokenizes the statement on its own.
  const indexes = new Map([...parameterIndexes(tokens)].map(([token, index]) => [token.start, index]));
  const columns = insert.columns ?? table.columns.map((c) => c.name);
  if (columns.length !== insert.valueTokens.length) return undefined;
  const pairs: { column: string; key?: string }[] = [];
  for (let i = 0; i < columns.length; i++) {
    const value = insert.valueTokens[i];
    if (value.length !== 1 || value[0].kind !== 'parameter') return undefined;
    const source = parameters[(indexes.get(value[0].start) ?? 0) - 1];
    if (source?.kind === 'Id') pairs.unshift({ column: columns[i] });
    else if (source?.kind === 'Column' && source.name !== undefined) pairs.push({ column: columns[i], key: source.name });
    else return undefined;
  }
  return pairs[0]?.key === undefined ? pairs : undefined;
}

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Words SQLite will not take as a bare column name where they are likely to be one. */
const RESERVED = new Set(['add', 'all', 'and', 'as', 'by', 'case', 'check', 'default', 'delete', 'desc', 'drop', 'else', 'end', 'from', 'group', 'in', 'index', 'insert', 'into', 'is', 'join', 'limit', 'not', 'null', 'on', 'or', 'order', 'primary', 'references', 'select', 'set', 'table', 'then', 'to', 'transaction', 'union', 'unique', 'update', 'values', 'when', 'where']);

function sqlName(name: string): string {
  return PLAIN_NAME.test(name) && !RESERVED.has(name.toLowerCase()) ? name : `"${name.replace(/"/g, '""')}"`;
}

function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
