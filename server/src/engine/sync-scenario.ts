import type { Table, WorkspaceModel } from '../model/workspace';
import { anyFileUnread, findTable, syncedTables, type SyncedTable } from '../model/synced-tables';
import { readInsertStatement } from '../sql/insert-statement';
import type { Engine } from './sqljs';
import { errorText, type CoreDatabase, type SqlValue } from './database';
import { quoteName } from './crud-triggers';
import { localWrite, readCrud, readCrudAfter, startSync, type CrudEntry, type SyncOperation, type SyncSession, type SyncStepResult } from './sync-simulation';
import { completeUpload, type CompletedUpload } from './upload-simulation';
import { validate } from './validate';
import {
  buildPreviewDatabase, planPreviewDatabase, previewDatabaseImage, restorePreviewDatabase,
  type BuiltPreviewDatabase, type ForeignKeySetting, type PlanNote, type PlannedRawTable, type PreviewDatabaseImage, type PreviewPlan,
} from './preview-database';
import {
  editedValue, generateSampleRows, isEditable, localColumnOf, localInsertRow, localOnlyMarker, putData, valueInVersion,
  DEFAULT_ROWS_PER_TABLE, type SampleColumnShape, type SampleOptions, type SampleRow, type SampleRowSet, type ServerOutput, type SyncedSource,
} from './sample-rows';
import { serverOutputOf } from './server-output';
import { classifyCoreError, failingColumn, failingRawTable, type CoreErrorKind, type SimulationOutcome } from './scenario-outcomes';
import { asciiLower } from '../sql/sql-text';

/**
 * The preview's simulated life of the app's database, run in the real PowerSync core:
 *  1. build the database from the model;
 *  2. a first sync with every sample row in one checkpoint (the core applies rows grouped by sync
 *     name, so a child can come before its parent); if it fails, again on a fresh database with
 *     parent tables first, so the later steps still have rows to work on;
 *  3. set local-only columns locally, as the app would;
 *  4. a second checkpoint in which the server edits every row, then read the local-only columns
 *     back; if it fails, each raw table again alone on a fresh database, so one table's failure
 *     does not hide another's;
 *  5. local writes on each synced table (insert, update of a synced column, update of a local-only
 *     column, delete) and the `ps_crud` entries each leaves;
 *  6. the upload of those entries and the checkpoint that acknowledges them.
 * Pending `ps_crud` rows keep the core from applying any checkpoint, so after local writes the
 * scenario does what an SDK does after an upload (delete the uploaded entries, record the write
 * checkpoint) and the next checkpoint carries that write checkpoint.
 */

export interface SimulationStep {
  /** Stable id, e.g. `first-sync`, `second-sync:todo`, `local-insert:todo`. */
  id: string;
  title: string;
  ok: boolean;
  /** The core's (or SQLite's) own error text. */
  error?: string;
  details: Record<string, unknown>;
  /** Wall time of the step, when asked for. */
  milliseconds?: number;
}

export interface PreviewSimulation {
  coreVersion: string;
  foreignKeys: ForeignKeySetting;
  rowsPerTable: number;
  steps: SimulationStep[];
  outcomes: SimulationOutcome[];
  /**
   * The rows each raw table received in the first sync (the first few): the sync config's output
   * columns when it is known, else guessed from the client's put, and said so.
   */
  samples: SampleRowsReport[];
  /**
   * What the simulation left out and why: raw tables and triggers that could not be resolved,
   * local writes whose triggers are not known. A simulation with any is no clean bill of health.
   */
  notSimulated: PlanNote[];
}

/** The rows of one raw table's first sync, and whose truth they are. */
export interface SampleRowsReport {
  rawTable: string;
  table?: string;
  /** `sync-config`: exactly the columns the sync config outputs; `client`: guessed from the put's keys. */
  source: 'sync-config' | 'client';
  /** For `client`: why the server's columns are not known. */
  reason?: string;
  /** The data keys, in order. */
  keys: string[];
  /** The first rows' data, as sent in the first sync. */
  rows: { id: string; data: Record<string, SqlValue> }[];
  /** How many rows were sent. */
  count: number;
}

/** Rows shown per raw table in the report. */
const SAMPLE_ROWS_SHOWN = 3;

export interface SimulationOptions extends SampleOptions {
  /** Record each step's wall time (for bench/). */
  timings?: boolean;
  /**
   * The plan of this model and the database buildPreviewDatabase built from it, when the caller
   * built it already (bench/ times the build as a phase of its own): the main line of steps runs on
   * it instead of a database of its own. The scenario owns it from then on, and adds what it
   * leaves out to the plan's notes.
   */
  prebuilt?: { plan: PreviewPlan; database: BuiltPreviewDatabase };
  /**
   * The plan of this model when the caller made it: the preview thread gets the plan the server
   * made, where the model can still read a file on request, and a model without its files.
   */
  plan?: PreviewPlan;
}

export type { SimulationOutcome } from './scenario-outcomes';

/** Runs the whole scenario on fresh in-memory databases; never throws for what the app's code does. */
export function simulatePreview(engine: Engine, model: WorkspaceModel, options: SimulationOptions = {}): PreviewSimulation {
  const scenario = new SyncScenario(engine, model, options);
  try {
    return scenario.run();
  } finally {
    scenario.close();
  }
}

/** The simulation and the database its steps ran on, left open for a SQL console. */
export interface SimulatedDatabase {
  simulation: PreviewSimulation;
  /** The app's database after the last step; the caller closes it. */
  database: CoreDatabase;
}

/** Like simulatePreview, but keeps the database the main line of steps ran on. */
export function simulatePreviewDatabase(engine: Engine, model: WorkspaceModel, options: SimulationOptions = {}): SimulatedDatabase {
  const scenario = new SyncScenario(engine, model, options);
  try {
    const simulation = scenario.run();
    return { simulation, database: scenario.keepMainLine() };
  } finally {
    scenario.close();
  }
}

/** A foreign key between two raw tables' local tables. */
interface SyncEdge {
  child: string;
  parent: string;
  /** `todo(list_id) → todo_list(id)`. */
  foreignKey: string;
  deferred: boolean;
}

/**
 * `without-failing`: after rows the local tables reject (a NOT NULL column the server leaves NULL),
 * the first sync again without the raw tables whose rows fail, parents first, so the later steps
 * have rows to work on; the real sync stalls at the first failure.
 */
type FirstSyncMode = 'one-checkpoint' | 'parents-first' | 'without-failing';

/** One simulated app: a database built from the plan and its sync connection. */
class SimulatedApp {
  readonly session: SyncSession;
  private nextCheckpointRequest = 1;
  /** The write checkpoint the next checkpoint must carry (after an upload). */
  private pendingWriteCheckpoint?: string;
  /** Every ps_crud row up to this id was read as the core's JSON (see crudSince). */
  private crudReadUpTo?: number;
  private onlyCoreWritesCrud?: boolean;

  /** Starts the sync on a database built from `plan`; the app owns it from then on. */
  constructor(readonly built: BuiltPreviewDatabase, private readonly plan: PreviewPlan) {
    this.session = startSync(this.built.db, plan.schema);
  }

  get db() {
    return this.built.db;
  }

