import type { SourceLocation } from '../model/location';
import { anyFileUnread, findTable } from '../model/synced-tables';
import type { ParameterSource, RawTable, Table, WorkspaceModel } from '../model/workspace';
import { asciiLower } from '../sql/sql-text';
import { similarName } from '../model/similar-names';
import { nullIntoNotNull } from '../model/null-into-not-null';
import { putBindings, type PutBinding, type PutParameter } from './put-bindings';
import { idColumnOf } from './sample-rows';
import { outputForSyncName } from './server-output';
import type { PreviewSimulation, SimulationStep } from './sync-scenario';

/**
 * The chain a synced value travels, per raw table whose output the sync config makes known:
 * Postgres column → output column → put parameter → local column → uploaded key, each link from
 * the model (the sync config, the put, the local table) or from the simulation (what a local
 * insert queued in ps_crud). A break is a link that is known to fail, with why.
 */

export interface ChainPlace {
  file: string;
  line: number;
}

export type ChainLink = 'postgres' | 'output' | 'put' | 'local' | 'upload';

export interface ChainBreak {
  at: ChainLink;
  reason: string;
}

export interface ChainRow {
  /** `row-id`: whatever the queries select as id (the output's columns leave it aside). */
  postgres: { state: 'column'; column: string } | { state: 'row-id' | 'computed' | 'several' | 'unknown' | 'none' };
  output: { state: 'sent'; name: string; type: string; nullable?: boolean; nullableFrom?: string; rowId?: true } | { state: 'not-sent' };
  put:
    | { state: 'read'; kind: 'Id' | 'Column' | 'Rest' | 'inferred'; key?: string; position?: number; place?: ChainPlace }
    | { state: 'not-read' }
    | { state: 'unknown' };
  local: { state: 'column'; name: string; type: string; notNull: boolean } | { state: 'none' | 'unknown' };
  upload: { state: 'key'; key: string } | { state: 'row-id' } | { state: 'absent' | 'nothing' | 'unknown'; note: string };
  breaks: ChainBreak[];
}

export interface SyncChain {
  rawTable: string;
  table?: string;
  /** Why the server's side of the chain is not known; then there are no rows. */
  unknown?: string;
  syncConfig?: ChainPlace;
  /** The sync config's queries that output the table, each where it is written. */
  queries?: (ChainPlace & { definition: string; kind: string })[];
  /** The Postgres table every query reads (`public.todo`), when there is one and the migrations show it. */
  source?: string;
  rows?: ChainRow[];
}

const sameName = (a: string, b: string) => a === b || asciiLower(a) === asciiLower(b);

