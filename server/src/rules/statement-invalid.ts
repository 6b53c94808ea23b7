import { columnNameFix } from '../generate/column-name-fix';
import { parameterListFix } from '../generate/parameter-list-fix';
import { missingPlaceholdersFix } from '../generate/missing-placeholders-fix';
import { readInsertStatement, type InsertStatement } from '../sql/insert-statement';
import { parameterText, type RawTableApi } from '../model/powersync/api-text';
import { mayBeCreatedUnread } from '../model/unread-tables';
import { isName, isWord, parameterIndexes, sameSqlName, splitSqlStatements } from '../sql/sql-text';
import { findTable, syncedTables } from '../model/synced-tables';
import type { SourceLocation } from '../model/location';
import type { Column, ParameterSource, PendingStatement, RawTable, Table, Trigger, WorkspaceModel } from '../model/workspace';
import type { Finding, Fix, RelatedLocation } from '../findings/finding';
import type { Rule, RuleContext } from '../findings/rule';
import { similarName } from '../model/similar-names';
import { syncedOutputTable } from '../model/backend/sync-configs';
import { scopedTables } from './scoped-tables';

const RULE = 'statement-invalid';

type StatementRole = 'put' | 'delete';

/**
 * A raw table's statements and the CRUD triggers, checked the way the core and SQLite will run
 * them: prepared against the tables the workspace derives, bound with the declared parameters.
 */
export const statementInvalid: Rule = {
  meta: {
    id: RULE,
    defaultSeverity: 'error',
    description: 'A raw table put, delete or clear statement, or a CRUD trigger, that SQLite or the PowerSync core rejects against the derived schema.',
    docs: 'docs/rules/statement-invalid.md',
    fixable: true,
  },
  check(workspace, workspaceCtx) {
    const findings: Finding[] = [];
    for (const rawTable of workspace.rawTables) {
      // Each statement meets the tables where its raw table is declared (scoped-tables.ts).
      const { model, ctx } = scopedTables(workspace, workspaceCtx, rawTable.scope);
      for (const role of ['put', 'delete'] as const) {
        const statement = rawTable[role];
        if (statement) findings.push(...checkStatement(model, ctx, rawTable, role, statement));
      }
      if (rawTable.clear?.sql !== undefined) findings.push(...checkClear(model, ctx, rawTable, rawTable.clear.sql, rawTable.clear.loc));
      if (rawTable.schema && !rawTable.put) findings.push(...checkInferredPut(model, rawTable));
    }
    const synced = new Set(syncedTables(workspace).map((s) => s.table));
    for (const trigger of workspace.triggers) {
      const { model, ctx, unknown } = scopedTables(workspace, workspaceCtx, trigger.scope);
      if (trigger.table !== undefined && unknown.has(trigger.table.toLowerCase())) continue;
      const table = trigger.table === undefined ? undefined : findTable(model, trigger.table);
      if (trigger.form !== 'create-trigger' || trigger.sql === undefined) continue;
      if (!trigger.writesPowerSyncCrud && !(table && synced.has(table))) continue;
      findings.push(...checkTrigger(model, ctx, trigger, trigger.sql, table));
    }
    return findings;
  },
};

