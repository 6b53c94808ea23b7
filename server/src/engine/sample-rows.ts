import type { Affinity } from '../model/workspace';
import type { SyncedColumnType } from '../model/backend/sync-configs';
import type { SqlValue } from './database';
import { asciiLower } from '../sql/sql-text';

/**
 * Made-up rows for the preview's simulated sync: a few rows per raw table, and every foreign key
 * pointing at a row generated for its parent table. Where the sync config's output is known the
 * rows are the server's (its columns, its types, NULL where Postgres allows it); otherwise they are
 * guessed from the client (the put's keys, typed by each column's affinity, NOT NULL honoured).
 * Pure and deterministic: the same model gives the same rows.
 */

/** The parts of a model column the generator reads (a `Column` fits). */
export interface SampleColumnShape {
  name: string;
  affinity: Affinity;
  notNull: boolean;
  defaultValue?: string;
  affinityUnresolved?: boolean;
}

/** The parts of a model foreign key the generator reads (a `ForeignKey` fits). */
export interface SampleForeignKeyShape {
  parentTable: string;
  parentColumns: string[];
  childColumns: string[];
  deferred: boolean;
}

/** The parts of a model table the generator reads (a `Table` fits). */
export interface SampleTableShape {
  name: string;
  columns: readonly SampleColumnShape[];
  primaryKey?: { columns: string[] };
  foreignKeys: readonly SampleForeignKeyShape[];
}

/** A raw table as the service sees it: the sync name, its local table and the keys of its rows' data. */
export interface SyncedSource {
  syncName: string;
  /** The local table, when the model knows it. */
  table?: SampleTableShape;
  /** The keys of a PUT's data, as the put's `Column(…)` parameters name them (exact case). */
  dataColumns: string[];
  /** What the sync config sends for this raw table, when that is known: then the rows carry exactly that. */
  server?: ServerOutput;
}

/** The columns the service sends for a raw table (the row id aside), and where the put binds each key. */
export interface ServerOutput {
  columns: readonly { name: string; type: SyncedColumnType; nullable?: boolean; nullableFrom?: string }[];
  /** Data key → the local column the put's `Column(key)` fills; keys no put parameter fills are absent. */
  bindings: Record<string, string>;
}

/** Which version of a row's values: the first sync, the server's later edit, an edit made locally. */
export type RowVersion = 'first' | 'server-edit' | 'local-edit';

export interface SampleRow {
  /** The row's id as the service sends it (`object_id`). */
  id: string;
  /** Values of the local table's columns for the first sync, keyed by column name. */
  values: Record<string, SqlValue>;
  /** For a set with `server`: the first sync's data exactly as the service sends it, keyed by output column. */
  data?: Record<string, SqlValue>;
}

/** The rows generated for one raw table, or for a parent table that no raw table syncs. */
export interface SampleRowSet {
  /** The raw table's sync name; undefined for a parent table seeded locally. */
  syncName?: string;
  /** The local table's name (the sync name when the table is unknown). */
  tableName: string;
  table?: SampleTableShape;
  /** The column that holds the id (`id`, or the primary key's first column). */
  idColumn?: string;
  dataColumns: string[];
  rows: SampleRow[];
  /** True for a parent table no raw table syncs: its rows are inserted locally before the first sync. */
  seeded: boolean;
  /**
   * What the sync config sends, when known: `dataColumns` are then its output columns and each
   * row's `data` what the service sends. Without it, the rows are guessed from the client's put.
   */
  server?: ServerOutput;
}

export interface SampleOptions {
  /** Rows per raw table (and per seeded parent table); at least 1. */
  rowsPerTable?: number;
}

export const DEFAULT_ROWS_PER_TABLE = 3;

/**
 * Generates rows for every source and for every parent table a foreign key reaches that no source
 * syncs. `tables` is every table of the model (foreign keys are looked up there by name).
 */