  checkpoint(operations: SyncOperation[]): SyncStepResult & { writeCheckpoint?: string } {
    const writeCheckpoint = this.pendingWriteCheckpoint;
    const result = this.session.applyCheckpoint(operations, writeCheckpoint === undefined ? {} : { writeCheckpoint });
    if (result.ok && result.applied) this.pendingWriteCheckpoint = undefined;
    return { ...result, ...(writeCheckpoint === undefined ? {} : { writeCheckpoint }) };
  }

  upload(): CompletedUpload {
    const upload = completeUpload(this.db, this.nextCheckpointRequest++);
    if (upload.ok) this.pendingWriteCheckpoint = upload.writeCheckpoint;
    return upload;
  }

  lastCrudSeq(): number {
    return Number(this.db.scalarKept('select coalesce(max(id), 0) from ps_crud') ?? 0);
  }

  /**
   * The ps_crud entries after `seq`. When any entry in ps_crud is not the core's JSON, every
   * entry after `seq` comes back UNREADABLE, as the upload handler would find them.
   *
   * After each local write the scenario asks for the entries it left, and ps_crud keeps growing
   * until the next upload; reading every entry each time made the 200 writes of a 50-table app
   * quadratic. Rows once read stay as they were when only the core writes ps_crud: its
   * powersync_crud table only appends (AUTOINCREMENT ids), and the scenario only deletes. So
   * then only the rows after the last one read are read (and checked) again.
   */
  crudSince(seq: number): CrudEntry[] {
    const readUpTo = this.crudReadUpTo;
    this.crudReadUpTo = undefined;
    try {
      if (readUpTo !== undefined && seq >= readUpTo && this.crudOnlyAppended()) {
        const entries = readCrudAfter(this.db, readUpTo);
        this.crudReadUpTo = entries.length > 0 ? entries[entries.length - 1].seq : readUpTo;
        return entries.filter((entry) => entry.seq > seq);
      }
      const entries = readCrud(this.db);
      this.crudReadUpTo = entries.length > 0 ? entries[entries.length - 1].seq : 0;
      return entries.filter((entry) => entry.seq > seq);
    } catch {
      // A hand-written trigger put something other than the core's JSON into ps_crud.
      this.crudReadUpTo = undefined;
      return this.db.query('select id, data from ps_crud where id > ? order by id', [seq])
        .map((row) => ({ seq: Number(row.id), op: 'UNREADABLE', type: '', id: '', metadata: String(row.data) }));
    }
  }

  /**
   * True when nothing but the core's powersync_crud writes rows into ps_crud: no trigger, no
   * statement of the plan (so no table the scenario writes to), no put or delete names ps_crud,
   * nor sqlite_sequence, which AUTOINCREMENT counts on.
   */
  private crudOnlyAppended(): boolean {
    if (this.onlyCoreWritesCrud === undefined) {
      const mentions = (text: string) => /ps_crud|sqlite_sequence/i.test(text);
      const triggers = [
        ...this.db.query("select sql from sqlite_master where type = 'trigger'"),
        ...this.db.query("select sql from sqlite_temp_master where type = 'trigger'"),
      ];
      this.onlyCoreWritesCrud = !triggers.some((row) => mentions(String(row.sql)))
        && !this.plan.statements.some((statement) => mentions(statement.sql) || mentions(statement.name ?? ''))
        && !mentions(JSON.stringify(this.plan.schema));
    }
    return this.onlyCoreWritesCrud;
  }

  close(): void {
    this.built.db.close();
  }
}

/** A local-only column set on a synced row before the server edits it. */
interface LocalOnlyMark {
  set: SampleRowSet;
  row: SampleRow;
  column: string;
  value: SqlValue;
  defaultValue?: string;
}

class SyncScenario {
  private readonly plan: PreviewPlan;
  private readonly sets: SampleRowSet[];
  private readonly syncedSets: SampleRowSet[];
  private readonly synced: SyncedTable[];
  private readonly edges: SyncEdge[];
  private readonly applyOrder: string[];
  private readonly steps: SimulationStep[] = [];
  private readonly outcomes: SimulationOutcome[] = [];
  private readonly apps: SimulatedApp[] = [];
  /** The app the main line of steps ends on (a replay opens a fresh one). */
  private mainLine?: SimulatedApp;
  private readonly rowsPerTable: number;
  /** Raw tables whose rows are guessed from the client, with why the server's columns are not known. */
  private readonly guessed: Map<string, string>;
  /** Raw tables whose first-sync rows fail on their own: left out of the later syncs. */
  private readonly withheld = new Set<string>();
  private lastMark = performance.now();

  /** The caller's database, until the main line opens on it. */
  private prebuilt?: BuiltPreviewDatabase;
  /** The database replays copy, once one is needed. */
  private image?: PreviewDatabaseImage;

  constructor(private readonly engine: Engine, private readonly model: WorkspaceModel, private readonly options: SimulationOptions) {
    this.rowsPerTable = Math.max(1, Math.floor(options.rowsPerTable ?? DEFAULT_ROWS_PER_TABLE));
    this.plan = options.prebuilt?.plan ?? options.plan ?? planPreviewDatabase(model);
    this.prebuilt = options.prebuilt?.database;
    this.synced = syncedTables(model);
    this.guessed = new Map();
    const sources: SyncedSource[] = this.plan.rawTables.map((rawTable) => {
      const table = rawTable.localTable === undefined ? undefined : findTable(model, rawTable.localTable);
      const output = serverOutputOf(model, rawTable, table);
      if ('reason' in output) this.guessed.set(rawTable.syncName, output.reason);
      const server: ServerOutput | undefined = 'server' in output ? output.server : undefined;
      return { syncName: rawTable.syncName, ...(table ? { table } : {}), dataColumns: dataColumnsOf(rawTable, table), ...(server ? { server } : {}) };
    });
    this.sets = generateSampleRows(sources, model.tables, { rowsPerTable: this.rowsPerTable });
    this.syncedSets = this.sets.filter((s) => !s.seeded);
    this.edges = syncEdges(this.syncedSets);
    this.applyOrder = this.syncedSets.map((s) => s.syncName!).sort(byCodeUnits);
  }

  run(): PreviewSimulation {
    const line = this.open();
    const simulation: PreviewSimulation = {
      coreVersion: line.db.coreVersion(),
      foreignKeys: this.plan.foreignKeys,
      rowsPerTable: this.rowsPerTable,
      steps: this.steps,
      outcomes: this.outcomes,
      samples: this.syncedSets.map((set): SampleRowsReport => {
        const reason = this.guessed.get(set.syncName!);
        return {
          rawTable: set.syncName!,
          ...(set.table ? { table: set.table.name } : {}),
          source: set.server ? 'sync-config' : 'client',
          ...(set.server || reason === undefined ? {} : { reason }),
          keys: set.dataColumns,
          rows: set.rows.slice(0, SAMPLE_ROWS_SHOWN).map((row) => ({ id: row.id, data: putData(set, row, 'first') })),
          count: set.rows.length,
        };
      }),
      notSimulated: this.plan.notes,
    };
    try {
      this.runSteps(line);
    } catch (error) {
      // A gap in the scenario itself: keep what was found and say where it stopped.
      this.step({ id: 'stopped', title: 'The simulation stopped on an unexpected error', ok: false, error: errorText(error), details: {} });
    }
    return simulation;
  }

