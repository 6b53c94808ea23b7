import type { RawTable, Table, WorkspaceModel } from '../model/workspace';
import { foreignKeySetting, type ForeignKeySetting } from '../model/foreign-key-setting';
import { CoreDatabase, errorText, type CoreSchemaJson } from './database';
import { createCrudTriggers, defaultTriggerNames, type CrudEvent } from './crud-triggers';
import type { Engine } from './sqljs';
import { asciiLower, tokenizeSql } from '../sql/sql-text';

/**
 * The database the app's code will produce, planned from the model and built in the real core:
 * Room's DDL for entities (in `@Database` order), the CREATE TABLEs found in SQL, the workspace's
 * triggers, `PRAGMA foreign_keys = ON` where Room or the app turns it on, and the raw tables
 * handed to `powersync_replace_schema`. Planning is pure; building runs every statement and
 * records SQLite's answer for each instead of stopping at the first failure.
 */

export type PlannedStatementKind = 'table' | 'index' | 'trigger' | 'crud-trigger';

export interface PlannedStatement {
  kind: PlannedStatementKind;
  /** The table, index or trigger name, when known. */
  name?: string;
  /**
   * The SQL run: the statement as written, or for a crud-trigger whose raw table is known, the
   * raw table's JSON handed to the core's generator.
   */
  sql: string;
  /** For crud-triggers. */
  event?: CrudEvent;
  /** For crud-triggers: true when `sql` is the raw table's JSON rather than the app's statement. */
  rawTableJson?: boolean;
}

/** A part of the workspace the preview could not put into the database, and why. */
export interface PlanNote {
  kind: 'table' | 'trigger' | 'raw-table';
  name?: string;
  reason: string;
}

export type { ForeignKeySetting } from '../model/foreign-key-setting';

/** A raw table handed to the core. */
export interface PlannedRawTable {
  syncName: string;
  localTable?: string;
  /** The core's JSON for it. */
  json: unknown;
  model: RawTable;
}

export interface PreviewPlan {
  /** Tables, then indexes, then triggers, in the order they run. */
  statements: PlannedStatement[];
  foreignKeys: ForeignKeySetting;
  rawTables: PlannedRawTable[];
  schema: CoreSchemaJson;
  /** What was left out. */
  notes: PlanNote[];
}

/** SQLite's answer to one planned statement. */
export interface BuiltStatement extends PlannedStatement {
  ok: boolean;
  error?: string;
}

export interface BuiltPreviewDatabase {
  db: CoreDatabase;
  statements: BuiltStatement[];
  /** `powersync_replace_schema`'s answer. */
  schema: { ok: boolean; error?: string };
  ok: boolean;
}

/** Plans the preview database from the model. Pure: no SQLite involved. */
export function planPreviewDatabase(model: WorkspaceModel): PreviewPlan {
  const notes: PlanNote[] = [];
  const statements: PlannedStatement[] = [];
  for (const table of tablesInCreationOrder(model)) {
    const unavailable = unavailableTokenizer(table);
    if (unavailable !== undefined) {
      notes.push({ kind: 'table', name: table.name, reason: `its FTS tokenizer '${unavailable}' is not built into the preview's SQLite (it has ${[...PREVIEW_TOKENIZERS].join(', ')}), so the virtual table is not created` });
      continue;
    }
    // An entity whose columns are all unknown has no statement.
    if (table.createSql.trim().length > 0) statements.push({ kind: 'table', name: table.name, sql: table.createSql });
    for (const index of table.indices) {
      if (index.createSql.trim().length > 0) statements.push({ kind: 'index', name: index.name, sql: index.createSql });
    }
  }
  statements.sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind));
  const rawTables = chooseRawTables(model, notes);
  statements.push(...plannedTriggers(model, notes));
  return {
    statements,
    foreignKeys: foreignKeySetting(model),
    rawTables,
    schema: { tables: [], raw_tables: rawTables.map((t) => t.json) },
    notes,
  };
}

/** The FTS tokenizers the engine's SQLite has (ENABLE_FTS3 without ICU; no custom tokenizer registered). */
const PREVIEW_TOKENIZERS = new Set(['simple', 'porter', 'unicode61']);

