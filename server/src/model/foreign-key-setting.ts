import { evaluateString } from './evaluate';
import type { WorkspaceModel } from './workspace';
import { asciiLower, isSymbol, isWord, splitSqlStatements, type SqlToken } from '../sql/sql-text';

/** Whether SQLite checks foreign keys on the connection PowerSync writes synced rows with, and why. */
export interface ForeignKeySetting {
  enabled: boolean;
  /** Why, in words. */
  reason: string;
}

/**
 * Room runs `PRAGMA foreign_keys = ON` on every connection when an entity declares a foreign key;
 * the app may run it itself. SQLite leaves foreign keys off otherwise.
 */
export function foreignKeySetting(model: WorkspaceModel): ForeignKeySetting {
  const entity = model.tables.find((t) => t.origin === 'room-entity' && t.foreignKeys.length > 0);
  if (entity) {
    return { enabled: true, reason: `Room turns foreign keys on because ${entity.entity?.className ?? entity.name} declares a foreign key` };
  }
  if (appEnablesForeignKeys(model)) return { enabled: true, reason: 'the app runs PRAGMA foreign_keys = ON' };
  return { enabled: false, reason: 'nothing turns foreign keys on, and SQLite leaves them off' };
}

function appEnablesForeignKeys(model: WorkspaceModel): boolean {
  const names = model.names;
  for (const facts of model.files.values()) {
    for (const fact of facts.sqlStatements) {
      const text = evaluateString(fact.sql, names.scope(facts.uri, fact.owner ?? []));
      if (text === undefined) continue;
      if (splitSqlStatements(text).some((s) => turnsForeignKeysOn(s.tokens))) return true;
    }
  }
  return false;
}

/** `PRAGMA [schema.]foreign_keys = ON|1|TRUE|YES` (or the `(…)` form). */
function turnsForeignKeysOn(tokens: SqlToken[]): boolean {
  if (!isWord(tokens[0], 'PRAGMA')) return false;
  let i = 1;
  if (isSymbol(tokens[i + 1], '.')) i += 2;
  if (!tokens[i] || asciiLower(tokens[i].value) !== 'foreign_keys') return false;
  const value = isSymbol(tokens[i + 1], '=') || isSymbol(tokens[i + 1], '(') ? tokens[i + 2] : undefined;
  return value !== undefined && ['on', '1', 'true', 'yes'].includes(asciiLower(value.value));
}