  private runSteps(first: SimulatedApp): void {
    let line = first;
    this.mainLine = line;
    this.buildStep(line);
    if (this.syncedSets.length === 0) return;
    let mode: FirstSyncMode = 'one-checkpoint';
    let stalledAt: string | undefined;
    const firstSync = this.firstSyncStep(line, 'first-sync', mode);
    if (!firstSync.ok && firstSync.kind !== 'foreign-key') {
      stalledAt = 'first-sync';
      if (this.withholdFailing(firstSync.rawTable)) {
        line = this.open(this.replica());
        this.mainLine = line;
        mode = 'without-failing';
        if (this.firstSyncStep(line, 'first-sync-without-failing', mode).ok) stalledAt = undefined;
        else stalledAt = 'first-sync-without-failing';
      }
    } else if (!firstSync.ok) {
      // Only the order of the rows failed: replay with parents first so later steps have rows.
      line = this.open(this.replica());
      this.mainLine = line;
      mode = 'parents-first';
      if (!this.firstSyncStep(line, 'first-sync-parents-first', mode).ok) stalledAt = 'first-sync-parents-first';
    }
    if (stalledAt === undefined) {
      const marks = this.setLocalOnlyStep(line, 'set-local-only');
      const active = this.active();
      if (!this.secondSyncStep(line, 'second-sync', active, marks).ok) {
        stalledAt = 'second-sync';
        if (active.length > 1) for (const set of active) this.isolatedSecondSync(set, mode);
      }
    }
    this.localWriteSteps(line);
    this.uploadStep(line, stalledAt);
  }

  /** The raw tables the syncs after a withheld first sync carry. */
  private active(): SampleRowSet[] {
    return this.withheld.size === 0 ? this.syncedSets : this.syncedSets.filter((s) => !this.withheld.has(s.syncName!));
  }

  /** The groups of rows of a first sync, one checkpoint each. */
  private groupsFor(mode: FirstSyncMode): SampleRowSet[][] {
    return mode === 'one-checkpoint' ? [this.active()] : dependencyLevels(this.active(), this.edges);
  }

  /**
   * Finds, on fresh databases, the raw tables whose first-sync rows fail whatever else applies,
   * starting with `failing`; true when the rest then applies. Nothing is recorded: the caller
   * runs the first sync without them as a step of its own.
   */
  private withholdFailing(failing: string | undefined): boolean {
    let next = failing;
    while (next !== undefined && !this.withheld.has(next) && this.syncedSets.some((s) => s.syncName === next)) {
      this.withheld.add(next);
      if (this.active().length === 0) break;
      const app = this.replica();
      try {
        const replay = this.replayFirstSync(app, 'without-failing');
        if (replay.ok) return true;
        next = replay.error === undefined || classifyCoreError(replay.error) === 'foreign-key' ? undefined : failingRawTable(replay.error);
      } finally {
        app.close();
      }
    }
    this.withheld.clear();
    return false;
  }

  close(): void {
    this.prebuilt?.db.close();
    this.prebuilt = undefined;
    for (const app of this.apps) app.close();
  }

  /** Takes the main line's database out of close(): it stays open for its new owner. */
  keepMainLine(): CoreDatabase {
    const app = this.mainLine ?? this.apps[0];
    if (!app) throw new Error('the simulation opened no database');
    this.apps.splice(this.apps.indexOf(app), 1);
    return app.db;
  }

  private open(app = this.first()): SimulatedApp {
    this.apps.push(app);
    return app;
  }

  /** The app the main line starts on: on the caller's database, or on one built from the plan. */
  private first(): SimulatedApp {
    const built = this.prebuilt ?? buildPreviewDatabase(this.engine, this.plan);
    this.prebuilt = undefined;
    return new SimulatedApp(built, this.plan);
  }

  /**
   * An app for a replay, on a fresh database: a copy of one built from the plan (a failing second
   * sync replays the first sync once per raw table, and copying is cheaper than building).
   */
  private replica(): SimulatedApp {
    this.image ??= previewDatabaseImage(buildPreviewDatabase(this.engine, this.plan));
    return new SimulatedApp(restorePreviewDatabase(this.engine, this.plan, this.image), this.plan);
  }

  /** Records a step; its time is everything done since the previous step was recorded. */
  private step(step: SimulationStep): SimulationStep {
    this.steps.push(step);
    if (this.options.timings) {
      const now = performance.now();
      step.milliseconds = Math.round((now - this.lastMark) * 10) / 10;
      this.lastMark = now;
    }
    return step;
  }

  /** Records an outcome once: a table replayed alone may fail the same way again. */
  private outcome(outcome: SimulationOutcome): void {
    const same = (o: SimulationOutcome) =>
      o.kind === outcome.kind && o.rawTable === outcome.rawTable && o.table === outcome.table && o.error === outcome.error && o.message === outcome.message;
    if (!this.outcomes.some(same)) this.outcomes.push(outcome);
  }

  // ── 1. build ──────────────────────────────────────────────────────────────────────────────

  private buildStep(app: SimulatedApp): void {
    const { built } = app;
    const failed = built.statements.filter((s) => !s.ok);
    for (const statement of failed) {
      this.outcome({
        kind: 'statement-rejected',
        step: 'build',
        ...(statement.kind === 'table' && statement.name !== undefined ? { table: statement.name } : {}),
        message: `SQLite rejected the ${describeStatementKind(statement.kind)}${statement.name === undefined ? '' : ` ${statement.name}`} the app runs.`,
        error: statement.error,
      });
    }
    if (!built.schema.ok) {
      this.outcome({ kind: 'statement-rejected', step: 'build', message: 'The core rejected the schema (powersync_replace_schema).', error: built.schema.error });
    }
    if (!app.session.started.ok) {
      this.outcome({ kind: 'statement-rejected', step: 'build', message: 'The core refused to start a sync with this schema.', error: app.session.started.error });
    }
    const rawTables = this.plan.rawTables.map((rawTable) => this.checkStatements(app, rawTable));
    const rejected = rawTables.flatMap((t) => [t.put, t.delete]).find((s): s is { ok: false; error: string } => 'error' in s);
    const error = failed[0]?.error ?? built.schema.error ?? app.session.started.error ?? rejected?.error;
    this.step({
      id: 'build',
      title: 'Build the database: tables, indexes, triggers, foreign keys, raw tables',
      ok: failed.length === 0 && built.schema.ok && app.session.started.ok && rawTables.every((t) => t.ok),
      ...(error === undefined ? {} : { error }),
      details: {
        foreignKeys: this.plan.foreignKeys,
        statements: built.statements.map((s) => ({ kind: s.kind, name: s.name, ...(s.event ? { event: s.event } : {}), ok: s.ok, ...(s.error === undefined ? {} : { error: s.error }) })),
        triggers: triggersByTable(app),
        rawTables: rawTables.map(({ ok: _ok, ...rest }) => rest),
        left: this.plan.notes,
      },
    });
  }

