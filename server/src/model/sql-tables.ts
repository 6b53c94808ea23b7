import type { FileFacts } from './facts';
import type { SourceLocation } from './location';
import type { WorkspaceNames } from './names';
import type { DescribedTable, SqlCatalog } from './sql-catalog';
import type { CodeScope, Column, ForeignKey, Table, TableIndex } from './workspace';
import { shapeOf } from './table-definitions';
import { evaluateString, pathOf, type NameScope } from './evaluate';
import type { Value } from './value';
import { perSqlLoopItem } from './triggers';
import { advancePosition, asciiLower, isName, isWord, splitSqlStatements, type SqlToken } from '../sql/sql-text';
import { outlineCreateIndex, outlineCreateTable, statementKind } from '../sql/sql-outline';

/** SQL compiled from a builder in the workspace (model/kysely/), with where it runs. */
export interface CompiledStatement {
  sql: string;
  loc: SourceLocation;
  definedIn: CodeScope;
}

/** A CREATE TABLE or CREATE INDEX statement found in the workspace. */
interface FoundStatement {
  text: string;
  tokens: SqlToken[];
  /** The string (or .sql statement) it was found in. */
  loc: SourceLocation;
  /** Where the statement's first character is in the file, when its text maps one to one onto the file (.sql files). */
  textStart?: SourceLocation['range']['start'];
  /** The expression it was read from and its offset in that expression's text, for fixes; none for SQL compiled from a builder (Kysely). */
  source?: NonNullable<Table['createSqlSource']>;
  /** Where the statement runs. */
  definedIn: CodeScope;
}

/** How many CREATE TABLEs of one name are described; a name created more often stays ambiguous. */
const MAX_DEFINITIONS = 32;

/**
 * Tables created by CREATE TABLE strings in Kotlin and .sql files, described by SQLite. A name
 * that is a Room entity's table stays the entity's (Room creates it; SQL re-creating it is the
 * same table). A name created several times with one shape is one table (the first in file
 * order); created with different shapes (each test or migration its own), the first carries every
 * definition, each with where it runs, and which one applies is left to where a statement runs.
 */
