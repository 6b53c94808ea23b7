import { isName, isWord, splitSqlStatements, type SqlToken } from '../sql/sql-text';
import { statementKind } from '../sql/sql-outline';
import { evaluateString } from './evaluate';
import { perSqlLoopItem } from './triggers';
import type { FileFacts } from './facts';
import type { WorkspaceNames } from './names';
import { flatten, PLACEHOLDER_OPEN, unknownText } from './partial-sql';
import type { UnresolvedPart } from './unknown-reason';

/**
 * A CREATE TABLE that runs but whose text is only known at run time (`CREATE TABLE t (${columns})`):
 * the table exists, its shape is unknown. `name` is set when the name itself is known.
 */
export interface UnreadTable {
  name?: string;
  unresolved: UnresolvedPart;
}

/**
 * The CREATE TABLE statements of the workspace that could not be read in full (model/sql-tables.ts
 * describes the others). A rule that would conclude "there is no table t" must stay silent when
 * one of these may create it: one named `t`, or one whose name is unknown.
 */
export function buildUnreadTables(files: ReadonlyMap<string, FileFacts>, names: WorkspaceNames): UnreadTable[] {
  const out: UnreadTable[] = [];
  for (const facts of files.values()) {
    for (const fact of facts.sqlStatements.flatMap((f) => perSqlLoopItem(f, names.scope(facts.uri, f.owner ?? [])))) {
      if (fact.source === 'crud-trigger-call' || fact.source === 'sql-file') continue;
      const scope = names.scope(facts.uri, fact.owner ?? []);
      if (evaluateString(fact.sql, scope) !== undefined && !fact.loops) continue;
      const sql = flatten(fact.sql, scope);
      for (const statement of splitSqlStatements(sql.text)) {
        if (!statement.text.includes(PLACEHOLDER_OPEN) || statementKind(statement.tokens) !== 'create-table') continue;
        const name = createdName(statement.tokens);
        out.push({ ...(name === undefined ? {} : { name }), unresolved: unknownText(`the CREATE TABLE ${name === undefined ? '(name unknown)' : `of '${name}'`}`, statement.text, sql.parts, fact) });
      }
    }
  }
  return out;
}

/** Whether an unread CREATE TABLE may create `table` (it names it, or its name is unknown). */
export function mayBeCreatedUnread(unread: readonly UnreadTable[], table: string): boolean {
  return unread.some((u) => u.name === undefined || u.name.toLowerCase() === table.toLowerCase());
}

/** The table name after `CREATE [TEMP] TABLE [IF NOT EXISTS]`, unless it holds an unknown part. */
function createdName(tokens: SqlToken[]): string | undefined {
  let i = 1;
  if (isWord(tokens[i], 'TEMP', 'TEMPORARY')) i++;
  i++; // TABLE
  if (isWord(tokens[i], 'IF') && isWord(tokens[i + 1], 'NOT') && isWord(tokens[i + 2], 'EXISTS')) i += 3;
  if (tokens[i + 1]?.value === '.') i += 2;
  const token = tokens[i];
  const next = tokens[i + 1];
  // `t_${suffix}`: the name runs on into an unknown part.
  if (!isName(token) || token.value.includes(PLACEHOLDER_OPEN) || (next && next.start === token.end && next.text.includes(PLACEHOLDER_OPEN))) return undefined;
  return token.value;
}