  /** Prepares a raw table's put and delete as the core will, and compares their parameter counts. */
  private checkStatements(app: SimulatedApp, rawTable: PlannedRawTable) {
    const json = rawTable.json as { put?: { sql: string; params: unknown[] }; delete?: { sql: string; params: unknown[] } };
    let ok = true;
    const check = (which: 'put' | 'delete') => {
      const statement = json[which];
      if (!statement) return { inferred: true };
      const result = validate(app.db, statement.sql);
      if (!result.ok) {
        ok = false;
        this.outcome({ kind: 'statement-rejected', step: 'build', rawTable: rawTable.syncName, message: `SQLite cannot prepare the ${which} of ${rawTable.syncName}; the core fails on the first row it applies.`, error: result.message });
        return { ok: false, error: result.message };
      }
      if (result.parameterCount !== statement.params.length) {
        ok = false;
        const error = `Statement ${statement.sql} has ${result.parameterCount} parameters, but ${statement.params.length} values were provided as sources.`;
        this.outcome({ kind: 'statement-rejected', step: 'build', rawTable: rawTable.syncName, message: `The ${which} of ${rawTable.syncName} has ${result.parameterCount} parameters but ${statement.params.length} sources; the core refuses it.`, error });
        return { ok: false, error };
      }
      return { ok: true };
    };
    return { name: rawTable.syncName, localTable: rawTable.localTable, put: check('put'), delete: check('delete'), ok };
  }

  // ── 2. first sync ─────────────────────────────────────────────────────────────────────────

  private firstSyncStep(app: SimulatedApp, id: string, mode: FirstSyncMode): { ok: boolean; kind?: CoreErrorKind; rawTable?: string } {
    const seeding = this.seedParents(app);
    let result: SyncStepResult & { writeCheckpoint?: string } = { ok: true, applied: true, instructions: [] };
    const checkpoints: string[][] = [];
    const sets = this.active();
    if (sets.length > 0) {
      for (const group of this.groupsFor(mode)) {
        checkpoints.push(group.map((s) => s.syncName!).sort(byCodeUnits));
        result = app.checkpoint(operationsFor(group, 'first'));
        if (!result.ok || !result.applied) break;
      }
    }
    const ok = result.ok && result.applied && seeding.ok;
    const childBeforeParent = this.edges.filter((e) => this.applyOrder.indexOf(e.child) < this.applyOrder.indexOf(e.parent));
    const tables = this.rowCounts(app);
    const step = this.step({
      id,
      title: mode === 'one-checkpoint'
        ? 'First sync: every sample row in one checkpoint'
        : mode === 'parents-first'
          ? 'First sync again, on a fresh database, parent tables first (one checkpoint each)'
          : `First sync again, on a fresh database, without ${[...this.withheld].join(', ')} (whose rows fail), parent tables first: the real sync stalls at the failure above; this gives the later steps rows`,
      ok,
      ...(result.error ?? seeding.error ? { error: result.error ?? seeding.error } : {}),
      details: {
        rows: Object.fromEntries(sets.map((s) => [s.syncName!, s.rows.length])),
        applyOrder: this.applyOrder,
        applyOrderNote: 'The core applies a checkpoint\'s rows grouped by sync name, in name order, whatever order the service sends them in.',
        childBeforeParent,
        ...(mode !== 'one-checkpoint' ? { checkpoints } : {}),
        ...(mode === 'without-failing' ? { withheld: [...this.withheld] } : {}),
        ...(seeding.tables.length > 0 ? { seededLocally: seeding.tables } : {}),
        ...(result.writeCheckpoint ? { writeCheckpoint: result.writeCheckpoint } : {}),
        tables,
      },
    });
    if (ok) {
      this.checkRowsPresent(app, step.id);
      return { ok };
    }
    const error = result.error ?? seeding.error;
    this.syncFailure(app, step, result, seeding.error);
    const rawTable = result.error === undefined ? undefined : failingRawTable(result.error);
    return { ok, ...(error === undefined ? {} : { kind: classifyCoreError(error) }), ...(rawTable === undefined ? {} : { rawTable }) };
  }

  /** Parent tables that no raw table syncs get their rows from the app itself: insert them locally. */
  private seedParents(app: SimulatedApp): { ok: boolean; error?: string; tables: { table: string; rows: number }[] } {
    const seeded = this.sets.filter((s) => s.seeded).reverse();
    const tables: { table: string; rows: number }[] = [];
    let error: string | undefined;
    for (const set of seeded) {
      let rows = 0;
      for (const row of set.rows) {
        const write = localWrite(app.db, insertSql(set.table!, row), insertValues(set.table!, row));
        if (write.ok) rows++;
        else error ??= write.error;
      }
      tables.push({ table: set.tableName, rows });
    }
    if (seeded.length > 0 && app.lastCrudSeq() > 0) app.upload();
    return { ok: error === undefined, ...(error === undefined ? {} : { error }), tables };
  }

  // ── 3. local-only columns ─────────────────────────────────────────────────────────────────

  private setLocalOnlyStep(app: SimulatedApp, id: string): LocalOnlyMark[] {
    const marks: LocalOnlyMark[] = [];
    const writes: Record<string, unknown>[] = [];
    let error: string | undefined;
    let uploadedLocalOnly = false;
    for (const syncedTable of this.synced) {
      if (syncedTable.localOnlyColumns.length === 0) continue;
      const set = this.active().find((s) => s.table === syncedTable.table && s.rows.length > 0);
      if (!set || set.idColumn === undefined) continue;
      const row = set.rows[0];
      const values = syncedTable.localOnlyColumns.map((c) => ({ column: c.name, value: localOnlyMarker(c), defaultValue: c.defaultValue }));
      const table = syncedTable.table.name;
      if (!rowExists(app, table, set.idColumn, row.values[set.idColumn])) {
        writes.push({ table, id: row.id, skipped: 'the row is not in the table (the sync did not apply)' });
        continue;
      }
      const before = app.lastCrudSeq();
      const sql = `UPDATE ${quoteName(table)} SET ${values.map((v) => `${quoteName(v.column)} = ?`).join(', ')} WHERE ${quoteName(set.idColumn)} = ?`;
      const write = localWrite(app.db, sql, [...values.map((v) => v.value), row.values[set.idColumn]]);
      const crud = app.crudSince(before);
      writes.push({ table, id: row.id, sql, values: Object.fromEntries(values.map((v) => [v.column, v.value])), ok: write.ok, ...(write.error ? { error: write.error } : {}), crud });
      if (!write.ok) {
        error ??= write.error;
        this.outcome({ kind: 'local-write-failed', step: id, rawTable: set.syncName!, table, message: `Setting the local-only columns of ${table} failed.`, ...(write.error ? { error: write.error } : {}) });
        continue;
      }
      if (crud.length > 0) {
        uploadedLocalOnly = true;
        this.outcome({ kind: 'local-only-uploaded', step: id, rawTable: set.syncName!, table, message: `Updating only local-only columns of ${table} (${values.map((v) => v.column).join(', ')}) was queued for upload: the UPDATE trigger does not skip changes outside the synced columns.` });
      }
      for (const v of values) marks.push({ set, row, column: v.column, value: v.value, ...(v.defaultValue === undefined ? {} : { defaultValue: v.defaultValue }) });
    }
    if (writes.length === 0) return marks;
    const upload = app.upload();
    this.step({
      id,
      title: 'Local write: set local-only columns on synced rows, then upload what was queued',
      ok: error === undefined && !uploadedLocalOnly && upload.ok,
      ...(error ?? upload.error ? { error: error ?? upload.error } : {}),
      details: {
        writes,
        upload: { uploaded: upload.uploaded.length, writeCheckpoint: upload.writeCheckpoint },
        note: 'Pending ps_crud rows keep the core from applying checkpoints; as an SDK does after an upload, the entries are deleted and the next checkpoint carries the write checkpoint.',
      },
    });
    return marks;
  }