function checkStatement(model: WorkspaceModel, ctx: RuleContext, rawTable: RawTable, role: StatementRole, statement: PendingStatement): Finding[] {
  const findings: Finding[] = [];
  const label = `The ${role} of raw table '${rawTable.name ?? rawTable.localTable ?? '?'}'`;
  // The first sentence says what breaks: sync stops at the first row (or deletion) of this table.
  const stops = `Sync stops at the first ${role === 'put' ? 'row' : 'deletion'} of '${rawTable.name ?? rawTable.localTable ?? '?'}'. `;
  const parameters = statement.parameters;
  const sql = statement.sql;
  const target = sql === undefined ? undefined : tableOfStatement(model, sql);
  // The list is rebuilt only from SQL that SQLite prepares, to the count it reports.
  const rebuild = (): Fix[] => {
    if (sql === undefined || !target || target.unresolved) return [];
    const checked = ctx.validateSql?.(sql);
    const facts = model.files.get(statement.parametersValue?.loc.uri ?? '');
    const fix = checked?.ok ? parameterListFix(statement, role, target, facts, checked.parameterCount) : undefined;
    return fix ? [fix] : [];
  };
  if (role === 'delete') {
    for (const parameter of parameters ?? []) {
      if (parameter.kind !== 'Column' && parameter.kind !== 'Rest') continue;
      findings.push({
        ...finding(
          parameter.loc,
          `${stops}${label} binds ${parameterText(parameter, rawTable.api)}, but the core binds only the row id in deletes: when the server deletes a row, sync fails with 'Raw delete statement parameters must only reference id' and stops. Use ${parameterText({ kind: 'Id' }, rawTable.api)} only.`,
          [{ loc: statement.sqlLoc, message: 'the delete statement' }],
        ),
        fixes: rebuild(),
      });
    }
  }
  if (sql === undefined) return findings;
  // Parts of this table could not be resolved: its derived columns are not to be trusted.
  if (target?.unresolved) return findings;
  const result = ctx.validateSql?.(sql);
  if (result && !result.ok) {
    if (!reportsSqliteError(model, rawTable, result.message)) return findings;
    const when = role === 'put' ? `when the first row of '${rawTable.name ?? '?'}' arrives` : `when the server first deletes a row of '${rawTable.name ?? '?'}'`;
    const message = result.reason === 'multiple-statements'
      ? `${label} holds several statements: PowerSync prepares only the first one, so the others never run on sync. Keep one statement per put or delete.`
      : result.reason === 'empty'
        ? `${stops}${label} holds no statement: PowerSync cannot prepare it, and sync fails ${when} and stops there.`
        : `${stops}${label} does not prepare against the tables of this workspace: SQLite says '${result.message}'${suggestionFor(model, result.message, target)}. PowerSync prepares it ${when}, so that sync fails and stops there.`;
    const placeholders = role === 'put' ? missingPlaceholdersFix(statement) : undefined;
    findings.push({ ...finding(statement.sqlLoc, message, []), fixes: placeholders ? [placeholders] : [] });
    return findings;
  }
  const known = parameters && !parameters.some((p) => p.kind === 'unknown' || (p.kind === 'Column' && p.name === undefined));
  if (result?.ok && parameters && known && result.parameterCount !== parameters.length) {
    findings.push({
      ...finding(
        statement.parametersLoc ?? statement.sqlLoc,
        `${stops}${label} has ${result.parameterCount} parameter${result.parameterCount === 1 ? '' : 's'} in its SQL but ${parameters.length} in its parameter list: the core refuses it ('has ${result.parameterCount} parameters, but ${parameters.length} values were provided as sources') ${role === 'put' ? 'when the first row arrives' : 'when the first deletion arrives'}, and sync stops. Give one parameter per ?.`,
        [{ loc: statement.sqlLoc, message: 'the SQL' }],
      ),
      fixes: rebuild(),
    });
    return findings;
  }
  if (role !== 'put' || !target) return findings;
  const insert = readInsertStatement(sql);
  if (!insert || !sameSqlName(insert.table, target.name)) return findings;
  // When the sync config tells what the server sends for this table, put-column-not-synced judges the keys against it.
  const serverSends = rawTable.name !== undefined && syncedOutputTable(model.backend, rawTable.name) !== undefined;
  if (parameters && known) {
    if (!serverSends) findings.push(...checkColumnNames(label, statement, parameters, insert, target, rawTable.api));
    findings.push(...checkParameterOrder(label, statement, parameters, insert, target, rebuild, rawTable.api));
  }
  findings.push(...checkUnwrittenNotNull(label, statement, insert, target, rawTable.api));
  return findings;
}

/**
 * `Column("x")` looks `x` up in each synced row exactly: a parameter that fills a column directly
 * should name one of the table's columns. A parameter inside an expression (a transform) may
 * name any key and is left alone.
 */
