import type { CodeScope, Table, WorkspaceModel } from './workspace';

const lower = (s: string) => s.toLowerCase();

/**
 * What a statement run against the table can tell apart: columns (name, affinity, NOT NULL,
 * default, collation), the primary key, foreign keys and indexes. The text and names of
 * indexes do not count.
 */
export function shapeOf(table: Table): string {
  return JSON.stringify({
    columns: table.columns.map((c) => [lower(c.name), c.affinity, c.notNull, c.defaultValue ?? null, c.collate ?? null]),
    primaryKey: table.primaryKey ? [table.primaryKey.columns.map(lower), table.primaryKey.autoGenerate] : null,
    foreignKeys: table.foreignKeys.map((fk) => [lower(fk.parentTable), fk.parentColumns.map(lower), fk.childColumns.map(lower), fk.onUpdate, fk.onDelete, fk.deferred]),
    indices: table.indices.map((i) => [i.unique, i.columns.map(lower), i.orders ?? null]),
  });
}

/**
 * The definition of `table` in force for code at `scope`: the table itself when the workspace
 * creates it one way. A table created with different shapes is pinned by the CREATE TABLEs in
 * the same function as the code (same file, class and function name), else by those in the same
 * file, when they all agree; otherwise (or without a scope) it cannot be told: undefined.
 */
export function definitionAt(table: Table, scope: CodeScope | undefined): Table | undefined {
  const definitions = table.definitions;
  if (!definitions) return table;
  if (!scope || table.definitionsIncomplete) return undefined;
  const inFunction = scope.enclosingFunction === undefined ? [] : definitions.filter((d) => d.definedIn !== undefined && sameFunction(d.definedIn, scope));
  const candidates = inFunction.length > 0 ? inFunction : definitions.filter((d) => d.definedIn?.uri === scope.uri);
  if (candidates.length === 0) return undefined;
  const shape = shapeOf(candidates[0]);
  return candidates.every((d) => shapeOf(d) === shape) ? candidates[0] : undefined;
}

/**
 * A table by name (SQLite compares names case-insensitively) as code at `scope` sees it.
 * `ambiguous` is set when the name is created with different shapes and `scope` pins none: the
 * table exists, but which columns it has cannot be told there.
 */
export function tableAt(model: WorkspaceModel, name: string, scope: CodeScope | undefined): { table?: Table; ambiguous?: true } {
  const found = model.tables.find((t) => lower(t.name) === lower(name));
  if (!found) return {};
  const table = definitionAt(found, scope);
  return table ? { table } : { ambiguous: true };
}

/**
 * The tables as code at `scope` sees them: each table created with different shapes replaced by
 * the definition `scope` pins, or left out; the lower-cased names left out are in `unknown`.
 */
export function tablesAt(model: WorkspaceModel, scope: CodeScope | undefined): { tables: Table[]; unknown: Set<string>; pinned: Table[] } {
  const unknown = new Set<string>();
  const pinned: Table[] = [];
  const tables: Table[] = [];
  for (const table of model.tables) {
    if (!table.definitions) {
      tables.push(table);
      continue;
    }
    const definition = definitionAt(table, scope);
    if (definition) {
      tables.push(definition);
      pinned.push(definition);
    } else {
      unknown.add(lower(table.name));
    }
  }
  return { tables, unknown, pinned };
}

function sameFunction(a: CodeScope, b: CodeScope): boolean {
  return a.uri === b.uri && a.enclosingFunction === b.enclosingFunction && a.owner.length === b.owner.length && a.owner.every((s, i) => s === b.owner[i]);
}