export function buildSqlTables(
  files: ReadonlyMap<string, FileFacts>, names: WorkspaceNames, entityTables: Table[], sql: SqlCatalog | undefined, compiled: readonly CompiledStatement[] = [],
): Table[] {
  if (!sql) return [];
  const tables: FoundStatement[] = [];
  const indexes: FoundStatement[] = [];
  /** Lower-cased names of tables an ALTER TABLE changes: which shape a statement meets is unknown. */
  const altered = new Set<string>();
  for (const facts of files.values()) {
    for (const fact of facts.sqlStatements.flatMap((f) => perSqlLoopItem(f, names.scope(facts.uri, f.owner ?? [])))) {
      if (fact.source === 'crud-trigger-call') continue;
      const scope = names.scope(facts.uri, fact.owner ?? []);
      const text = evaluateString(fact.sql, scope);
      if (text === undefined) continue;
      // A statement held by a constant is edited where the constant's literal is written.
      const sourceValue = heldLiteral(fact.sql, scope) ?? fact.sql;
      const exact = fact.source === 'sql-file' && fact.sql.kind === 'string' && fact.sql.value === text;
      const definedIn: CodeScope = { uri: facts.uri, owner: fact.owner ?? [], ...(fact.enclosingFunction === undefined ? {} : { enclosingFunction: fact.enclosingFunction }) };
      for (const statement of splitSqlStatements(text)) {
        const found: FoundStatement = {
          text: statement.text,
          tokens: statement.tokens,
          loc: fact.sql.loc,
          source: { value: sourceValue, statementStart: statement.start, language: fact.source === 'sql-file' ? 'sql' : 'code' },
          definedIn,
          ...(exact ? { textStart: advancePosition(fact.sql.loc.range.start, text, statement.start) } : {}),
        };
        const kind = statementKind(statement.tokens);
        if (kind === 'create-table') tables.push(found);
        else if (kind === 'create-index') indexes.push(found);
        else {
          const name = alteredTable(statement.tokens);
          if (name !== undefined) altered.add(name);
        }
      }
    }
  }
  // SQL a query builder writes (Kysely's schema builder): read as SQL, with no source text a fix could edit.
  for (const statement of compiled) {
    for (const part of splitSqlStatements(statement.sql)) {
      const found: FoundStatement = { text: part.text, tokens: part.tokens, loc: statement.loc, definedIn: statement.definedIn };
      const kind = statementKind(part.tokens);
      if (kind === 'create-table') tables.push(found);
      else if (kind === 'create-index') indexes.push(found);
      else {
        const name = alteredTable(part.tokens);
        if (name !== undefined) altered.add(name);
      }
    }
  }
  if (tables.length === 0) return [];
  const entityNames = new Set(entityTables.map((t) => asciiLower(t.name)));
  // Each CREATE TABLE by the name it creates; one that cannot be outlined stands alone.
  const groups = new Map<string, FoundStatement[]>();
  tables.forEach((found, i) => {
    const outline = outlineCreateTable(found.tokens);
    const key = outline ? asciiLower(outline.name.value) : `#${i}`;
    groups.set(key, [...(groups.get(key) ?? []), found]);
  });
  // Layer 0 runs every statement in order (the first of a name that SQLite accepts is described);
  // layer i runs the i-th statement of each name created more often, beside the first of the others.
  const described = new Map<FoundStatement, Table>();
  const layers = Math.min(MAX_DEFINITIONS, Math.max(...[...groups.values()].map((g) => g.length)));
  for (let layer = 0; layer < layers; layer++) {
    const statements = layer === 0 ? tables : [...groups.values()].map((g) => g[layer] ?? g[0]);
    // Entity tables go first so that SQL can reference them; they are described but not returned.
    const inputs = [...entityTables.map((t) => t.createSql), ...statements.map((t) => t.text), ...indexes.map((i) => i.text)];
    for (const table of sql.describeTables(inputs)) {
      const found = statements[(table.statementIndex ?? -1) - entityTables.length];
      if (!found || described.has(found) || entityNames.has(asciiLower(table.name))) continue;
      if (layer > 0 && groups.get(asciiLower(table.name))?.[layer] !== found) continue;
      described.set(found, toTable(table, found, indexes));
    }
  }
  const result: Table[] = [];
  for (const group of groups.values()) {
    const definitions = group.map((found) => described.get(found)).filter((t): t is Table => t !== undefined);
    if (definitions.length === 0) continue;
    const [first] = definitions;
    // An ALTER TABLE somewhere makes another shape that no CREATE TABLE shows.
    const incomplete = group.length > MAX_DEFINITIONS || altered.has(asciiLower(first.name));
    const shape = shapeOf(first);
    if (!incomplete && definitions.every((d) => shapeOf(d) === shape)) {
      result.push(first);
      continue;
    }
    result.push({ ...first, definitions, ...(incomplete ? { definitionsIncomplete: true as const } : {}) });
  }
  return result;
}