export function generateSampleRows(sources: readonly SyncedSource[], tables: readonly SampleTableShape[], options: SampleOptions = {}): SampleRowSet[] {
  return new SampleGenerator(sources, tables, Math.max(1, Math.floor(options.rowsPerTable ?? DEFAULT_ROWS_PER_TABLE))).generate();
}

/** The data of a PUT for `row`: the synced columns, with the values of `version`. */
export function putData(set: SampleRowSet, row: SampleRow, version: RowVersion = 'first'): Record<string, SqlValue> {
  const data: Record<string, SqlValue> = {};
  for (const { key, column, name, editable, sent } of dataKeysOf(set)) {
    const first = row.data !== undefined ? row.data[key] ?? null : name in row.values ? row.values[name] : textValue(key, rowIndex(set, row), 'first');
    data[key] = editable ? editedValue(sent ?? column!, first, version) : first;
  }
  return data;
}

/** The local column a data key of the set's rows lands in: the one the put binds it to, else the one of that name. */
export function localColumnOf(set: SampleRowSet, key: string): SampleColumnShape | undefined {
  return findColumn(set.table, set.server?.bindings[key] ?? key);
}

/** Each key of a set's PUT data with its column: a sync of 5,000 rows looks them up once per set, not per row. */
interface DataKey {
  key: string;
  column?: SampleColumnShape;
  /** The column's name, or the key when the table has no such column. */
  name: string;
  editable: boolean;
  /** For a key the service sends: a column typed as the service types it, for later versions' values. */
  sent?: SampleColumnShape;
}

const dataKeys = new WeakMap<SampleRowSet, { of: readonly [SampleRowSet['table'], string | undefined, string[]]; keys: DataKey[] }>();

function dataKeysOf(set: SampleRowSet): DataKey[] {
  const cached = dataKeys.get(set);
  if (cached && cached.of[0] === set.table && cached.of[1] === set.idColumn && cached.of[2] === set.dataColumns) return cached.keys;
  const keys = set.dataColumns.map((key): DataKey => {
    const column = localColumnOf(set, key);
    const output = set.server?.columns.find((c) => c.name === key);
    if (output) {
      // A key no put reads changes with each version too: what the service sends is the point.
      const sent: SampleColumnShape = { name: key, affinity: affinityOfOutput(output.type), notNull: output.nullable !== true };
      return { key, ...(column ? { column } : {}), name: column?.name ?? key, editable: column === undefined || isEditable(set, column), sent };
    }
    return { key, ...(column ? { column } : {}), name: column?.name ?? key, editable: column !== undefined && isEditable(set, column) };
  });
  dataKeys.set(set, { of: [set.table, set.idColumn, set.dataColumns], keys });
  return keys;
}

/**
 * The value a column holds in `version` of a row: foreign keys and the id keep their value (the
 * row stays consistent); other columns change so a later read shows which version it holds.
 */
export function valueInVersion(set: SampleRowSet, columnName: string, row: SampleRow, version: RowVersion): SqlValue {
  const column = findColumn(set.table, columnName);
  const first = row.values[column?.name ?? columnName] ?? null;
  return column && isEditable(set, column) ? editedValue(column, first, version) : first;
}

/** True when a later version changes this column (neither the id nor part of a foreign key). */
export function isEditable(set: SampleRowSet, column: SampleColumnShape): boolean {
  if (set.idColumn !== undefined && sameName(column.name, set.idColumn)) return false;
  return !(set.table !== undefined && lookupOf(set.table).foreignKeyColumns.has(lower(column.name)));
}

/**
 * A value to set in a local-only column that differs from its default, so a reset to the default
 * shows after the next sync.
 */
export function localOnlyMarker(column: SampleColumnShape): SqlValue {
  const affinity = column.affinityUnresolved ? 'TEXT' : column.affinity;
  if (affinity === 'TEXT' || affinity === 'BLOB') return 'set locally';
  const fallback = affinity === 'REAL' ? 0.5 : 0;
  const parsed = column.defaultValue === undefined ? NaN : Number(column.defaultValue.replace(/^\((.*)\)$/, '$1'));
  return (Number.isFinite(parsed) ? parsed : fallback) + 7;
}

