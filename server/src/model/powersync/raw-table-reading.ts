import { Schema as CoreSchema } from '@powersync/common';
import { readInsertStatement } from '../../sql/insert-statement';
import type { NameScope } from '../evaluate';
import type { SourceLocation } from '../location';
import { whyUnknown, type UnresolvedPart } from '../unknown-reason';
import type { Value } from '../value';
import type { ParameterSource, PendingStatement, RawTable } from '../workspace';

/** The JS SDK's raw-table type, as `Schema.rawTableToJson` takes it. */
type CoreRawTable = Parameters<typeof CoreSchema.rawTableToJson>[0];

/** Tracks whether any part of a declaration could not be resolved (then no core JSON), and why. */
export interface Reading {
  scope: NameScope;
  unknown: boolean;
  /** What could not be read, for not-analyzed and the preview. */
  parts: UnresolvedPart[];
  /** `raw table 'lists'`, or `this raw table` while the name is unknown. */
  label: string;
}

export function unresolved(reading: Reading, what: string, value: Value | undefined, scope: NameScope, loc: SourceLocation, reason?: string): void {
  reading.unknown = true;
  reading.parts.push({ what: `${what} of ${reading.label}`, reason: reason ?? whyUnknown(value, scope), loc });
}

/**
 * Records each parameter of a statement that could not be read: one of no known kind, or a
 * `Column` whose name is no string Rawsync can evaluate. `expected` names the SDK's own forms.
 */
export function unreadParameters(reading: Reading, parameters: ParameterSource[], role: string, scope: NameScope, expected: string): void {
  parameters.forEach((p, i) => {
    if (p.kind === 'unknown' || (p.kind === 'Column' && p.name === undefined)) {
      unresolved(reading, `parameter ${i + 1} of the ${role}`, undefined, scope, p.loc, p.kind === 'Column' ? 'the Column name is not a string Rawsync can evaluate' : `it is not ${expected} as far as Rawsync can tell`);
    }
  });
}

/**
 * The local table, the core's JSON (when every part resolved) and the unresolved parts, once a
 * declaration's parts are read (Kotlin's RawTable(…) call or a JS raw table object alike).
 */
export function finishRawTable(table: RawTable, reading: Reading, tableNameKnown: boolean): RawTable {
  const name = table.name;
  table.localTable = table.schema
    ? (tableNameKnown ? table.schema.tableName ?? name : undefined)
    : table.put?.sql !== undefined ? readInsertStatement(table.put.sql)?.table : undefined;
  if (!reading.unknown && name !== undefined) table.coreJson = coreJson(name, table);
  if (reading.parts.length > 0) table.unresolved = reading.parts;
  return table;
}

/**
 * The core's JSON for a resolved raw table, serialized by the JS SDK itself. Kotlin's
 * `TableOptions` writes its four flags even when false, so the defaults are passed explicitly.
 */
export function coreJson(name: string, table: RawTable): unknown {
  const statement = (s: PendingStatement | undefined) =>
    s && { sql: s.sql!, params: s.parameters!.map((p) => (p.kind === 'Column' ? { Column: p.name! } : p.kind === 'Rest' ? 'Rest' as const : 'Id' as const)) };
  const shape: Record<string, unknown> = { name };
  if (table.put) shape.put = statement(table.put);
  if (table.delete) shape.delete = statement(table.delete);
  if (table.clear) shape.clear = table.clear.sql;
  if (table.schema) {
    const o = table.schema.options;
    const previous = o.trackPreviousValues;
    shape.schema = {
      tableName: table.schema.tableName,
      syncedColumns: table.schema.syncedColumns === 'unknown' ? undefined : table.schema.syncedColumns,
      localOnly: o.localOnly ?? false,
      insertOnly: o.insertOnly ?? false,
      trackMetadata: o.trackMetadata ?? false,
      ignoreEmptyUpdates: o.ignoreEmptyUpdates ?? false,
      trackPrevious: previous === undefined ? undefined : typeof previous === 'boolean' ? previous : { columns: previous.columns, onlyWhenChanged: previous.onlyWhenChanged },
    };
  }
  return JSON.parse(JSON.stringify(CoreSchema.rawTableToJson(shape as unknown as CoreRawTable)));
}