  // ── 4. second sync ────────────────────────────────────────────────────────────────────────

  private secondSyncStep(app: SimulatedApp, id: string, sets: SampleRowSet[], marks: LocalOnlyMark[]): { ok: boolean } {
    const result = app.checkpoint(operationsFor(sets, 'server-edit'));
    const ok = result.ok && result.applied;
    const localOnly = ok ? this.readBack(app, id, marks) : [];
    const step = this.step({
      id,
      title: sets.length === this.active().length
        ? 'Second sync: a checkpoint in which the server edits every row'
        : `Second sync of ${sets.map((s) => s.syncName).join(', ')} alone, on a fresh database`,
      ok,
      ...(result.error ? { error: result.error } : {}),
      details: {
        rows: Object.fromEntries(sets.map((s) => [s.syncName!, s.rows.length])),
        ...(result.writeCheckpoint ? { writeCheckpoint: result.writeCheckpoint } : {}),
        ...(localOnly.length > 0 ? { localOnly } : {}),
        tables: this.rowCounts(app),
      },
    });
    if (!ok) this.syncFailure(app, step, result, undefined);
    else this.checkEdits(app, id, sets);
    return { ok };
  }

  /** Replays the first sync and the local-only writes on a fresh database, then syncs `set`'s edits alone. */
  private isolatedSecondSync(set: SampleRowSet, mode: FirstSyncMode): void {
    const app = this.replica();
    try {
      const id = `second-sync:${set.syncName}`;
      const replay = this.replayFirstSync(app, mode);
      if (!replay.ok) {
        this.step({ id, title: `Second sync of ${set.syncName} alone, on a fresh database`, ok: false, ...(replay.error ? { error: replay.error } : {}), details: { replay: 'the first sync failed again on the fresh database' } });
        return;
      }
      this.secondSyncStep(app, id, [set], this.markLocalOnlyQuietly(app, set));
    } finally {
      app.close();
    }
  }

  private replayFirstSync(app: SimulatedApp, mode: FirstSyncMode): { ok: boolean; error?: string } {
    const seeding = this.seedParents(app);
    if (!seeding.ok) return seeding;
    for (const group of this.groupsFor(mode)) {
      const result = app.checkpoint(operationsFor(group, 'first'));
      if (!result.ok || !result.applied) return { ok: false, ...(result.error ? { error: result.error } : {}) };
    }
    return { ok: true };
  }

  /** The local-only writes of step 3, for one table, without recording a step. */
  private markLocalOnlyQuietly(app: SimulatedApp, only: SampleRowSet): LocalOnlyMark[] {
    const marks: LocalOnlyMark[] = [];
    const syncedTable = this.synced.find((t) => t.table === only.table);
    if (syncedTable && only.idColumn !== undefined && only.rows.length > 0) {
      const row = only.rows[0];
      for (const column of syncedTable.localOnlyColumns) {
        const value = localOnlyMarker(column);
        const write = localWrite(app.db, `UPDATE ${quoteName(syncedTable.table.name)} SET ${quoteName(column.name)} = ? WHERE ${quoteName(only.idColumn)} = ?`, [value, row.values[only.idColumn]]);
        if (write.ok) marks.push({ set: only, row, column: column.name, value, ...(column.defaultValue === undefined ? {} : { defaultValue: column.defaultValue }) });
      }
    }
    app.upload();
    return marks;
  }

  /** Reads the local-only columns back after the server's edit; a changed value is a reset. */
  private readBack(app: SimulatedApp, step: string, marks: LocalOnlyMark[]) {
    const results: Record<string, unknown>[] = [];
    for (const mark of marks) {
      const table = mark.set.table!.name;
      const idColumn = mark.set.idColumn!;
      let after: SqlValue | undefined;
      try {
        after = app.db.scalar(`SELECT ${quoteName(mark.column)} FROM ${quoteName(table)} WHERE ${quoteName(idColumn)} = ?`, [mark.row.values[idColumn]]);
      } catch {
        after = undefined;
      }
      const kept = after !== undefined && sameValue(after, mark.value);
      results.push({ table, id: mark.row.id, column: mark.column, before: mark.value, after: after ?? null, kept });
      if (kept) continue;
      const put = putDescription(this.plan.rawTables.find((r) => r.syncName === mark.set.syncName));
      this.outcome({
        kind: 'local-only-reset',
        step,
        rawTable: mark.set.syncName!,
        table,
        message: `${table}.${mark.column} was set to ${formatValue(mark.value)} locally; after the server edited the row it is ${after === undefined ? 'gone' : formatValue(after)}${mark.defaultValue !== undefined && after !== undefined && sameValue(after, mark.defaultValue) ? ' (its default)' : ''}. ${put ? `The put (${put}) replaces the whole row, so` : 'The put replaced the row, so'} every server edit resets the local-only column.`,
      });
    }
    return results;
  }

  /** Columns that still hold the first sync's value after the server's edit. */
  private checkEdits(app: SimulatedApp, step: string, sets: SampleRowSet[]): void {
    for (const set of sets) {
      if (!set.table || set.idColumn === undefined) continue;
      const stale = new Set<string>();
      const byId = new Map<string, Record<string, SqlValue>>();
      try {
        for (const stored of app.db.query(`SELECT * FROM ${quoteName(set.table.name)}`)) byId.set(String(stored[set.idColumn]), stored);
      } catch {
        continue;
      }
      const editable = set.dataColumns.map((key) => localColumnOf(set, key)).filter((c): c is SampleColumnShape => c !== undefined && isEditable(set, c));
      for (const row of set.rows) {
        const stored = byId.get(String(row.values[set.idColumn]));
        if (!stored) continue;
        for (const column of editable) {
          const first = row.values[column.name];
          // valueInVersion(set, column.name, row, 'server-edit'), with the column looked up once per set.
          const edited = editedValue(column, first ?? null, 'server-edit');
          if (!sameValue(first, edited) && sameValue(stored[column.name], first)) stale.add(column.name);
        }
      }
      if (stale.size > 0) {
        this.outcome({
          kind: 'update-not-applied',
          step,
          rawTable: set.syncName!,
          table: set.table.name,
          message: `The server's edit of ${set.syncName} rows did not reach ${[...stale].join(', ')}: the put kept the first sync's values (an INSERT OR IGNORE, DO NOTHING, or an update that leaves the column out).`,
        });
      }
    }
  }

  // ── 5. local writes ───────────────────────────────────────────────────────────────────────