/**
 * A new row for a local insert into the set's table: every column filled (local-only ones too),
 * foreign keys pointing at the parents' first rows. Undefined for an unknown table.
 */
export function localInsertRow(set: SampleRowSet, sets: readonly SampleRowSet[]): SampleRow | undefined {
  const table = set.table;
  if (!table) return undefined;
  const index = set.rows.length;
  const values: Record<string, SqlValue> = {};
  const parentValue = (fk: SampleForeignKeyShape, childColumn: string): SqlValue | undefined => {
    const position = fk.childColumns.findIndex((c) => sameName(c, childColumn));
    const parentColumn = fk.parentColumns[position];
    if (sameName(fk.parentTable, table.name)) return undefined;
    const parent = sets.find((s) => sameName(s.tableName, fk.parentTable) && s.rows.length > 0);
    if (!parent || parentColumn === undefined) return undefined;
    const key = findColumn(parent.table, parentColumn)?.name ?? parentColumn;
    return parent.rows[0].values[key];
  };
  for (const column of table.columns) {
    const fk = table.foreignKeys.find((f) => f.childColumns.some((c) => sameName(c, column.name)));
    const fromParent = fk ? parentValue(fk, column.name) : undefined;
    if (fromParent !== undefined) values[column.name] = fromParent;
    else if (set.idColumn !== undefined && sameName(column.name, set.idColumn)) values[column.name] = localId(set, column);
    else values[column.name] = firstValue(column, index, false);
  }
  // A self-reference points at the new row itself.
  for (const fk of table.foreignKeys.filter((f) => sameName(f.parentTable, table.name))) {
    fk.childColumns.forEach((child, i) => {
      const parentColumn = findColumn(table, fk.parentColumns[i] ?? '');
      const childColumn = findColumn(table, child);
      if (parentColumn && childColumn) values[childColumn.name] = values[parentColumn.name];
    });
  }
  const idValue = set.idColumn === undefined ? `${set.syncName ?? set.tableName}-local` : values[findColumn(table, set.idColumn)?.name ?? set.idColumn];
  return { id: String(idValue), values };
}

/** SQLite compares names case-insensitively for ASCII letters. */
function sameName(a: string, b: string): boolean {
  return a === b || lower(a) === lower(b);
}

/** asciiLower, skipping the work for names already in lower case (most are). */
function lower(name: string): string {
  return /[A-Z]/.test(name) ? asciiLower(name) : name;
}

export function findColumn(table: SampleTableShape | undefined, name: string): SampleColumnShape | undefined {
  return table === undefined ? undefined : lookupOf(table).columns.get(lower(name));
}

/** Lower-cased name lookups per table: rows are generated and read column by column, thousands of times. */
interface TableLookup {
  columns: Map<string, SampleColumnShape>;
  /** The foreign key each child column belongs to (its first), with the parent column it maps to. */
  foreignKeyOf: Map<string, { fk: SampleForeignKeyShape; parentColumn?: string }>;
  foreignKeyColumns: Set<string>;
}

const lookups = new WeakMap<SampleTableShape, TableLookup>();

function lookupOf(table: SampleTableShape): TableLookup {
  let lookup = lookups.get(table);
  if (lookup) return lookup;
  const columns = new Map<string, SampleColumnShape>();
  for (const column of table.columns) if (!columns.has(lower(column.name))) columns.set(lower(column.name), column);
  const foreignKeyOf = new Map<string, { fk: SampleForeignKeyShape; parentColumn?: string }>();
  for (const fk of table.foreignKeys) {
    fk.childColumns.forEach((child, i) => {
      const key = lower(child);
      if (!foreignKeyOf.has(key)) foreignKeyOf.set(key, { fk, ...(fk.parentColumns[i] === undefined ? {} : { parentColumn: fk.parentColumns[i] }) });
    });
  }
  lookup = { columns, foreignKeyOf, foreignKeyColumns: new Set(foreignKeyOf.keys()) };
  lookups.set(table, lookup);
  return lookup;
}

