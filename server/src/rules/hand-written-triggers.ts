import { isWord, sameSqlName, splitSqlStatements, type SqlToken } from '../sql/sql-text';
import { functionCalls, outlineCreateTrigger, type CreateTriggerOutline } from '../sql/sql-outline';
import { findTable, syncedTables, type SyncedTable } from '../model/synced-tables';
import type { Table, Trigger, WorkspaceModel } from '../model/workspace';
import type { SourceLocation } from '../model/location';
import { triggerSourceMap } from '../model/sql-source-map';

/** A CREATE TRIGGER written in the app that inserts into powersync_crud, read from its text. */
export interface HandWrittenCrudTrigger {
  trigger: Trigger;
  outline: CreateTriggerOutline;
  /** The WHEN condition's tokens; empty when the trigger has none. */
  when: SqlToken[];
  /** The table it is on, when the workspace derives it. */
  table?: Table;
  /** Set when that table is synced by a raw table. */
  synced?: SyncedTable;
}

/** Every hand-written CRUD trigger whose text is known (core-generated ones are calls, not CREATE TRIGGERs). */
export function handWrittenCrudTriggers(model: WorkspaceModel): HandWrittenCrudTrigger[] {
  const synced = syncedTables(model);
  const out: HandWrittenCrudTrigger[] = [];
  for (const trigger of model.triggers) {
    if (trigger.form !== 'create-trigger' || !trigger.writesPowerSyncCrud || trigger.sql === undefined) continue;
    const tokens = splitSqlStatements(trigger.sql)[0]?.tokens;
    const outline = tokens ? outlineCreateTrigger(tokens) : undefined;
    if (!tokens || !outline) continue;
    const table = trigger.table === undefined ? undefined : findTable(model, trigger.table);
    out.push({ trigger, outline, when: whenClause(tokens, outline), table, synced: table && synced.find((s) => s.table === table) });
  }
  return out;
}

/** Each `json_object(key, value, …)` in the trigger's body, as key text and value tokens. */
export function jsonObjectEntries(outline: CreateTriggerOutline): { key?: string; keyTokens: SqlToken[]; value: SqlToken[] }[] {
  const out: { key?: string; keyTokens: SqlToken[]; value: SqlToken[] }[] = [];
  for (const call of functionCalls(outline.body, 'json_object')) {
    for (let i = 0; i + 1 < call.args.length; i += 2) {
      const key = call.args[i];
      out.push({ key: key.length === 1 && key[0].kind === 'string' ? key[0].value : undefined, keyTokens: key, value: call.args[i + 1] });
    }
  }
  return out;
}

/**
 * Where the tokens `first`…`last` of a trigger's SQL are written in the source, so a finding marks
 * the offending part (a json_object entry, a `!=`) rather than the whole statement; the whole SQL
 * string when the text cannot be mapped back (a constant, a template).
 */
export function triggerSpan(trigger: Trigger, first: SqlToken | undefined, last: SqlToken | undefined = first): SourceLocation {
  const map = triggerSourceMap(trigger);
  const locations = first && last ? map?.locationsOf(first.start, last.end) : undefined;
  if (!locations || locations.length === 0) return trigger.loc;
  const end = locations[locations.length - 1];
  return { uri: locations[0].uri, range: { start: locations[0].range.start, end: end.uri === locations[0].uri ? end.range.end : locations[0].range.end } };
}

/** True when the column is one of the names, compared as SQLite compares column names. */
export function namesColumn(names: Iterable<string>, column: string): boolean {
  for (const name of names) if (sameSqlName(name, column)) return true;
  return false;
}

/** The tokens between `WHEN` and `BEGIN` in the trigger's head (the body's CASE WHENs are not it). */
function whenClause(tokens: SqlToken[], outline: CreateTriggerOutline): SqlToken[] {
  const from = outline.table ? tokens.indexOf(outline.table) + 1 : 0;
  const begin = tokens.findIndex((t, k) => k >= from && isWord(t, 'BEGIN'));
  const end = begin < 0 ? tokens.length : begin;
  const when = tokens.findIndex((t, k) => k >= from && k < end && isWord(t, 'WHEN'));
  return when < 0 ? [] : tokens.slice(when + 1, end);
}
