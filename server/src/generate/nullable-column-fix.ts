import { outlineCreateTable } from '../sql/sql-outline';
import { isSymbol, isWord, sameSqlName, tokenizeSql, type SqlToken } from '../sql/sql-text';
import type { Column, Table, WorkspaceModel } from '../model/workspace';
import type { Fix } from '../findings/finding';
import { createSqlEdits } from './sql-source-edits';

/**
 * Makes a local column nullable, so a NULL the server sends is stored instead of failing the put:
 * - a table in SQL (a `.sql` file, a `CREATE TABLE` string in code): its `NOT NULL` (with any
 *   `ON CONFLICT` clause of that constraint) is removed; the preferred fix;
 * - a Room entity written in Kotlin: the property's type gains `?` (Room writes NOT NULL for a
 *   non-null type). Not preferred: every read of the property then needs a null check, which the
 *   compiler asks for.
 * Nothing for an embedded or inherited property (other tables share its class), Java, Drift,
 * Drizzle or a table read from Room's schema JSON.
 */
export function nullableColumnFix(model: WorkspaceModel, table: Table, column: Column): Fix | undefined {
  if (table.origin === 'sql') return sqlFix(table, column);
  if (table.origin === 'room-entity') return entityFix(model, table, column);
  return undefined;
}

function sqlFix(table: Table, column: Column): Fix | undefined {
  const tokens = tokenizeSql(table.createSql);
  const outline = outlineCreateTable(tokens);
  const declared = outline?.columns.filter((c) => sameSqlName(c.name.value, column.name));
  if (!declared || declared.length !== 1) return undefined;
  const span = notNullSpan(declared[0].tokens);
  if (!span) return undefined;
  // From the end of the token before NOT, so `title TEXT NOT NULL,` becomes `title TEXT,`.
  const own = declared[0].tokens;
  const before = own[own.indexOf(span.first) - 1];
  if (!before) return undefined;
  const edits = createSqlEdits(table, { start: before.end, end: span.last.end, newText: '' });
  if (!edits) return undefined;
  return { title: `Make '${table.name}.${column.name}' nullable (drop its NOT NULL)`, preferred: true, edits };
}

/** The one `NOT NULL [ON CONFLICT <action>]` constraint among a column's tokens, outside parentheses (a CHECK's `IS NOT NULL` is not it). */
function notNullSpan(tokens: SqlToken[]): { first: SqlToken; last: SqlToken } | undefined {
  const found: { first: SqlToken; last: SqlToken }[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (isSymbol(tokens[i], '(')) depth++;
    else if (isSymbol(tokens[i], ')')) depth--;
    if (depth !== 0 || !isWord(tokens[i], 'NOT') || !isWord(tokens[i + 1], 'NULL')) continue;
    let last = i + 1;
    if (isWord(tokens[last + 1], 'ON') && isWord(tokens[last + 2], 'CONFLICT') && tokens[last + 3]) last += 3;
    found.push({ first: tokens[i], last: tokens[last] });
  }
  return found.length === 1 ? found[0] : undefined;
}

function entityFix(model: WorkspaceModel, table: Table, column: Column): Fix | undefined {
  if (!table.entity || column.fieldPath === undefined || column.fieldPath.includes('.')) return undefined;
  const facts = model.files.get(column.loc.uri);
  if (facts?.language !== 'kotlin') return undefined;
  const owner = facts.classes.find((c) => c.name === table.entity!.className && c.properties.some((p) => sameLoc(p.loc, column.loc)));
  const property = owner?.properties.find((p) => sameLoc(p.loc, column.loc));
  const type = property?.type;
  if (!property || property.name !== column.fieldPath || !type || type.nullable) return undefined;
  const end = type.loc.range.end;
  return {
    title: `Make '${table.name}.${column.name}' nullable (${property.name}: ${type.text}?)`,
    preferred: false,
    edits: [{ uri: type.loc.uri, range: { start: end, end }, newText: '?' }],
  };
}

function sameLoc(a: Column['loc'], b: Column['loc']): boolean {
  return a.uri === b.uri && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character
    && a.range.end.line === b.range.end.line && a.range.end.character === b.range.end.character;
}
