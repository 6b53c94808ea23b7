import { emptyFacts, type FileFacts, type Platform } from '../../model/facts';
import { advancePosition, splitSqlStatements } from '../../sql/sql-text';
import { outlineCreateTable, statementKind } from '../../sql/sql-outline';

/** The language id of Drift's `.drift` files (SQL with Drift's own additions). */
export const DRIFT_FILE_LANGUAGE = 'drift';

/**
 * A `.drift` file: the names its CREATE TABLE (and CREATE VIRTUAL TABLE) statements declare. drift_dev
 * re-renders those columns (its own type names, each constraint re-serialized; docs/facts.md §12), so
 * the text is not the DDL that runs and is not read as SQL: the tables exist with an unknown shape.
 */
export function extractDriftFileFacts(uri: string, text: string, platform: Platform): FileFacts {
  const facts = emptyFacts(uri, DRIFT_FILE_LANGUAGE, platform);
  const origin = { line: 0, character: 0 };
  const tables: NonNullable<FileFacts['driftFileTables']> = [];
  for (const statement of splitSqlStatements(text)) {
    const kind = statementKind(statement.tokens);
    if (kind !== 'create-table' && kind !== 'create-virtual-table') continue;
    const start = advancePosition(origin, text, statement.start);
    const end = advancePosition(origin, text, statement.end);
    const outline = kind === 'create-table' ? outlineCreateTable(statement.tokens) : undefined;
    const nameToken = outline?.name ?? statement.tokens.find((t, i) => i > 0 && statement.tokens[i - 1] !== undefined && /^TABLE$/i.test(statement.tokens[i - 1].text) && !/^IF$/i.test(t.text));
    tables.push({ ...(nameToken ? { name: nameToken.value } : {}), loc: { uri, range: { start, end } } });
  }
  if (tables.length > 0) facts.driftFileTables = tables;
  return facts;
}
