import { errorText, type CoreDatabase, type CoreSchemaJson, type SqlValue } from './database';

/**
 * A sync round driven through the core's own sync client (`powersync_control`), with the lines a
 * PowerSync service would send made up here: no server, the same code path that applies rows to
 * raw tables in an app. Each call runs in its own write transaction, as the SDKs do.
 */

/** One row change as the service sends it. */
export interface SyncOperation {
  op: 'PUT' | 'REMOVE';
  /** The sync-side table name (`object_type`): a raw table's `name`. */
  type: string;
  id: string;
  /** The row's synced columns (PUT only). */
  data?: Record<string, unknown>;
  /** Defaults to `global`. */
  bucket?: string;
}

export interface SyncStepResult {
  ok: boolean;
  /** The core's error text when a call failed (nothing of that call is kept). */
  error?: string;
  /** The instructions the core returned, in order, over every call of the step. */
  instructions: unknown[];
  /** True when the core reported the checkpoint applied to the tables. */
  applied: boolean;
}

export interface CheckpointOptions {
  /** Bucket priorities (0 highest, 3 the default). */
  priorities?: Record<string, number>;
  /**
   * The write checkpoint the service reports: the checkpoint request id of a completed upload
   * (see `completeUpload` in upload-simulation.ts). Defaults to null.
   */
  writeCheckpoint?: string;
}

const DEFAULT_BUCKET = 'global';
const DEFAULT_PRIORITY = 3;
const APPLIED_MESSAGE = 'Validated and applied checkpoint';

interface BucketState {
  checksum: number;
  count: number;
  priority: number;
  lastOpId?: number;
}

/** One simulated connection: the buckets and op ids the service has sent so far. */
export class SyncSession {
  private nextOpId = 1;
  private readonly buckets = new Map<string, BucketState>();
  private checkpoints = 0;

  private constructor(private readonly db: CoreDatabase, readonly started: SyncStepResult) {}

  /** `powersync_control('start', …)` with the schema (raw tables are read from this payload). */
  static start(db: CoreDatabase, schema: CoreSchemaJson | string, parameters: Record<string, unknown> = {}): SyncSession {
    const schemaObject: unknown = typeof schema === 'string' ? JSON.parse(schema) : schema;
    const started = runSteps(db, [['start', JSON.stringify({ parameters, schema: schemaObject })]]);
    return new SyncSession(db, started);
  }

  /**
   * Sends one checkpoint holding `operations`: a full `checkpoint` the first time, a
   * `checkpoint_diff` after, then the data lines and `checkpoint_complete`. Stops at the first
   * call that fails.
   */
  applyCheckpoint(operations: SyncOperation[], options: CheckpointOptions = {}): SyncStepResult {
    const data = new Map<string, { op_id: string; op: string; object_type: string; object_id: string; checksum: number; data: string | null }[]>();
    const updated = new Set<string>();
    const next = new Map<string, BucketState>([...this.buckets].map(([name, state]) => [name, { ...state }]));
    for (const operation of operations) {
      const bucket = operation.bucket ?? DEFAULT_BUCKET;
      const opId = this.nextOpId++;
      const payload = operation.op === 'PUT' ? JSON.stringify(operation.data ?? {}) : null;
      const checksum = operationChecksum(`${opId}/${operation.type}/${operation.id}/${payload ?? ''}`);
      const state = next.get(bucket) ?? { checksum: 0, count: 0, priority: DEFAULT_PRIORITY };
      state.checksum = (state.checksum + checksum) >>> 0;
      state.count++;
      next.set(bucket, state);
      updated.add(bucket);
      const list = data.get(bucket) ?? [];
      list.push({ op_id: String(opId), op: operation.op, object_type: operation.type, object_id: operation.id, checksum, data: payload });
      data.set(bucket, list);
    }
    for (const [bucket, priority] of Object.entries(options.priorities ?? {})) {
      const state = next.get(bucket);
      if (state) state.priority = priority;
    }
    const lastOpId = String(this.nextOpId - 1);
    const writeCheckpoint = options.writeCheckpoint ?? null;
    const describe = (name: string) => {
      const state = next.get(name)!;
      return { bucket: name, checksum: toSigned(state.checksum), priority: state.priority, count: state.count };
    };
    const checkpoint = this.checkpoints === 0
      ? { checkpoint: { last_op_id: lastOpId, write_checkpoint: writeCheckpoint, buckets: [...next.keys()].map(describe) } }
      : { checkpoint_diff: { last_op_id: lastOpId, write_checkpoint: writeCheckpoint, updated_buckets: [...updated].map(describe), removed_buckets: [] } };
    const lines: [string, string][] = [['line_text', JSON.stringify(checkpoint)]];
    for (const [bucket, ops] of data) {
      const after = this.buckets.get(bucket)?.lastOpId;
      lines.push(['line_text', JSON.stringify({
        data: { bucket, data: ops, has_more: false, after: after === undefined ? null : String(after), next_after: ops[ops.length - 1].op_id },
      })]);
    }
    lines.push(['line_text', JSON.stringify({ checkpoint_complete: { last_op_id: lastOpId } })]);
    const result = runSteps(this.db, lines);
    if (result.ok) {
      for (const [bucket, ops] of data) next.get(bucket)!.lastOpId = Number(ops[ops.length - 1].op_id);
      this.buckets.clear();
      for (const [name, state] of next) this.buckets.set(name, state);
      this.checkpoints++;
    }
    return result;
  }