/** An FTS table's tokenizer the preview cannot create the table with, or undefined. */
function unavailableTokenizer(table: Table): string | undefined {
  const tokenizer = table.fts?.tokenizer;
  return tokenizer !== undefined && !PREVIEW_TOKENIZERS.has(tokenizer) ? tokenizer : undefined;
}

/** Builds the planned database in a fresh in-memory SQLite with the core loaded. */
export function buildPreviewDatabase(engine: Engine, plan: PreviewPlan): BuiltPreviewDatabase {
  const db = CoreDatabase.open(engine);
  const built: BuiltStatement[] = [];
  // DDL runs in batches inside one transaction: SQLite rewrites its schema once per commit, which
  // makes hundreds of autocommitted statements slow. A failing DDL statement leaves the rest in place.
  let batchOpen = false;
  const endBatch = () => {
    if (!batchOpen) return;
    batchOpen = false;
    try {
      db.exec('COMMIT');
    } catch {
      // Nothing was open any more.
    }
  };
  for (const statement of plan.statements) {
    if (statement.kind === 'crud-trigger') {
      endBatch();
      built.push(runCrudTrigger(db, statement));
      continue;
    }
    if (!batchOpen) {
      db.exec('BEGIN');
      batchOpen = true;
    }
    try {
      db.exec(statement.sql);
      built.push({ ...statement, ok: true });
    } catch (error) {
      built.push({ ...statement, ok: false, error: errorText(error) });
      endBatch();
    }
  }
  endBatch();
  // Outside any transaction: SQLite ignores the pragma inside one.
  if (plan.foreignKeys.enabled) db.exec('PRAGMA foreign_keys = ON');
  const schema = replaceSchema(db, plan);
  return { db, statements: built, schema, ok: schema.ok && built.every((s) => s.ok) };
}

/** A database built from a plan, kept as bytes to make copies of (restorePreviewDatabase). */
export interface PreviewDatabaseImage {
  bytes: Uint8Array;
  statements: BuiltStatement[];
}

/** The file of a database buildPreviewDatabase built, and what building it reported; closes the database. */
export function previewDatabaseImage(built: BuiltPreviewDatabase): PreviewDatabaseImage {
  try {
    return { bytes: built.db.export(), statements: built.statements };
  } finally {
    built.db.close();
  }
}

/**
 * A copy of a database built from `plan`, faster than building it again: the file's bytes (the
 * tables, indexes and triggers) restored, then what belongs to the connection rather than the file
 * set as buildPreviewDatabase sets it: foreign keys, then the core's schema.
 */
export function restorePreviewDatabase(engine: Engine, plan: PreviewPlan, image: PreviewDatabaseImage): BuiltPreviewDatabase {
  const db = CoreDatabase.restore(engine, image.bytes);
  if (plan.foreignKeys.enabled) db.exec('PRAGMA foreign_keys = ON');
  const schema = replaceSchema(db, plan);
  return { db, statements: image.statements, schema, ok: schema.ok && image.statements.every((s) => s.ok) };
}

function replaceSchema(db: CoreDatabase, plan: PreviewPlan): BuiltPreviewDatabase['schema'] {
  try {
    db.replaceSchema(plan.schema);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: errorText(error) };
  }
}

/** The core's trigger generator, from the raw table's JSON or as the app's own call; it runs only inside a transaction. */
function runCrudTrigger(db: CoreDatabase, statement: PlannedStatement): BuiltStatement {
  if (statement.rawTableJson) {
    const event = statement.event ?? 'INSERT';
    const names = statement.name === undefined ? undefined : { [event]: statement.name };
    const result = createCrudTriggers(db, statement.sql, names, [event]);
    return { ...statement, ok: result.ok, ...(result.ok ? {} : { error: result.error }) };
  }
  try {
    db.transaction(() => db.exec(statement.sql));
    return { ...statement, ok: true };
  } catch (error) {
    return { ...statement, ok: false, error: errorText(error) };
  }
}

function kindOrder(kind: PlannedStatementKind): number {
  return kind === 'table' ? 0 : kind === 'index' ? 1 : 2;
}

/** Room databases' entities in `@Database(entities)` order, then every other table; each name once. */
export function tablesInCreationOrder(model: WorkspaceModel): Table[] {
  const ordered: Table[] = [];
  const names = new Set<string>();
  const add = (table: Table | undefined) => {
    if (!table || names.has(asciiLower(table.name))) return;
    names.add(asciiLower(table.name));
    ordered.push(table);
  };
  for (const database of model.roomDatabases) {
    for (const entity of database.entities) {
      if (entity.tableName === undefined) continue;
      add(model.tables.find((t) => t.origin === 'room-entity' && asciiLower(t.name) === asciiLower(entity.tableName!)));
    }
  }
  model.tables.forEach(add);
  return ordered;
}