function checkColumnNames(label: string, statement: PendingStatement, parameters: ParameterSource[], insert: InsertStatement, table: Table, api: RawTableApi): Finding[] {
  const findings: Finding[] = [];
  const names = table.columns.map((c) => c.name);
  const filled = filledColumns(insert, statement.sql!, table);
  parameters.forEach((parameter, i) => {
    const column = filled.get(i + 1);
    if (parameter.kind !== 'Column' || parameter.name === undefined || !column || names.includes(parameter.name)) return;
    // A key that differs from a column only in case is most likely the backend's own spelling
    // (Postgres folds unquoted names to lower case), and SQLite's names ignore case: not judged.
    if (names.some((n) => n.toLowerCase() === parameter.name!.toLowerCase())) return;
    const near = similarName(parameter.name, names);
    const key = parameter.name;
    const nulls = column.notNull && !table.fts
      ? ` '${column.name}' is NOT NULL, so the put then fails with 'NOT NULL constraint failed: ${table.name}.${column.name}' and sync stops.`
      : ` '${column.name}' then stays NULL on every synced row.`;
    const message = near
      ? `${label} binds ${parameterText(parameter, api)}, which names no column of '${table.name}' (did you mean '${near}'?). The core looks the key up in each synced row exactly as written, case included; when the backend sends '${near}' the lookup misses and NULL is bound.${nulls}`
      : `${label} binds ${parameterText(parameter, api)} into '${column.name}', but '${key}' is no column of '${table.name}'. The core looks the key up in each synced row exactly as written, case included: unless the backend's rows carry a key '${key}', NULL is bound.${nulls}`;
    const fix = columnNameFix(parameter, names, api);
    findings.push({ ...finding(parameter.loc, message, [{ loc: column.loc, message: `column '${column.name}'` }]), fixes: fix ? [fix] : [] });
  });
  return findings;
}

/**
 * Parameters that each name a column the INSERT fills, but not the one they fill: the list is
 * the column list reordered, so every synced row lands with its values in the wrong columns.
 */
function checkParameterOrder(label: string, statement: PendingStatement, parameters: ParameterSource[], insert: InsertStatement, table: Table, rebuild: () => Fix[], api: RawTableApi): Finding[] {
  const filled = [...filledColumns(insert, statement.sql!, table)].sort(([a], [b]) => a - b).map(([index, column]) => ({ column, parameter: parameters[index - 1] }));
  const keyOf = (p: ParameterSource | undefined): string | undefined => (p?.kind === 'Id' ? 'id' : p?.kind === 'Column' ? p.name : undefined);
  const columnKey = (c: Column) => (sameSqlName(c.name, 'id') ? 'id' : c.name);
  const keys = filled.map((f) => keyOf(f.parameter));
  if (keys.some((k) => k === undefined || !table.columns.some((c) => columnKey(c) === k))) return [];
  // Only a reordering of the very columns filled is clearly a mistake.
  if ([...keys].sort().join('\n') !== filled.map((f) => columnKey(f.column)).sort().join('\n')) return [];
  const misplaced = filled.filter((f, i) => keys[i] !== columnKey(f.column));
  if (misplaced.length === 0) return [];
  const first = misplaced[0];
  const others = misplaced.length - 1;
  return [{
    ...finding(
      first.parameter.loc,
      `Synced rows of '${rawTableName(label)}' land in the wrong columns. ${label} binds ${parameterText(first.parameter, api)} into '${first.column.name}'${others > 0 ? ` (and ${others} more parameter${others === 1 ? '' : 's'} out of place)` : ''}: the parameter list is not in the order of the INSERT's columns, so every synced row is written with its values in the wrong columns, without any error. List the parameters in the order of the columns.`,
      [{ loc: first.column.loc, message: `column '${first.column.name}'` }, { loc: statement.sqlLoc, message: 'the SQL' }],
    ),
    fixes: rebuild(),
  }];
}