export function syncChains(model: WorkspaceModel, simulation: PreviewSimulation, fileOf: (uri: string) => string): SyncChain[] {
  const place = (loc: SourceLocation): ChainPlace => ({ file: fileOf(loc.uri), line: loc.range.start.line });
  const chains: SyncChain[] = [];
  // Another raw table may read what this one does not: one whose name is unknown, or one in a file not read.
  const namesKnown = model.rawTables.every((r) => r.name !== undefined) && !anyFileUnread(model);
  for (const rawTable of model.rawTables) {
    if (rawTable.name === undefined) continue;
    const table = rawTable.localTable === undefined ? undefined : findTable(model, rawTable.localTable);
    const head = { rawTable: rawTable.name, ...(table ? { table: table.name } : rawTable.localTable ? { table: rawTable.localTable } : {}) };
    const found = outputForSyncName(model, rawTable.name);
    if ('reason' in found) {
      chains.push({ ...head, unknown: found.reason });
      continue;
    }
    const { table: output, config } = found;
    const sources = [...new Set(output.queries.map((q) => q.source))];
    const postgres = model.backend.postgres;
    const pgTable = sources.length === 1 ? postgres?.tables.find((t) => !t.unknown && `${t.schema}.${t.name}` === sources[0]) : undefined;
    const pgColumns = postgres && !postgres.unknown && pgTable ? new Set(pgTable.columns.map((c) => c.name)) : undefined;
    const put = putOf(rawTable, table, place);
    // Keys every raw table of this name reads, when each of them is read in full.
    const namesakes = model.rawTables.filter((r) => r.name === rawTable.name);
    const shapes = namesakes.map((r) => (r === rawTable ? put : putOf(r, r.localTable === undefined ? undefined : findTable(model, r.localTable), place)));
    const readByAll = namesKnown && shapes.every((p) => p.known && !p.unlisted) ? new Set(shapes.flatMap(keysRead)) : undefined;
    // Whether a NULL the put binds into this NOT NULL column fails the checkpoint (only REPLACE with a DEFAULT stores the DEFAULT).
    const nullFails = (name: string) => {
      const column = table?.columns.find((c) => sameName(c.name, name));
      return column !== undefined && column.notNull && nullIntoNotNull(table!, column, rawTable.put?.sql) === 'fails';
    };
    const upload = uploadOf(simulation, table, rawTable.name);
    const localColumn = (name: string | undefined): ChainRow['local'] => {
      if (name === undefined) return { state: 'none' };
      if (!table) return { state: 'unknown' };
      const column = table.columns.find((c) => sameName(c.name, name));
      return column ? { state: 'column', name: column.name, type: column.affinityUnresolved ? 'unknown' : column.affinity, notNull: column.notNull } : { state: 'unknown' };
    };
    const rows: ChainRow[] = [];

    // The row id: the service sends it as the entry's id, never as a column.
    const idParam = put.bindings?.find((b) => b.parameter.kind === 'Id') ?? put.bindings?.find((b) => b.parameter.kind === 'Column' && b.parameter.key === 'id');
    rows.push({
      postgres: { state: 'row-id' },
      output: { state: 'sent', name: 'id', type: 'text', nullable: false, rowId: true },
      put: idParam ? read(idParam, put.places) : put.bindings ? { state: 'not-read' } : put.inferred ? { state: 'read', kind: 'inferred', key: 'id' } : { state: 'unknown' },
      local: idParam ? localColumn(idParam.column) : table ? localColumn(idColumnOf(table)) : { state: 'unknown' },
      upload: { state: 'row-id' },
      breaks: [],
    });

    for (const column of output.columns) {
      const readers = put.bindings?.filter((b) => b.parameter.kind === 'Column' && b.parameter.key === column.name) ?? [];
      const rest = put.bindings?.find((b) => b.parameter.kind === 'Rest');
      const inferred = put.inferred?.find((name) => name === column.name);
      const reader = readers[0] ?? rest;
      const row: ChainRow = {
        postgres: column.from ? { state: 'column', column: column.from } : column.nullable === undefined ? { state: 'computed' } : { state: 'several' },
        output: { state: 'sent', name: column.name, type: column.type, ...(column.nullable === undefined ? {} : { nullable: column.nullable }), ...(column.nullableFrom ? { nullableFrom: column.nullableFrom } : {}) },
        put: reader ? read(reader, put.places) : inferred !== undefined ? { state: 'read', kind: 'inferred', key: inferred } : put.known ? { state: 'not-read' } : { state: 'unknown' },
        local: readers[0] ? localColumn(readers[0].column) : inferred !== undefined ? localColumn(inferred) : rest ? localColumn(rest.column) : put.known ? { state: 'none' } : { state: 'unknown' },
        upload: { state: 'unknown', note: '' },
        breaks: [],
      };
      if (row.put.state === 'not-read' && readByAll && !readByAll.has('*') && !readByAll.has(column.name)) {
        const stored = table?.columns.find((c) => sameName(c.name, column.name));
        row.breaks.push({
          at: 'put',
          reason: `The sync config sends '${column.name}' for '${output.name}', but no put parameter reads it: the core drops it on every row${stored ? `, and ${table!.name}.${stored.name} never gets it` : ''}.`,
        });
      }
      if (row.local.state === 'column' && nullFails(row.local.name) && column.nullable === true) {
        row.breaks.push({ at: 'local', reason: `Postgres allows NULL in ${column.nullableFrom ?? column.name} and the sync config sends it, but ${table!.name}.${row.local.name} is NOT NULL: a row with NULL there fails the checkpoint, and sync stalls.` });
      }
      rows.push(row);
    }

    // Keys the put reads that the service never sends: bound NULL on every row.
    const sent = new Set(output.columns.map((c) => c.name));
    for (const binding of put.bindings ?? []) {
      if (binding.parameter.kind !== 'Column' || sent.has(binding.parameter.key) || binding.parameter.key === 'id') continue;
      const local = localColumn(binding.column);
      const meant = similarName(binding.parameter.key, [...sent]);
      const row: ChainRow = {
        postgres: { state: 'none' },
        output: { state: 'not-sent' },
        put: read(binding, put.places),
        local,
        upload: { state: 'unknown', note: '' },
        breaks: [{
          at: 'output',
          reason: `The sync config sends no '${binding.parameter.key}' for '${output.name}' (it sends ${[...sent].map((n) => `'${n}'`).join(', ') || 'only the id'}): the put binds NULL on every row.${meant ? ` Did you mean '${meant}'? Keys match exactly, case included.` : ''}`,
        }],
      };
      if (local.state === 'column' && nullFails(local.name)) {
        row.breaks.push({ at: 'local', reason: `${table!.name}.${local.name} is NOT NULL and gets NULL from the key '${binding.parameter.key}': every synced row fails the checkpoint, and sync stalls.` });
      }
      // Beside the column it was likely meant to read, so the two halves of the mistake meet.
      const beside = meant === undefined ? -1 : rows.findIndex((r) => r.output.state === 'sent' && r.output.name === meant);
      if (beside >= 0) rows.splice(beside + 1, 0, row);
      else rows.push(row);
    }

    // The uploaded keys, matched to rows by local column (a trigger's json_object names them so).
    const matched = new Set<string>();
    for (const row of rows) {
      if (row.upload.state === 'row-id') continue;
      if (upload.state !== 'keys') {
        row.upload = upload;
        if (upload.state === 'nothing') row.breaks.push({ at: 'upload', reason: upload.note });
        continue;
      }
      const name = row.local.state === 'column' ? row.local.name : undefined;
      // By the local column (a trigger names its keys so), else by the output column's name.
      const names = [name, row.output.state === 'sent' ? row.output.name : undefined].filter((n): n is string => n !== undefined);
      const key = names.map((n) => upload.keys.find((k) => sameName(k, n))).find((k) => k !== undefined);
      if (key !== undefined) {
        matched.add(key);
        row.upload = { state: 'key', key };
        if (pgColumns && !pgColumns.has(key)) row.breaks.push({ at: 'upload', reason: lacks(sources[0], key) });
      } else if (name !== undefined && row.output.state === 'sent') {
        row.upload = { state: 'absent', note: `A local insert into ${table!.name} uploads no '${name}': the server never sees local changes to it.` };
        row.breaks.push({ at: 'upload', reason: row.upload.note });
      } else {
        row.upload = { state: 'absent', note: 'not uploaded' };
      }
    }
    if (upload.state === 'keys') {
      for (const key of upload.keys.filter((k) => !matched.has(k))) {
        const local = localColumn(table?.columns.find((c) => sameName(c.name, key))?.name);
        rows.push({
          postgres: pgColumns?.has(key) ? { state: 'column', column: `${sources[0]}.${key}` } : { state: 'none' },
          output: { state: 'not-sent' },
          put: { state: 'not-read' },
          local: local.state === 'unknown' ? { state: 'none' } : local,
          upload: { state: 'key', key },
          breaks: pgColumns && !pgColumns.has(key) ? [{ at: 'upload', reason: lacks(sources[0], key) }] : [],
        });
      }
    }

    chains.push({
      ...head,
      syncConfig: place(config.keyLoc),
      queries: output.queries.map((q) => ({ definition: q.definition, kind: q.kind, ...place(q.loc) })),
      ...(sources.length === 1 ? { source: sources[0] } : {}),
      rows,
    });
  }
  return chains;
}