/** The column a raw table's `Id` parameter fills: `id`, else the primary key's only column. */
export function idColumnOf(table: SampleTableShape): string | undefined {
  const named = findColumn(table, 'id');
  if (named) return named.name;
  const key = table.primaryKey?.columns;
  return key && key.length === 1 ? findColumn(table, key[0])?.name : undefined;
}

function isNumeric(affinity: Affinity): boolean {
  return affinity === 'INTEGER' || affinity === 'REAL' || affinity === 'NUMERIC';
}

function effectiveAffinity(column: SampleColumnShape): Affinity {
  return column.affinityUnresolved ? 'TEXT' : column.affinity;
}

/** The first-sync value of an ordinary column in row `index`; nullable columns are NULL in the last row. */
function firstValue(column: SampleColumnShape, index: number, lastOfSeveral: boolean): SqlValue {
  if (!column.notNull && lastOfSeveral) return null;
  const affinity = effectiveAffinity(column);
  if (affinity === 'INTEGER' || affinity === 'NUMERIC') return index + 1;
  if (affinity === 'REAL') return index + 1.5;
  return textValue(column.name, index, 'first');
}

/** The affinity SQLite gives a value of the type the service sends (for values of later versions). */
function affinityOfOutput(type: SyncedColumnType): Affinity {
  return type === 'integer' ? 'INTEGER' : type === 'real' ? 'REAL' : type === 'numeric' ? 'NUMERIC' : 'TEXT';
}

/**
 * A row as the service sends it: each output column typed as it types it (the local table's value
 * where that fits, so foreign keys still point at parent rows), NULL in the last row wherever the
 * Postgres column allows NULL, and no key the service does not send. The local values become what
 * the put binds: NULL where it reads a key that never comes.
 */
function serverRow(set: SampleRowSet, id: string, local: Record<string, SqlValue>, index: number, rows: number): SampleRow {
  const server = set.server!;
  const data: Record<string, SqlValue> = {};
  const nullRow = index === rows - 1;
  const foreignKeyColumns = set.table ? lookupOf(set.table).foreignKeyColumns : new Set<string>();
  for (const column of server.columns) {
    const bound = server.bindings[column.name];
    const value = bound === undefined ? undefined : local[bound];
    // A foreign key keeps the parent's generated id whatever the type: a retyped one would point nowhere.
    const keep = bound !== undefined && foreignKeyColumns.has(lower(bound)) && value !== null && value !== undefined;
    data[column.name] = column.nullable === true && nullRow ? null : keep ? value : typedValue(column, value, index);
  }
  // The row's id is part of what the service sends: a put that reads Column("id") gets it.
  if ('id' in server.bindings && !('id' in data)) data.id = id;
  const values = { ...local };
  for (const [key, localColumn] of Object.entries(server.bindings)) values[localColumn] = key in data ? data[key] : null;
  return { id, values, data };
}

/** The keys of the data the service sends: its output columns, and `id` where the put reads it by name. */
function serverKeys(server: ServerOutput): string[] {
  const keys = server.columns.map((c) => c.name);
  return 'id' in server.bindings && !keys.includes('id') ? [...keys, 'id'] : keys;
}

function typedValue(column: { name: string; type: SyncedColumnType }, value: SqlValue | undefined, index: number): SqlValue {
  const number = typeof value === 'number' ? value : undefined;
  switch (column.type) {
    case 'text': return value === undefined || value === null ? textValue(column.name, index, 'first') : typeof value === 'string' ? value : String(value);
    case 'integer': return number !== undefined && Number.isInteger(number) ? number : index + 1;
    case 'real': return number ?? index + 1.5;
    case 'numeric': return number ?? index + 1;
    default: return value === undefined || value === null ? textValue(column.name, index, 'first') : value;
  }
}