  private localWriteSteps(app: SimulatedApp): void {
    const done = new Set<object>();
    for (const set of this.syncedSets) {
      const table = set.table;
      if (!table || set.idColumn === undefined || done.has(table)) continue;
      done.add(table);
      if (this.triggersUnknownOn(table.name)) {
        this.plan.notes.push({ kind: 'trigger', name: table.name, reason: `local writes to ${table.name} were not simulated: a trigger that may be on it could not be resolved, so what they upload is not known` });
        continue;
      }
      const syncNames = this.syncedSets.filter((s) => s.table === table).map((s) => s.syncName!);
      const row = localInsertRow(set, this.sets);
      if (!row) continue;
      const idValue = row.values[set.idColumn];
      const where = `WHERE ${quoteName(set.idColumn)} = ?`;
      const name = table.name;
      this.localWrite(app, {
        id: `local-insert:${name}`, title: `Local write: insert a row into ${name}`, table: name, syncNames,
        sql: insertSql(table, row), params: insertValues(table, row), expected: 'PUT', rowId: row.id,
      });
      const syncedColumn = set.dataColumns.map((key) => localColumnOf(set, key)).find((c) => c !== undefined && isEditable(set, c));
      if (syncedColumn) {
        this.localWrite(app, {
          id: `local-update-synced:${name}`, title: `Local write: update the synced column ${syncedColumn.name} of ${name}`, table: name, syncNames,
          sql: `UPDATE ${quoteName(name)} SET ${quoteName(syncedColumn.name)} = ? ${where}`, params: [valueInVersion(set, syncedColumn.name, row, 'local-edit'), idValue], expected: 'PATCH', rowId: row.id,
        });
      }
      const localOnly = this.synced.find((t) => t.table === table)?.localOnlyColumns[0];
      if (localOnly) {
        let value = localOnlyMarker(localOnly);
        if (sameValue(value, row.values[localOnly.name])) value = typeof value === 'number' ? value + 1 : `${value} again`;
        this.localWrite(app, {
          id: `local-update-local-only:${name}`, title: `Local write: update the local-only column ${localOnly.name} of ${name}`, table: name, syncNames,
          sql: `UPDATE ${quoteName(name)} SET ${quoteName(localOnly.name)} = ? ${where}`, params: [value, idValue], expected: 'none', rowId: row.id,
        });
      }
      this.localWrite(app, {
        id: `local-delete:${name}`, title: `Local write: delete the row from ${name}`, table: name, syncNames,
        sql: `DELETE FROM ${quoteName(name)} ${where}`, params: [idValue], expected: 'DELETE', rowId: row.id,
      });
    }
  }

  /** Whether a trigger Rawsync could not read (or an unread file) may be on the table. */
  private triggersUnknownOn(table: string): boolean {
    if (anyFileUnread(this.model)) return true;
    return this.model.triggers.some((t) => t.unresolved !== undefined && (t.table === undefined || asciiLower(t.table) === asciiLower(table)));
  }

  private localWrite(app: SimulatedApp, write: { id: string; title: string; table: string; syncNames: string[]; sql: string; params: SqlValue[]; expected: 'PUT' | 'PATCH' | 'DELETE' | 'none'; rowId: string }): void {
    const before = app.lastCrudSeq();
    const result = localWrite(app.db, write.sql, write.params);
    const crud = result.ok ? app.crudSince(before) : [];
    const details = { sql: write.sql, params: write.params, expected: write.expected === 'none' ? 'no ps_crud entry' : `one ${write.expected} entry of type ${write.syncNames.join(' or ')}`, crud };
    if (!result.ok) {
      this.step({ id: write.id, title: write.title, ok: false, ...(result.error ? { error: result.error } : {}), details });
      this.outcome({ kind: 'local-write-failed', step: write.id, rawTable: write.syncNames[0], table: write.table, message: `The app's own write to ${write.table} fails.`, ...(result.error ? { error: result.error } : {}) });
      return;
    }
    let ok = true;
    if (write.expected === 'none') {
      if (crud.length > 0) {
        ok = false;
        this.outcome({ kind: 'local-only-uploaded', step: write.id, rawTable: write.syncNames[0], table: write.table, message: `An update of only a local-only column of ${write.table} was queued for upload (${crud.map((c) => c.op).join(', ')}): the UPDATE trigger does not skip changes outside the synced columns.` });
      }
    } else if (crud.length === 0) {
      ok = false;
      const triggers = Number(app.db.scalar("select count(*) from sqlite_master where type = 'trigger' and tbl_name = ? collate nocase", [write.table]) ?? 0);
      this.outcome({
        kind: 'no-upload',
        step: write.id,
        rawTable: write.syncNames[0],
        table: write.table,
        message: triggers === 0
          ? `This ${verbOf(write.expected)} uploads nothing: no trigger on ${write.table} writes to powersync_crud, so the change never reaches ps_crud and the server never sees it.`
          : `This ${verbOf(write.expected)} uploads nothing: the triggers on ${write.table} did not record it in ps_crud.`,
      });
    } else {
      const matches = crud.length === 1 && crud[0].op === write.expected && write.syncNames.includes(crud[0].type) && crud[0].id === write.rowId;
      if (crud.some((c) => c.op === 'UNREADABLE')) {
        ok = false;
        this.outcome({
          kind: 'unexpected-upload', step: write.id, rawTable: write.syncNames[0], table: write.table,
          message: `This ${verbOf(write.expected)} wrote something to ps_crud that is not the core's JSON ({op, id, type, data}): the upload handler cannot read it. Write through powersync_crud instead.`,
        });
      } else if (!matches) {
        ok = false;
        this.outcome({
          kind: 'unexpected-upload',
          step: write.id,
          rawTable: write.syncNames[0],
          table: write.table,
          message: `This ${verbOf(write.expected)} queued ${crud.map((c) => `${c.op} ${c.type}/${c.id}`).join(', ')} where one ${write.expected} ${write.syncNames[0]}/${write.rowId} was expected${crud.some((c) => !write.syncNames.includes(c.type)) ? ': the type must be the raw table\'s sync name, or the upload goes to another table' : ''}.`,
        });
      }
    }
    this.step({ id: write.id, title: write.title, ok, details });
  }

  // ── 6. upload ─────────────────────────────────────────────────────────────────────────────