function toTable(described: DescribedTable, found: FoundStatement, indexes: FoundStatement[]): Table {
  const outline = outlineCreateTable(found.tokens);
  const at = (token: SqlToken | undefined): SourceLocation => tokenLocation(found, token);
  const columns: Column[] = described.columns.map((c) => {
    const written = outline?.columns.find((o) => asciiLower(o.name.value) === asciiLower(c.name));
    const collate = written ? collationOf(written.tokens) : undefined;
    return {
      name: c.name,
      affinity: c.affinity,
      notNull: c.notNull,
      ...(c.defaultValue === undefined ? {} : { defaultValue: c.defaultValue }),
      ...(collate === undefined ? {} : { collate }),
      loc: at(written?.name),
    };
  });
  const primaryKeyColumns = described.columns.filter((c) => c.primaryKeyPosition > 0).sort((a, b) => a.primaryKeyPosition - b.primaryKeyPosition);
  const sameCount = outline !== undefined && outline.foreignKeys.length === described.foreignKeys.length;
  const foreignKeys: ForeignKey[] = described.foreignKeys.map((fk, i) => ({
    ...fk,
    loc: at(sameCount ? outline.foreignKeys[i].start : undefined),
  }));
  const indices: TableIndex[] = described.indices
    .filter((index) => index.origin !== 'pk')
    .map((index) => {
      const statement = index.origin === 'c' ? indexes.find((s) => sameIndexName(s, index.name)) : undefined;
      return {
        name: index.name,
        unique: index.unique,
        columns: index.columns,
        ...(index.orders ? { orders: index.orders } : {}),
        createSql: statement?.text ?? index.sql ?? '',
        loc: statement ? statement.loc : found.loc,
      };
    });
  return {
    name: described.name,
    origin: 'sql',
    columns,
    ...(primaryKeyColumns.length > 0
      ? {
          primaryKey: {
            columns: primaryKeyColumns.map((c) => c.name),
            autoGenerate: outline?.autoIncrement ?? false,
            // A key that is no rowid alias gets its own index (origin 'pk'), WITHOUT ROWID tables too.
            rowidAlias: primaryKeyColumns.length === 1 && !described.indices.some((i) => i.origin === 'pk'),
          },
        }
      : {}),
    foreignKeys,
    indices,
    createSql: found.text,
    ...(found.source ? { createSqlSource: found.source } : {}),
    loc: found.loc,
    nameLoc: at(outline?.name),
    definedIn: found.definedIn,
  };
}

/** The table `ALTER TABLE [schema.]name …` changes, lower-cased. */
function alteredTable(tokens: SqlToken[]): string | undefined {
  if (!isWord(tokens[0], 'ALTER') || !isWord(tokens[1], 'TABLE') || !isName(tokens[2])) return undefined;
  const name = tokens[3]?.text === '.' && isName(tokens[4]) ? tokens[4] : tokens[2];
  return asciiLower(name.value);
}

function sameIndexName(statement: FoundStatement, name: string): boolean {
  const outline = outlineCreateIndex(statement.tokens);
  return outline !== undefined && asciiLower(outline.name.value) === asciiLower(name);
}

/** `COLLATE name` among a column's constraints. */
function collationOf(tokens: SqlToken[]): string | undefined {
  const at = tokens.findIndex((t) => isWord(t, 'COLLATE'));
  return at >= 0 && isName(tokens[at + 1]) ? tokens[at + 1].value : undefined;
}

/** The string or template literal a name stands for (`db.execute(CREATE_TODOS)`), through a few constants. */
function heldLiteral(value: Value, scope: NameScope): Value | undefined {
  let current = value;
  let currentScope = scope;
  for (let hop = 0; hop < 4 && (current.kind === 'ref' || current.kind === 'member'); hop++) {
    if (current.kind === 'ref' && current.localValue) {
      current = current.localValue;
      continue;
    }
    // A name, or a class's static constant (`Ddl.issues`, a Kotlin object's `Sql.CREATE`).
    const path = pathOf(current);
    const found = path && currentScope.constant(path);
    if (!found) return undefined;
    current = found.value;
    currentScope = found.scope;
  }
  return current !== value && (current.kind === 'string' || current.kind === 'template') ? current : undefined;
}

/** A token's own range when the statement text maps onto the file, else the statement's string. */
function tokenLocation(found: FoundStatement, token: SqlToken | undefined): SourceLocation {
  if (!token || !found.textStart) return found.loc;
  return {
    uri: found.loc.uri,
    range: {
      start: advancePosition(found.textStart, found.text, token.start),
      end: advancePosition(found.textStart, found.text, token.end),
    },
  };
}