function textValue(name: string, index: number, version: RowVersion): string {
  const suffix = version === 'server-edit' ? ' (edited on the server)' : version === 'local-edit' ? ' (edited locally)' : '';
  return `${name} ${index + 1}${suffix}`;
}

/** The value an editable column holds in `version`, from its first-sync value. */
export function editedValue(column: SampleColumnShape, first: SqlValue, version: RowVersion): SqlValue {
  if (version === 'first') return first;
  const affinity = effectiveAffinity(column);
  const step = version === 'server-edit' ? 1000 : 2000;
  if (isNumeric(affinity)) return (typeof first === 'number' ? first : 0) + step;
  const base = first === null ? column.name : String(first);
  return `${base} (${version === 'server-edit' ? 'edited on the server' : 'edited locally'})`;
}

function localId(set: SampleRowSet, column: SampleColumnShape): SqlValue {
  if (isNumeric(effectiveAffinity(column))) {
    const largest = set.rows.reduce((max, row) => Math.max(max, Number(row.values[column.name]) || 0), 0);
    return largest + 1_000_000;
  }
  return `${set.syncName ?? set.tableName}-local`;
}

function rowIndex(set: SampleRowSet, row: SampleRow): number {
  return Math.max(0, set.rows.indexOf(row));
}

/** One table's rows under construction: ids first, cells filled on demand (foreign keys recurse). */
interface Pending {
  set: SampleRowSet;
  ids: SqlValue[];
  /** Each column's cells, and what they depend on, worked out once per column rather than per cell. */
  plans: Map<string, CellPlan>;
}

interface CellPlan {
  column?: SampleColumnShape;
  /** The set's id column. */
  isId: boolean;
  inPrimaryKey: boolean;
  /** The foreign key the column belongs to, when the set's table is known. */
  link?: { fk: SampleForeignKeyShape; parentColumn?: string };
  /** The foreign key points at the set's own table. */
  selfReference: boolean;
  /** The set a foreign key's parent rows come from (primaryFor), once looked up. */
  parent?: { pending: Pending | undefined };
  /** The cells filled so far, by row. */
  cells: SqlValue[];
}

class SampleGenerator {
  private readonly pending: Pending[] = [];
  private readonly primaries = new Map<string, Pending | undefined>();
  private nextNumericId = 1;

  constructor(
    private readonly sources: readonly SyncedSource[],
    private readonly tables: readonly SampleTableShape[],
    private readonly rowsPerTable: number,
  ) {}

  generate(): SampleRowSet[] {
    for (const source of this.sources) {
      this.add({
        syncName: source.syncName,
        tableName: source.table?.name ?? source.syncName,
        ...(source.table ? { table: source.table } : {}),
        ...(source.table && idColumnOf(source.table) !== undefined ? { idColumn: idColumnOf(source.table) } : {}),
        dataColumns: source.server ? serverKeys(source.server) : source.dataColumns,
        rows: [],
        seeded: false,
        ...(source.server ? { server: source.server } : {}),
      });
    }
    // Parent tables that no raw table syncs get rows of their own, inserted locally.
    for (let i = 0; i < this.pending.length; i++) {
      for (const fk of this.pending[i].set.table?.foreignKeys ?? []) {
        if (this.primaryFor(fk.parentTable)) continue;
        const parent = this.tables.find((t) => sameName(t.name, fk.parentTable));
        if (!parent) continue;
        const idColumn = idColumnOf(parent);
        this.add({ tableName: parent.name, table: parent, ...(idColumn !== undefined ? { idColumn } : {}), dataColumns: [], rows: [], seeded: true });
      }
    }
    for (const entry of this.pending) {
      const { set } = entry;
      const columns = set.table?.columns ?? [];
      const plans = columns.map((column) => this.planOf(entry, column.name));
      for (let i = 0; i < this.rowsPerTable; i++) {
        const values: Record<string, SqlValue> = {};
        for (let c = 0; c < columns.length; c++) values[columns[c].name] = this.cellOf(entry, plans[c], columns[c].name, i, 0);
        const id = set.idColumn !== undefined ? this.cell(entry, set.idColumn, i, 0) : entry.ids[i];
        set.rows.push(set.server ? serverRow(set, String(id), values, i, this.rowsPerTable) : { id: String(id), values });
      }
    }
    return this.pending.map((p) => p.set);
  }

