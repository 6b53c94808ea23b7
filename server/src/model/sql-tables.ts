import type { FileFacts } from './facts';
import type { SourceLocation } from './location';
import type { WorkspaceNames } from './names';
import type { DescribedTable, SqlCatalog } from './sql-catalog';
import type { Column, ForeignKey, Table, TableIndex } from './workspace';
import { evaluateString } from './evaluate';
import { advancePosition, asciiLower, isName, isWord, splitSqlStatements, type SqlToken } from '../engine/sql-text';
import { outlineCreateIndex, outlineCreateTable, statementKind } from '../engine/sql-outline';

/** A CREATE TABLE or CREATE INDEX statement found in the workspace. */
interface FoundStatement {
  text: string;
  tokens: SqlToken[];
  /** The string (or .sql statement) it was found in. */
  loc: SourceLocation;
  /** Where the statement's first character is in the file, when its text maps one to one onto the file (.sql files). */
  textStart?: SourceLocation['range']['start'];
  /** The expression it was read from and its offset in that expression's text, for fixes. */
  source: NonNullable<Table['createSqlSource']>;
}

/**
 * Tables created by CREATE TABLE strings in Kotlin and .sql files, described by SQLite. A name
 * that is a Room entity's table stays the entity's (Room creates it; SQL re-creating it is the
 * same table); of two CREATE TABLEs of one name, the first in file order wins.
 */
export function buildSqlTables(files: ReadonlyMap<string, FileFacts>, names: WorkspaceNames, entityTables: Table[], sql: SqlCatalog | undefined): Table[] {
  if (!sql) return [];
  const tables: FoundStatement[] = [];
  const indexes: FoundStatement[] = [];
  for (const facts of files.values()) {
    for (const fact of facts.sqlStatements) {
      if (fact.source === 'crud-trigger-call') continue;
      const text = evaluateString(fact.sql, names.scope(facts.uri, fact.owner ?? []));
      if (text === undefined) continue;
      const exact = fact.source === 'sql-file' && fact.sql.kind === 'string' && fact.sql.value === text;
      for (const statement of splitSqlStatements(text)) {
        const found: FoundStatement = {
          text: statement.text,
          tokens: statement.tokens,
          loc: fact.sql.loc,
          source: { value: fact.sql, statementStart: statement.start, language: fact.source === 'sql-file' ? 'sql' : 'kotlin' },
          ...(exact ? { textStart: advancePosition(fact.sql.loc.range.start, text, statement.start) } : {}),
        };
        const kind = statementKind(statement.tokens);
        if (kind === 'create-table') tables.push(found);
        else if (kind === 'create-index') indexes.push(found);
      }
    }
  }
  if (tables.length === 0) return [];
  const entityNames = new Set(entityTables.map((t) => asciiLower(t.name)));
  // Entity tables go first so that SQL can reference them; they are described but not returned.
  const inputs = [...entityTables.map((t) => t.createSql), ...tables.map((t) => t.text), ...indexes.map((i) => i.text)];
  const result: Table[] = [];
  for (const described of sql.describeTables(inputs)) {
    const position = (described.statementIndex ?? -1) - entityTables.length;
    const found = tables[position];
    if (!found || entityNames.has(asciiLower(described.name))) continue;
    result.push(toTable(described, found, indexes));
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
    createSqlSource: found.source,
    loc: found.loc,
    nameLoc: at(outline?.name),
  };
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