function lacks(source: string, key: string): string {
  return `The Postgres table ${source} has no column '${key}': a connector that writes the uploaded data as it is fails on it.`;
}

function read(binding: PutBinding, places: (ChainPlace | undefined)[]): ChainRow['put'] {
  const parameter = binding.parameter;
  const kind = parameter.kind === 'unknown' ? 'Column' : parameter.kind;
  const where = places[binding.position];
  return { state: 'read', kind, ...(parameter.kind === 'Column' ? { key: parameter.key } : {}), position: binding.position, ...(where ? { place: where } : {}) };
}

interface PutShape {
  /** Each parameter of a written put with the local column it fills; undefined for an inferred or unknown put. */
  bindings?: PutBinding[];
  places: (ChainPlace | undefined)[];
  /** For an inferred put: the keys it reads (the local columns' names). */
  inferred?: string[];
  /** Whether every key the put reads is known (then a key it does not read is known not read). */
  known: boolean;
  /** An inferred put without `syncedColumns`: it writes the local table's columns, which is not judged. */
  unlisted?: boolean;
}

/** The keys a put reads by name; a `Rest` reads every key, so then none is left unread. */
function keysRead(put: PutShape): string[] {
  if (put.bindings?.some((b) => b.parameter.kind === 'Rest')) return ['*'];
  return put.inferred ?? (put.bindings ?? []).flatMap((b) => (b.parameter.kind === 'Column' ? [b.parameter.key] : []));
}