  /** `powersync_control('stop', null)`. */
  stop(): SyncStepResult {
    return runSteps(this.db, [['stop', null]]);
  }

  /**
   * The app connects again after `stop`, maybe with another schema (an upgrade): `start` on the
   * same database while the service's buckets and op ids carry on; the next checkpoint is a full one.
   */
  resume(schema: CoreSchemaJson | string, parameters: Record<string, unknown> = {}): SyncStepResult {
    const schemaObject: unknown = typeof schema === 'string' ? JSON.parse(schema) : schema;
    const started = runSteps(this.db, [['start', JSON.stringify({ parameters, schema: schemaObject })]]);
    if (started.ok) this.checkpoints = 0;
    return started;
  }
}

/** Starts a simulated sync connection; `session.started` holds the result of `start`. */
export function startSync(db: CoreDatabase, schema: CoreSchemaJson | string, parameters?: Record<string, unknown>): SyncSession {
  return SyncSession.start(db, schema, parameters);
}

/** Sends one checkpoint with these operations (see SyncSession.applyCheckpoint). */
export function applyCheckpoint(session: SyncSession, operations: SyncOperation[], options?: CheckpointOptions): SyncStepResult {
  return session.applyCheckpoint(operations, options);
}

/** A write by the app, in its own transaction as `writeTransaction` would run it. */
export function localWrite(db: CoreDatabase, sql: string, params?: SqlValue[]): { ok: boolean; error?: string } {
  try {
    db.transaction(() => db.exec(sql, params));
    return { ok: true };
  } catch (error) {
    return { ok: false, error: errorText(error) };
  }
}

/** A row of `ps_crud`: what the app would upload. */
export interface CrudEntry {
  /** The ps_crud row id (upload order). */
  seq: number;
  txId?: number;
  op: 'PUT' | 'PATCH' | 'DELETE' | string;
  /** The sync-side table name. */
  type: string;
  id: string;
  data?: Record<string, unknown>;
  old?: Record<string, unknown>;
  metadata?: string;
}

/** The pending uploads in `ps_crud`, oldest first, with their JSON parsed. */
export function readCrud(db: CoreDatabase): CrudEntry[] {
  return db.queryKept('select id, tx_id, data from ps_crud order by id').map(crudEntry);
}

/** The entries of `ps_crud` after `seq`, oldest first; like readCrud, throws on one that is not the core's JSON. */
export function readCrudAfter(db: CoreDatabase, seq: number): CrudEntry[] {
  return db.queryKept('select id, tx_id, data from ps_crud where id > ? order by id', [seq]).map(crudEntry);
}

function crudEntry(row: Record<string, SqlValue>): CrudEntry {
  const parsed = JSON.parse(String(row.data)) as { op: string; type: string; id: string; data?: Record<string, unknown>; old?: Record<string, unknown>; metadata?: string };
  return {
    seq: Number(row.id),
    ...(row.tx_id === null ? {} : { txId: Number(row.tx_id) }),
    op: parsed.op,
    type: parsed.type,
    id: parsed.id,
    ...(parsed.data === undefined ? {} : { data: parsed.data }),
    ...(parsed.old === undefined ? {} : { old: parsed.old }),
    ...(parsed.metadata === undefined ? {} : { metadata: parsed.metadata }),
  };
}

/**
 * sql.js copies a string parameter into the engine's memory one character at a time in
 * JavaScript, and a checkpoint of 5,000 rows is megabytes of JSON; bytes are copied in one go. The
 * core is handed the same text all the same: CAST turns the UTF-8 bytes back into TEXT (and the
 * payloads, made by JSON.stringify, hold no lone surrogate that the two encoders would differ on).
 */
const CONTROL = 'select powersync_control(?, cast(? as text))';
const utf8 = new TextEncoder();

function runSteps(db: CoreDatabase, steps: [string, string | null][]): SyncStepResult {
  const instructions: unknown[] = [];
  for (const [op, payload] of steps) {
    try {
      // An empty blob would bind as NULL.
      const bytes = payload === null || payload.length === 0 ? payload : utf8.encode(payload);
      const text = db.transaction(() => db.scalarKept(CONTROL, [op, bytes]));
      const parsed: unknown = typeof text === 'string' && text.length > 0 ? JSON.parse(text) : [];
      if (Array.isArray(parsed)) instructions.push(...parsed);
      else instructions.push(parsed);
    } catch (error) {
      return { ok: false, error: errorText(error), instructions, applied: false };
    }
  }
  return { ok: true, instructions, applied: instructions.some(reportsApplied) };
}

function reportsApplied(instruction: unknown): boolean {
  return JSON.stringify(instruction).includes(APPLIED_MESSAGE);
}

/** A stable 32-bit checksum for a made-up operation (FNV-1a). */
function operationChecksum(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The service sends checksums as signed 32-bit integers. */
function toSigned(checksum: number): number {
  return checksum | 0;
}
