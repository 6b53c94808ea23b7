import { comparePositions, type Position, type Range, type SourceLocation } from './location';
import { calleeName, type CallValue, type Value } from './value';
import type { Column, PendingStatement, PowerSyncSchema, RawTable, RoomDatabase, Table, WorkspaceModel } from './workspace';
import { findTable } from './synced-tables';

/** The model element written at a position, for hover, go-to-definition and completion. */
export type SymbolAt =
  /** An entity's class name or a table's name (the `tableName` argument or the SQL name). */
  | { kind: 'table'; table: Table; loc: SourceLocation }
  /** An entity class named in `@Database(entities = […])`; `table` is undefined when it is not an entity of the workspace. */
  | { kind: 'database-entity'; database: RoomDatabase; entity: RoomDatabase['entities'][number]; table?: Table; loc: SourceLocation }
  /** The name argument of a `RawTable(…)`. */
  | { kind: 'raw-table'; rawTable: RawTable; table?: Table; loc: SourceLocation }
  /** A `Column("x")` parameter of a put or delete statement, or an entry of `syncedColumns`. */
  | ColumnReference;

export interface ColumnReference {
  kind: 'column-parameter' | 'synced-column';
  rawTable: RawTable;
  /** The local table, when it is known and in the workspace. */
  table?: Table;
  /** The name as written; undefined when it cannot be resolved. */
  name?: string;
  column?: Column;
  /** The string literal holding the name, when it is written as one at this place. */
  literal?: SourceLocation;
  loc: SourceLocation;
}

export function containsPosition(range: Range, p: Position): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

const at = (loc: SourceLocation | undefined, uri: string, p: Position): loc is SourceLocation => !!loc && loc.uri === uri && containsPosition(loc.range, p);

/** The innermost element at the position; undefined when the position names nothing the model knows. */
export function symbolAt(model: WorkspaceModel, uri: string, position: Position): SymbolAt | undefined {
  for (const rawTable of model.rawTables) {
    if (!at(rawTable.loc, uri, position)) continue;
    const table = rawTable.localTable !== undefined ? findTable(model, rawTable.localTable) : undefined;
    if (at(rawTable.nameLoc, uri, position) && rawTable.nameLoc !== rawTable.loc) return { kind: 'raw-table', rawTable, table, loc: rawTable.nameLoc };
    const reference = columnReferenceAt(rawTable, table, uri, position);
    if (reference) return reference;
  }
  for (const database of model.roomDatabases) {
    if (!at(database.entitiesLoc, uri, position)) continue;
    const entity = database.entities.find((e) => at(e.loc, uri, position));
    if (!entity) continue;
    const table = entity.tableName !== undefined ? model.tables.find((t) => t.entity && t.name === entity.tableName) : undefined;
    return { kind: 'database-entity', database, entity, table, loc: entity.loc };
  }
  for (const table of model.tables) {
    if (at(table.nameLoc, uri, position)) return { kind: 'table', table, loc: table.nameLoc };
    const classNameLoc = table.entity ? declarationNameLoc(model, table.loc) : undefined;
    if (classNameLoc !== table.loc && at(classNameLoc, uri, position)) return { kind: 'table', table, loc: classNameLoc };
  }
  return undefined;
}

function columnReferenceAt(rawTable: RawTable, table: Table | undefined, uri: string, position: Position): ColumnReference | undefined {
  const column = (name: string | undefined) => (name !== undefined && table ? table.columns.find((c) => c.name.toLowerCase() === name.toLowerCase()) : undefined);
  for (const statement of [rawTable.put, rawTable.delete]) {
    for (const parameter of statement?.parameters ?? []) {
      if (parameter.kind !== 'Column' || !at(parameter.loc, uri, position)) continue;
      const literal = parameter.nameValue?.kind === 'string' ? parameter.nameValue.loc : undefined;
      return { kind: 'column-parameter', rawTable, table, name: parameter.name, column: column(parameter.name), literal, loc: parameter.loc };
    }
  }
  const listLoc = rawTable.schema?.syncedColumnsLoc;
  if (!at(listLoc, uri, position) || !rawTable.call) return undefined;
  const literal = innermostAt(rawTable.call, uri, position);
  if (literal?.kind !== 'string' || !at(literal.loc, uri, position)) {
    return { kind: 'synced-column', rawTable, table, loc: listLoc };
  }
  return { kind: 'synced-column', rawTable, table, name: literal.value, column: column(literal.value), literal: literal.loc, loc: literal.loc };
}