function putOf(rawTable: RawTable, table: Table | undefined, place: (loc: SourceLocation) => ChainPlace): PutShape {
  if (!rawTable.put) {
    const listed = rawTable.schema?.syncedColumns;
    if (!rawTable.schema || listed === 'unknown' || !table) return { places: [], known: false };
    const names = table.columns.map((c) => c.name).filter((n) => n !== 'id' && (!listed || listed.includes(n)));
    return { places: [], inferred: names, known: true, ...(listed === undefined ? { unlisted: true } : {}) };
  }
  const parameters = rawTable.put.parameters;
  if (!parameters) return { places: [], known: false };
  const converted = parameters.map(toPutParameter);
  const bindings = putBindings(rawTable.put.sql, converted, table?.columns.map((c) => c.name));
  return {
    bindings,
    places: parameters.map((p) => place(p.loc)),
    known: converted.every((p) => p.kind !== 'unknown'),
  };
}

function toPutParameter(source: ParameterSource): PutParameter {
  if (source.kind === 'Id' || source.kind === 'Rest') return { kind: source.kind };
  if (source.kind === 'Column' && source.name !== undefined) return { kind: 'Column', key: source.name };
  return { kind: 'unknown' };
}

type Upload = { state: 'keys'; keys: string[] } | { state: 'nothing' | 'unknown'; note: string };

/** The keys a simulated local insert into the table uploaded for this raw table, from the core's ps_crud JSON. */
function uploadOf(simulation: PreviewSimulation, table: Table | undefined, syncName: string): Upload {
  if (!table) return { state: 'unknown', note: 'the local table is not known' };
  const step: SimulationStep | undefined = simulation.steps.find((s) => s.id === `local-insert:${table.name}`);
  if (!step) return { state: 'unknown', note: `no local insert into ${table.name} was simulated` };
  const crud = (step.details.crud ?? []) as { op?: string; type?: string; data?: Record<string, unknown> }[];
  const put = crud.find((c) => c.op === 'PUT' && c.type === syncName);
  if (put) return { state: 'keys', keys: Object.keys(put.data ?? {}) };
  if (step.error !== undefined) return { state: 'unknown', note: `the simulated local insert into ${table.name} failed` };
  if (crud.length === 0) return { state: 'nothing', note: `A local insert into ${table.name} queued nothing in ps_crud: no local write to it reaches the server.` };
  return { state: 'unknown', note: `the simulated local insert into ${table.name} queued no PUT of ${syncName}` };
}