  private uploadStep(app: SimulatedApp, stalledAt: string | undefined): void {
    const upload = app.upload();
    const echoes: SyncOperation[] = [];
    const seen = new Set<string>();
    for (const entry of [...upload.uploaded].reverse()) {
      const key = `${entry.type}\u0000${entry.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const set = this.syncedSets.find((s) => s.syncName === entry.type);
      if (!set) continue;
      const stored = set.table && set.idColumn !== undefined ? storedRow(app, set, entry.id) : undefined;
      echoes.push(stored
        ? { op: 'PUT', type: entry.type, id: entry.id, data: Object.fromEntries(set.dataColumns.map((k) => [k, stored[localColumnOf(set, k)?.name ?? k] ?? null])) }
        : { op: 'REMOVE', type: entry.type, id: entry.id });
    }
    if (stalledAt !== undefined) {
      this.step({
        id: 'upload',
        title: 'Upload the queued writes; the next checkpoint acknowledges them',
        ok: upload.ok,
        ...(upload.error ? { error: upload.error } : {}),
        details: {
          uploaded: upload.uploaded.length,
          writeCheckpoint: upload.writeCheckpoint,
          checkpoint: `not simulated: the sync is stalled since step ${stalledAt} failed; every later checkpoint brings the failing rows again`,
        },
      });
      return;
    }
    const result = app.checkpoint(echoes.sort((a, b) => byCodeUnits(a.type, b.type) || byCodeUnits(a.id, b.id)));
    const ok = upload.ok && result.ok && result.applied;
    const step = this.step({
      id: 'upload',
      title: 'Upload the queued writes; the next checkpoint acknowledges them',
      ok,
      ...(upload.error ?? result.error ? { error: upload.error ?? result.error } : {}),
      details: {
        uploaded: upload.uploaded.length,
        writeCheckpoint: upload.writeCheckpoint,
        acknowledged: echoes.map((e) => ({ op: e.op, type: e.type, id: e.id })),
        applied: result.applied,
        note: 'As an SDK does once its upload handler completes: the uploaded ps_crud entries are deleted, powersync_control(\'target_checkpoint_request_id\') records the write checkpoint the service handed out, and the service\'s next checkpoint carries it (with the uploaded rows as the server now has them), so the core applies it.',
        tables: this.rowCounts(app),
      },
    });
    if (!ok && upload.ok) this.syncFailure(app, step, result, undefined);
  }

  // ── shared ────────────────────────────────────────────────────────────────────────────────

  private syncFailure(app: SimulatedApp, step: SimulationStep, result: SyncStepResult, otherError: string | undefined): void {
    if (result.ok && !result.applied) {
      // The scenario uploads after each of its own local writes, so what is left came from elsewhere.
      const pending = app.crudSince(0);
      this.outcome({
        kind: 'checkpoint-held-back',
        step: step.id,
        message: pending.length > 0
          ? `The core received the checkpoint but did not apply it: ps_crud holds ${pending.length} entries that no local write of the scenario made. A trigger that writes ps_crud directly records the synced rows themselves (powersync_crud skips writes made while the core applies a checkpoint), so every sync queues uploads and waits for them.`
          : 'The core received the checkpoint but did not apply it: a write checkpoint is outstanding.',
      });
      return;
    }
    const error = result.error ?? otherError;
    if (error === undefined) return;
    const kind = classifyCoreError(error);
    const missingTable = /no such table: (?:main\.)?([^\s,]+)/.exec(error)?.[1];
    const rawTable = failingRawTable(error)
      ?? this.plan.rawTables.find((r) => statementsOf(r).some((sql) => error.includes(sql)))?.syncName
      ?? (missingTable === undefined ? undefined : this.plan.rawTables.find((r) => r.localTable !== undefined && asciiLower(r.localTable) === asciiLower(missingTable))?.syncName);
    const set = this.syncedSets.find((s) => s.syncName === rawTable);
    const table = set?.table?.name;
    const where = { ...(rawTable ? { rawTable } : {}), ...(table ? { table } : {}) };
    if (kind === 'foreign-key') {
      const immediate = this.edges.filter((e) => !e.deferred && this.applyOrder.indexOf(e.child) < this.applyOrder.indexOf(e.parent) && (rawTable === undefined || e.child === rawTable));
      const edge = immediate[0];
      this.outcome({
        kind, step: step.id, ...where, error,
        message: edge
          ? `The core applied ${edge.child} rows before their ${edge.parent} rows (it applies a checkpoint's rows by sync name); ${edge.foreignKey} is not DEFERRABLE INITIALLY DEFERRED, so SQLite rejected the child row and the whole checkpoint rolled back: sync stalls.`
          : 'A foreign key check failed while the core applied the checkpoint; the whole checkpoint rolled back and sync stalls.',
      });
      return;
    }
    if (kind === 'unique-constraint') {
      const put = putDescription(this.plan.rawTables.find((r) => r.syncName === rawTable));
      this.outcome({
        kind, step: step.id, ...where, error,
        message: `The server edited a ${rawTable ?? 'synced'} row the first sync inserted; ${put ? `the put (${put}) is` : 'the put is'} not an upsert, so the existing ${failingColumn(error) ?? 'id'} fails the UNIQUE constraint, the checkpoint rolls back and sync stalls.`,
      });
      return;
    }
    if (kind === 'constraint') {
      const column = failingColumn(error);
      const cause = set && column ? serverCause(set, column) : undefined;
      this.outcome({ kind, step: step.id, ...where, error, message: `SQLite rejected a synced ${rawTable ?? ''} row (${column ?? 'a constraint'})${cause ? `: ${cause}` : ''}; the checkpoint rolls back and sync stalls.`.replace('  ', ' ') });
      return;
    }
    this.outcome({ kind, step: step.id, ...where, error, message: `The core could not apply the checkpoint${rawTable ? ` (raw table ${rawTable})` : ''}: it rejected a statement.` });
  }

  /** After a successful first sync, every generated row must be in its table. */
  private checkRowsPresent(app: SimulatedApp, step: string): void {
    const expected = new Map<string, { table: string; rows: number; syncNames: string[] }>();
    for (const set of this.sets) {
      if (!set.table || (set.syncName !== undefined && this.withheld.has(set.syncName))) continue;
      const entry = expected.get(asciiLower(set.table.name)) ?? { table: set.table.name, rows: 0, syncNames: [] };
      entry.rows += set.rows.length;
      if (set.syncName) entry.syncNames.push(set.syncName);
      expected.set(asciiLower(set.table.name), entry);
    }
    const entries = [...expected.values()];
    const counts = countRows(app, entries.map((entry) => entry.table));
    entries.forEach((entry, i) => {
      const count = counts[i];
      if (count === undefined || count >= entry.rows) return;
      this.outcome({
        kind: 'rows-missing', step, table: entry.table, ...(entry.syncNames.length === 1 ? { rawTable: entry.syncNames[0] } : {}),
        message: `${entry.table} holds ${count} of the ${entry.rows} rows the sync sent: the put of ${entry.syncNames.join(', ')} does not insert every row it receives.`,
      });
    });
  }

  private rowCounts(app: SimulatedApp): Record<string, number | null> {
    const tables = this.sets.flatMap((set) => (set.table ? [set.table.name] : []));
    const counts = countRows(app, tables);
    const byTable: Record<string, number | null> = {};
    tables.forEach((table, i) => {
      byTable[table] = counts[i] ?? null;
    });
    return byTable;
  }
}

/** The keys of a PUT's data: the put's `Column(…)` names, or for an inferred put the table's columns but id (or `synced_columns`). */
export function dataColumnsOf(rawTable: PlannedRawTable, table: Table | undefined): string[] {
  const json = rawTable.json as { put?: { params?: unknown[] }; synced_columns?: unknown };
  if (json.put) {
    const names: string[] = [];
    for (const param of json.put.params ?? []) {
      if (typeof param === 'object' && param !== null && typeof (param as { Column?: unknown }).Column === 'string') {
        names.push((param as { Column: string }).Column);
      }
    }
    return names;
  }
  if (!table) return [];
  const listed = Array.isArray(json.synced_columns) ? json.synced_columns.filter((c): c is string => typeof c === 'string') : undefined;
  return table.columns.map((c) => c.name).filter((n) => asciiLower(n) !== 'id' && (!listed || listed.includes(n)));
}

/**
 * Why the service's rows leave `table.column` NULL, when the sync config says: the put reads a key
 * it never sends, or the Postgres column it sends allows NULL.
 */