/** The deepest value written at the position inside a value tree. */
function innermostAt(value: Value, uri: string, position: Position): Value | undefined {
  if (!at(value.loc, uri, position)) return undefined;
  for (const child of childValues(value)) {
    const found = innermostAt(child, uri, position);
    if (found) return found;
  }
  return value;
}

/** The values written inside a value: a call's callee and arguments, items, parts, a receiver. */
function childValues(value: Value): Value[] {
  return value.kind === 'call' ? [value.callee, ...value.args.map((a) => a.value)]
    : value.kind === 'list' ? value.items
    : value.kind === 'template' ? value.parts
    : value.kind === 'member' ? [value.receiver]
    : [];
}

/** Where a class or property declared at `loc` writes its name; `loc` itself when no declaration matches. */
export function declarationNameLoc(model: WorkspaceModel, loc: SourceLocation): SourceLocation {
  const same = (a: SourceLocation) =>
    a.range.start.line === loc.range.start.line && a.range.start.character === loc.range.start.character &&
    a.range.end.line === loc.range.end.line && a.range.end.character === loc.range.end.character;
  for (const cls of model.files.get(loc.uri)?.classes ?? []) {
    if (same(cls.loc)) return cls.nameLoc;
    const property = cls.properties.find((p) => same(p.loc));
    if (property) return property.nameLoc;
  }
  return loc;
}

/** The SDK calls whose name (the identifier before the paren) hover explains. */
export type CallNameAt =
  /** `RawTable(`; `rawTable` is undefined when the model did not read the call as a raw table. */
  | { kind: 'raw-table-call'; rawTable?: RawTable; loc: SourceLocation }
  /** `Schema(`; `schema` is undefined when the model did not read the call as a PowerSync schema. */
  | { kind: 'schema-call'; schema?: PowerSyncSchema; loc: SourceLocation }
  /** `PendingStatement(`: the raw tables using it as their put or delete (none when unused). */
  | { kind: 'statement-call'; uses: { rawTable: RawTable; role: 'put' | 'delete'; statement: PendingStatement }[]; loc: SourceLocation };

const CALL_KINDS: Record<string, CallNameAt['kind']> = { RawTable: 'raw-table-call', Schema: 'schema-call', PendingStatement: 'statement-call' };

/**
 * The `RawTable(`, `Schema(` or `PendingStatement(` call whose name is written at the position
 * (in a raw table, a schema, a constant or a property initializer), with the model's object for it.
 */
export function callNameAt(model: WorkspaceModel, uri: string, position: Position): CallNameAt | undefined {
  const file = model.files.get(uri);
  if (!file) return undefined;
  const roots: (Value | undefined)[] = [
    ...file.rawTables.flatMap((r) => (r.call ? [r.call] : [])),
    ...file.schemas.map((s) => s.call),
    ...file.constants.map((c) => c.value),
    ...file.classes.flatMap((c) => c.properties.flatMap((p) => [p.initializer, p.getter])),
  ];
  for (const root of roots) {
    const call = root && calleeAt(root, uri, position);
    if (!call) continue;
    const kind = CALL_KINDS[calleeName(call) ?? ''];
    const loc = call.callee.loc;
    if (kind === 'raw-table-call') return { kind, rawTable: model.rawTables.find((r) => sameLocation(r.loc, call.loc)), loc };
    if (kind === 'schema-call') return { kind, schema: model.schemas.find((s) => sameLocation(s.loc, call.loc)), loc };
    const uses = model.rawTables.flatMap((rawTable) =>
      (['put', 'delete'] as const).flatMap((role) => {
        const statement = rawTable[role];
        return statement && sameLocation(statement.loc, call.loc) ? [{ rawTable, role, statement }] : [];
      }));
    return { kind: 'statement-call', uses, loc };
  }
  return undefined;
}

/** The RawTable/Schema/PendingStatement call inside the value tree whose callee is at the position. */
function calleeAt(value: Value, uri: string, position: Position): CallValue | undefined {
  if (!at(value.loc, uri, position)) return undefined;
  if (value.kind === 'call' && CALL_KINDS[calleeName(value) ?? ''] && at(value.callee.loc, uri, position)) return value;
  for (const child of childValues(value)) {
    const found = calleeAt(child, uri, position);
    if (found) return found;
  }
  return undefined;
}

function sameLocation(a: SourceLocation, b: SourceLocation): boolean {
  return a.uri === b.uri && comparePositions(a.range.start, b.range.start) === 0 && comparePositions(a.range.end, b.range.end) === 0;
}