/** A NOT NULL column without DEFAULT that the INSERT leaves out gets NULL and fails the insert. */
function checkUnwrittenNotNull(label: string, statement: PendingStatement, insert: InsertStatement, table: Table, api: RawTableApi): Finding[] {
  if (!insert.columns) return []; // without a column list SQLite itself counts the values
  const written = new Set(insert.columns.map((c) => c.toLowerCase()));
  return requiredColumns(table)
    .filter((c) => !written.has(c.name.toLowerCase()))
    .map((column) => finding(
      statement.sqlLoc,
      `Sync stops at the first new row of '${table.name}'. ${label} never writes '${column.name}', which is NOT NULL without a DEFAULT: inserting any new row fails with 'NOT NULL constraint failed: ${table.name}.${column.name}' and sync stops. Write it from a ${parameterText({ kind: 'Column', name: column.name }, api)} parameter, or give the column a DEFAULT.`,
      [{ loc: column.loc, message: `column '${column.name}'` }],
    ));
}

/** The inferred put writes `id` and the synced columns only; a required column left out fails it. */
function checkInferredPut(model: WorkspaceModel, rawTable: RawTable): Finding[] {
  const schema = rawTable.schema!;
  const listed = schema.syncedColumns;
  if (!Array.isArray(listed) || rawTable.localTable === undefined) return [];
  const table = findTable(model, rawTable.localTable);
  if (!table || table.unresolved) return [];
  const label = `The put PowerSync infers for raw table '${rawTable.name ?? table.name}'`;
  return requiredColumns(table)
    .filter((c) => c.name !== 'id' && !listed.includes(c.name))
    .map((column) => finding(
      schema.syncedColumnsLoc ?? schema.loc,
      `${label} writes only the id and syncedColumns, which leave out '${column.name}': it is NOT NULL without a DEFAULT, so inserting any new row fails with 'NOT NULL constraint failed: ${table.name}.${column.name}' and sync stops. List '${column.name}' in syncedColumns, or give the column a DEFAULT.`,
      [{ loc: column.loc, message: `column '${column.name}'` }],
    ));
}

function checkClear(model: WorkspaceModel, ctx: RuleContext, rawTable: RawTable, sql: string, loc: SourceLocation): Finding[] {
  const target = tableOfStatement(model, sql);
  if (target?.unresolved) return [];
  const result = ctx.validateSql?.(sql);
  // The core runs the whole clear text, so several statements are fine there.
  if (!result || result.ok || result.reason === 'multiple-statements') return [];
  if (!reportsSqliteError(model, rawTable, result.message)) return [];
  const label = `The clear statement of raw table '${rawTable.name ?? '?'}'`;
  const message = result.reason === 'empty'
    ? `${label} holds no statement, so disconnectAndClear() leaves every row of '${rawTable.localTable ?? rawTable.name ?? '?'}' in place.`
    : `disconnectAndClear() fails. ${label} does not run against the tables of this workspace: SQLite says '${result.message}'${suggestionFor(model, result.message, target)}. disconnectAndClear() fails with that error.`;
  return [finding(loc, message, [])];
}

function checkTrigger(model: WorkspaceModel, ctx: RuleContext, trigger: Trigger, sql: string, table: Table | undefined): Finding[] {
  if (table?.unresolved) return [];
  const result = ctx.validateSql?.(sql);
  if (!result || result.ok) return [];
  // A missing table is only ours to judge for a trigger that is clearly a CRUD trigger.
  const missing = missingTableName(result.message);
  if (missing !== undefined && (!trigger.writesPowerSyncCrud || model.tables.length === 0 || mayBeCreatedUnread(model.unreadTables, missing))) return [];
  const name = trigger.name === undefined ? 'This trigger' : `Trigger '${trigger.name}'`;
  const inBody = /^error in trigger /i.test(result.message);
  const event = trigger.event ? `${trigger.event === 'INSERT' ? 'insert into' : trigger.event === 'UPDATE' ? 'update of' : 'delete from'} '${trigger.table ?? '?'}'` : `write to '${trigger.table ?? '?'}'`;
  const message = inBody
    ? `Every ${event} fails. ${name} refers to something the tables of this workspace do not have: '${result.message}'${suggestionFor(model, result.message, table)}. SQLite resolves a trigger's body only when it fires, so creating it succeeds and then every ${event} fails with that error.`
    : `SQLite rejects ${name === 'This trigger' ? 'this trigger' : name}: '${result.message}'${suggestionFor(model, result.message, table)}. The call that creates it throws, and local writes are never recorded for upload.`;
  return [finding(trigger.loc, message, table ? [{ loc: table.nameLoc, message: `table '${table.name}'` }] : [])];
}