function serverCause(set: SampleRowSet, qualifiedColumn: string): string | undefined {
  const server = set.server;
  if (!server) return undefined;
  const column = qualifiedColumn.slice(qualifiedColumn.indexOf('.') + 1);
  const key = Object.keys(server.bindings).find((k) => asciiLower(server.bindings[k]) === asciiLower(column));
  if (key === undefined) return undefined;
  const sent = server.columns.find((c) => c.name === key);
  if (!sent) return `the put fills ${column} from the key '${key}', which the sync config never sends for ${set.syncName}, so it binds NULL`;
  if (sent.nullable === true) return `the sync config sends NULL in '${key}' where Postgres allows it${sent.nullableFrom ? ` (${sent.nullableFrom})` : ''}`;
  return undefined;
}

function syncEdges(sets: SampleRowSet[]): SyncEdge[] {
  const edges: SyncEdge[] = [];
  for (const child of sets) {
    for (const fk of child.table?.foreignKeys ?? []) {
      for (const parent of sets) {
        if (parent === child || !parent.table || asciiLower(parent.table.name) !== asciiLower(fk.parentTable)) continue;
        if (parent.table === child.table) continue;
        edges.push({
          child: child.syncName!,
          parent: parent.syncName!,
          foreignKey: `${child.table!.name}(${fk.childColumns.join(', ')}) → ${fk.parentTable}(${fk.parentColumns.join(', ')})`,
          deferred: fk.deferred,
        });
      }
    }
  }
  return edges;
}

/** Raw tables grouped so that every parent is in an earlier group; a cycle ends up in the last group. */
function dependencyLevels(sets: SampleRowSet[], edges: SyncEdge[]): SampleRowSet[][] {
  const levels: SampleRowSet[][] = [];
  const placed = new Set<string>();
  let remaining = [...sets];
  while (remaining.length > 0) {
    const ready = remaining.filter((s) => edges.every((e) => e.child !== s.syncName || e.parent === s.syncName || placed.has(e.parent)));
    const level = ready.length > 0 ? ready : remaining;
    levels.push(level);
    for (const s of level) placed.add(s.syncName!);
    remaining = remaining.filter((s) => !level.includes(s));
  }
  return levels;
}

/** PUTs of every row of `sets`, in the order the core applies them (sync name, then id). */
function operationsFor(sets: SampleRowSet[], version: 'first' | 'server-edit'): SyncOperation[] {
  const operations: SyncOperation[] = [];
  for (const set of sets) {
    for (const row of set.rows) operations.push({ op: 'PUT', type: set.syncName!, id: row.id, data: putData(set, row, version) });
  }
  return operations.sort((a, b) => byCodeUnits(a.type, b.type) || byCodeUnits(a.id, b.id));
}

/** SQLite's BINARY order for the ASCII names the core sorts. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function insertSql(table: { name: string; columns: readonly { name: string }[] }, row: SampleRow): string {
  const columns = table.columns.filter((c) => c.name in row.values);
  return `INSERT INTO ${quoteName(table.name)} (${columns.map((c) => quoteName(c.name)).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
}

function insertValues(table: { columns: readonly { name: string }[] }, row: SampleRow): SqlValue[] {
  return table.columns.filter((c) => c.name in row.values).map((c) => row.values[c.name]);
}

function rowExists(app: SimulatedApp, table: string, idColumn: string, id: SqlValue): boolean {
  try {
    return Number(app.db.scalar(`SELECT count(*) FROM ${quoteName(table)} WHERE ${quoteName(idColumn)} = ?`, [id])) > 0;
  } catch {
    return false;
  }
}

function storedRow(app: SimulatedApp, set: SampleRowSet, id: string): Record<string, SqlValue> | undefined {
  try {
    return app.db.query(`SELECT * FROM ${quoteName(set.table!.name)} WHERE ${quoteName(set.idColumn!)} = ?`, [id])[0];
  } catch {
    return undefined;
  }
}

/**
 * The rows in each table (undefined where SQLite cannot count them): one query for many tables,
 * one per table when that query fails.
 */
function countRows(app: SimulatedApp, tables: string[]): (number | undefined)[] {
  const counts: (number | undefined)[] = [];
  for (let start = 0; start < tables.length; start += COUNTS_PER_QUERY) {
    const chunk = tables.slice(start, start + COUNTS_PER_QUERY);
    let row: Record<string, SqlValue> | undefined;
    try {
      row = app.db.query(`SELECT ${chunk.map((table, i) => `(SELECT count(*) FROM ${quoteName(table)}) AS n${i}`).join(', ')}`)[0];
    } catch {
      row = undefined;
    }
    chunk.forEach((table, i) => counts.push(row ? Number(row[`n${i}`]) : countRowsOf(app, table)));
  }
  return counts;
}

const COUNTS_PER_QUERY = 200;

function countRowsOf(app: SimulatedApp, table: string): number | undefined {
  try {
    return Number(app.db.scalar(`SELECT count(*) FROM ${quoteName(table)}`));
  } catch {
    return undefined;
  }
}

/** Every trigger in the built database, by table. */
function triggersByTable(app: SimulatedApp): Record<string, string[]> {
  const byTable: Record<string, string[]> = {};
  for (const row of app.db.query("select name, tbl_name from sqlite_master where type = 'trigger' order by tbl_name, name")) {
    (byTable[String(row.tbl_name)] ??= []).push(String(row.name));
  }
  return byTable;
}

/** The SQL of a raw table's put and delete, as the core quotes them in its errors. */
function statementsOf(rawTable: PlannedRawTable): string[] {
  const json = rawTable.json as { put?: { sql?: unknown }; delete?: { sql?: unknown } };
  return [json.put?.sql, json.delete?.sql].filter((sql): sql is string => typeof sql === 'string');
}

/** `INSERT OR REPLACE INTO profile …` as the put begins, for messages. */
function putDescription(rawTable: PlannedRawTable | undefined): string | undefined {
  const sql = (rawTable?.json as { put?: { sql?: unknown } } | undefined)?.put?.sql;
  if (typeof sql !== 'string') return undefined;
  const insert = readInsertStatement(sql);
  if (!insert) return undefined;
  const verb = insert.orAction === undefined ? 'INSERT' : insert.orAction === 'REPLACE' && /^\s*REPLACE/i.test(sql) ? 'REPLACE' : `INSERT OR ${insert.orAction}`;
  const upsert = insert.upserts.length > 0 ? ` … ON CONFLICT DO ${insert.upserts[0].action}` : '';
  return `${verb} INTO ${insert.table} …${upsert}`;
}

function describeStatementKind(kind: string): string {
  return kind === 'crud-trigger' ? 'CRUD trigger (powersync_create_raw_table_crud_trigger)' : kind === 'table' ? 'CREATE TABLE' : kind === 'index' ? 'CREATE INDEX' : 'CREATE TRIGGER';
}

function verbOf(op: 'PUT' | 'PATCH' | 'DELETE' | 'none'): string {
  return op === 'PUT' ? 'insert' : op === 'PATCH' ? 'update' : op === 'DELETE' ? 'delete' : 'write';
}

/** SQLite's loose equality for the values the scenario writes: 1 and '1' and 1.0 are the same. */
function sameValue(a: SqlValue | string | undefined, b: SqlValue | string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a === null || b === null) return a === b;
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return String(a) === String(b);
}

function formatValue(value: SqlValue): string {
  return typeof value === 'string' ? `'${value}'` : value === null ? 'NULL' : String(value);
}