  private add(set: SampleRowSet): void {
    const idColumn = set.idColumn === undefined ? undefined : findColumn(set.table, set.idColumn);
    const numeric = idColumn !== undefined && isNumeric(effectiveAffinity(idColumn));
    const ids: SqlValue[] = [];
    for (let i = 0; i < this.rowsPerTable; i++) ids.push(numeric ? this.nextNumericId++ : `${set.syncName ?? set.tableName}-${i + 1}`);
    this.pending.push({ set, ids, plans: new Map() });
    this.primaries.clear();
  }

  /** The first set that fills a table: foreign keys into that table point at its rows. */
  private primaryFor(tableName: string): Pending | undefined {
    const key = lower(tableName);
    if (!this.primaries.has(key)) {
      this.primaries.set(key, this.pending.find((p) => p.set.table !== undefined && lower(p.set.tableName) === key));
    }
    return this.primaries.get(key);
  }

  private cell(entry: Pending, columnName: string, index: number, depth: number): SqlValue {
    return this.cellOf(entry, this.planOf(entry, columnName), columnName, index, depth);
  }

  private cellOf(entry: Pending, plan: CellPlan, columnName: string, index: number, depth: number): SqlValue {
    const cached = plan.cells[index];
    if (cached !== undefined) return cached;
    const value = this.computeCell(entry, plan, columnName, index, depth);
    plan.cells[index] = value;
    return value;
  }

  private computeCell(entry: Pending, plan: CellPlan, columnName: string, index: number, depth: number): SqlValue {
    const { set } = entry;
    if (depth > 16 || !set.table || !plan.link) return this.fallback(entry, plan, columnName, index);
    const { parentColumn } = plan.link;
    if (plan.selfReference) {
      // A self-reference points at the row itself, consistent whatever order rows arrive in.
      if (parentColumn === undefined || sameName(parentColumn, columnName)) return this.fallback(entry, plan, columnName, index);
      return this.cell(entry, parentColumn, index, depth + 1);
    }
    plan.parent ??= { pending: this.primaryFor(plan.link.fk.parentTable) };
    const parent = plan.parent.pending;
    if (!parent || parentColumn === undefined) return plan.column && !plan.column.notNull ? null : this.fallback(entry, plan, columnName, index);
    return this.cell(parent, parentColumn, index % this.rowsPerTable, depth + 1);
  }

  private fallback(entry: Pending, plan: CellPlan, columnName: string, index: number): SqlValue {
    if (plan.isId) return entry.ids[index];
    const last = this.rowsPerTable > 1 && index === this.rowsPerTable - 1;
    return plan.column ? firstValue(plan.column, index, last && !plan.inPrimaryKey) : textValue(columnName, index, 'first');
  }

  private planOf(entry: Pending, columnName: string): CellPlan {
    let plan = entry.plans.get(columnName);
    if (plan) return plan;
    const { set } = entry;
    const column = findColumn(set.table, columnName);
    const link = set.table ? lookupOf(set.table).foreignKeyOf.get(lower(columnName)) : undefined;
    plan = {
      ...(column ? { column } : {}),
      isId: set.idColumn !== undefined && sameName(columnName, set.idColumn),
      inPrimaryKey: column !== undefined && this.inPrimaryKey(set, column.name),
      ...(link ? { link } : {}),
      selfReference: link !== undefined && sameName(link.fk.parentTable, set.tableName),
      cells: [],
    };
    entry.plans.set(columnName, plan);
    return plan;
  }

  private inPrimaryKey(set: SampleRowSet, column: string): boolean {
    return (set.table?.primaryKey?.columns ?? []).some((c) => sameName(c, column));
  }
}