/**
 * The raw tables the app hands to PowerSync: those of its `Schema(…)`s (or every raw table when
 * there is no schema), each sync name once, leaving out the ones whose JSON is not fully known.
 */
function chooseRawTables(model: WorkspaceModel, notes: PlanNote[]): PlannedRawTable[] {
  let candidates: RawTable[];
  if (model.schemas.length > 0) {
    candidates = [];
    for (const schema of model.schemas) {
      schema.rawTables.forEach((rawTable, i) => {
        if (rawTable) {
          if (!candidates.includes(rawTable)) candidates.push(rawTable);
        } else {
          notes.push({ kind: 'raw-table', name: schema.entries[i]?.text, reason: 'this Schema entry could not be resolved to a RawTable' });
        }
      });
    }
    for (const rawTable of model.rawTables) {
      if (!candidates.includes(rawTable)) notes.push({ kind: 'raw-table', name: rawTable.name, reason: 'not listed in any Schema(…), so PowerSync never sees it' });
    }
  } else {
    candidates = [...model.rawTables];
  }
  const chosen: PlannedRawTable[] = [];
  for (const rawTable of candidates) {
    if (rawTable.name === undefined) {
      notes.push({ kind: 'raw-table', reason: 'its name could not be resolved' });
      continue;
    }
    if (rawTable.coreJson === undefined) {
      notes.push({ kind: 'raw-table', name: rawTable.name, reason: 'a part of it could not be resolved, so its JSON for the core is unknown' });
      continue;
    }
    if (chosen.some((c) => c.syncName === rawTable.name)) {
      notes.push({ kind: 'raw-table', name: rawTable.name, reason: 'another raw table of the same name is used (one per platform, or declared twice)' });
      continue;
    }
    chosen.push({ syncName: rawTable.name, ...(rawTable.localTable === undefined ? {} : { localTable: rawTable.localTable }), json: rawTable.coreJson, model: rawTable });
  }
  return chosen;
}

/** CREATE TRIGGER strings as written, crud-trigger calls through the core; a name already created is skipped. */
function plannedTriggers(model: WorkspaceModel, notes: PlanNote[]): PlannedStatement[] {
  const planned: PlannedStatement[] = [];
  const names = new Set<string>();
  const once = (name: string | undefined): boolean => {
    if (name === undefined) return true;
    const key = asciiLower(name);
    if (names.has(key)) return false;
    names.add(key);
    return true;
  };
  for (const trigger of model.triggers) {
    if (trigger.form === 'create-trigger') {
      if (trigger.sql === undefined) {
        notes.push({ kind: 'trigger', name: trigger.name, reason: 'its SQL could not be resolved' });
        continue;
      }
      if (!once(trigger.name)) continue;
      planned.push({ kind: 'trigger', ...(trigger.name === undefined ? {} : { name: trigger.name }), sql: trigger.sql });
      continue;
    }
    const json = trigger.rawTable?.coreJson;
    if (trigger.event === undefined) {
      notes.push({ kind: 'trigger', name: trigger.name, reason: 'its event (INSERT, UPDATE or DELETE) could not be resolved' });
      continue;
    }
    const name = trigger.name ?? defaultTriggerNames(trigger.table ?? trigger.rawTable?.localTable ?? 'raw_table')[trigger.event];
    if (json !== undefined) {
      if (once(name)) planned.push({ kind: 'crud-trigger', name, event: trigger.event, sql: JSON.stringify(json), rawTableJson: true });
    } else if (trigger.sql !== undefined && !tokenizeSql(trigger.sql).some((t) => t.kind === 'parameter')) {
      // The whole call is written out (the JSON as a literal): run it as the app does.
      if (once(name)) planned.push({ kind: 'crud-trigger', name, event: trigger.event, sql: trigger.sql });
    } else {
      notes.push({ kind: 'trigger', name: trigger.name, reason: 'the raw table passed to powersync_create_raw_table_crud_trigger could not be resolved' });
    }
  }
  return planned;
}