/**
 * A missing local table of this raw table is raw-table-unmatched's finding, and with no table
 * derived at all the schema is unknown (created where Rawsync cannot read): no SQLite verdict.
 */
function reportsSqliteError(model: WorkspaceModel, rawTable: RawTable, message: string): boolean {
  const missing = missingTableName(message);
  if (missing === undefined) return true;
  if (model.tables.length === 0 || mayBeCreatedUnread(model.unreadTables, missing)) return false;
  return !(rawTable.localTable !== undefined && sameSqlName(missing, rawTable.localTable));
}

function missingTableName(message: string): string | undefined {
  const match = /no such table: (?:main\.|temp\.)?(\S+)/.exec(message);
  return match?.[1];
}

/** ` (did you mean 'todo'?)` for SQLite's missing-table and missing-column messages. */
function suggestionFor(model: WorkspaceModel, message: string, table: Table | undefined): string {
  const missingTable = missingTableName(message);
  if (missingTable !== undefined) {
    const near = similarName(missingTable, model.tables.map((t) => t.name));
    return near ? ` (did you mean '${near}'?)` : '';
  }
  const column = /(?:has no column named |no such column: (?:NEW\.|OLD\.|new\.|old\.)?)(\S+)/.exec(message)?.[1];
  if (column === undefined || !table) return '';
  const near = similarName(column, table.columns.map((c) => c.name));
  return near ? ` (did you mean '${near}'?)` : '';
}

/** NOT NULL columns without DEFAULT, other than an INTEGER PRIMARY KEY (SQLite fills the rowid). */
function requiredColumns(table: Table): Column[] {
  // SQLite parses an FTS column's NOT NULL and ignores it.
  if (table.fts) return [];
  const rowid = table.primaryKey?.columns.length === 1 ? table.columns.find((c) => sameSqlName(c.name, table.primaryKey!.columns[0]) && c.affinity === 'INTEGER') : undefined;
  return table.columns.filter((c) => c.notNull && c.defaultValue === undefined && c !== rowid);
}

/** The table an INSERT, DELETE or UPDATE statement writes to. */
function tableOfStatement(model: WorkspaceModel, sql: string): Table | undefined {
  const insert = readInsertStatement(sql);
  if (insert) return findTable(model, insert.table);
  const tokens = splitSqlStatements(sql)[0]?.tokens ?? [];
  let at: number | undefined;
  if (isWord(tokens[0], 'DELETE') && isWord(tokens[1], 'FROM')) at = 2;
  else if (isWord(tokens[0], 'UPDATE')) at = isWord(tokens[1], 'OR') ? 3 : 1;
  if (at === undefined || !isName(tokens[at])) return undefined;
  const name = tokens[at + 1]?.text === '.' && isName(tokens[at + 2]) ? tokens[at + 2] : tokens[at];
  return findTable(model, name.value);
}

/** For each parameter index (1-based, SQLite's numbering), the column whose value is exactly that parameter. */
function filledColumns(insert: InsertStatement, sql: string, table: Table): Map<number, Column> {
  const indexes = new Map([...parameterIndexes(splitSqlStatements(sql)[0]?.tokens ?? [])].map(([token, index]) => [token.start, index]));
  const names = insert.columns ?? table.columns.map((c) => c.name);
  const filled = new Map<number, Column>();
  names.forEach((name, i) => {
    const value = insert.valueTokens[i];
    if (value?.length !== 1 || value[0].kind !== 'parameter') return;
    const index = indexes.get(value[0].start);
    const column = table.columns.find((c) => sameSqlName(c.name, name));
    if (index !== undefined && column) filled.set(index, column);
  });
  return filled;
}


/** The raw table's name out of a `The put of raw table 'x'` label. */
function rawTableName(label: string): string {
  return /raw table '([^']*)'/.exec(label)?.[1] ?? '?';
}

function finding(loc: SourceLocation, message: string, related: RelatedLocation[]): Finding {
  return { rule: RULE, severity: 'error', message, loc, related, fixes: [] };
}
