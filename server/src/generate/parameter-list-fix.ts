import { readInsertStatement } from '../sql/insert-statement';
import { isName, isSymbol, parameterIndexes, sameSqlName, splitSqlStatements, type SqlToken } from '../sql/sql-text';
import type { FileFacts } from '../model/facts';
import { dottedName, type Value } from '../model/value';
import type { ParameterSource, PendingStatement, Table } from '../model/workspace';
import type { Fix, TextEdit } from '../findings/finding';
import { kotlinSdkWriter, type KotlinSdkWriter } from './kotlin-sdk-writer';
import { writerOfFile } from '../frontends/registry';
import { parameterText } from '../model/powersync/api-text';

const PARAMETER_TYPE = 'PendingStatementParameter';
const PARAMETER_PACKAGE = 'com.powersync.db.schema';
const DART_PARAMETER_TYPE = 'PendingStatementValue';

/** What one placeholder binds: the row id, or the synced column of that name. */
export type BoundSource = { kind: 'Id' } | { kind: 'Column'; name: string };

/**
 * Rewrites a put's or delete's `listOf(…)` to the placeholders of its SQL, in their order: `Id` for
 * the id column, `Column("c")` for any other column, spelled as the user spells them and laid out
 * as they were (one per line when they were). Only where every placeholder fills a known column
 * directly, SQLite counts as many placeholders (`parameterCount`), and the list is written in place.
 * It is the preferred fix only when it drops no `Column` naming one of the table's columns.
 */
export function parameterListFix(statement: PendingStatement, role: 'put' | 'delete', table: Table, facts: FileFacts | undefined, parameterCount: number): Fix | undefined {
  const list = statement.parametersValue;
  const parameters = statement.parameters;
  if (statement.sql === undefined || list?.kind !== 'list' || !parameters || list.items.length !== parameters.length) return undefined;
  if (parameters.some((p) => p.kind === 'Rest' || p.kind === 'unknown')) return undefined;
  const sources = placeholderSources(statement.sql, table);
  if (!sources || sources.length !== parameterCount || (role === 'delete' && sources.some((s) => s.kind !== 'Id'))) return undefined;
  if (sameSources(sources, parameters)) return undefined;
  if (writerOfFile(list.loc.uri)?.language === 'dart') return dartParameterListFix(list, sources, parameters, table);
  const writer = kotlinSdkWriter(list.loc.uri);
  const style = writer && parameterStyle(writer, list.items, facts);
  if (!writer || !style) return undefined;
  const texts = sources.map((s) => (s.kind === 'Id' ? `${style.id}Id` : `${style.column}Column(${writer.stringLiteral(s.name)})`));
  const edits: TextEdit[] = [...style.imports];
  const items = list.items;
  if (items.length === 0 || texts.length === 0) {
    edits.push({ uri: list.loc.uri, range: list.loc.range, newText: `listOf(${texts.join(', ')})` });
  } else {
    const first = items[0].loc.range;
    const onOwnLines = first.start.line > list.loc.range.start.line && items.every((item, i) => i === 0 || item.loc.range.start.line > items[i - 1].loc.range.end.line);
    const separator = onOwnLines ? `,\n${' '.repeat(first.start.character)}` : ', ';
    edits.push({ uri: list.loc.uri, range: { start: first.start, end: items[items.length - 1].loc.range.end }, newText: texts.join(separator) });
  }
  const described = sources.map((s) => (s.kind === 'Id' ? 'Id' : `Column("${s.name}")`)).join(', ');
  // A Column("x") of the table's own columns that the rebuilt list leaves out may be a column the
  // user means to sync (the SQL lacking it being the mistake): then it is not the preferred fix.
  return { title: `Rebuild the parameter list from the SQL: ${described}`, preferred: droppedColumns(parameters, sources, table).length === 0, edits };
}

/** The `Column` parameters naming one of the table's columns that the rebuilt list leaves out. */
function droppedColumns(parameters: ParameterSource[], sources: BoundSource[], table: Table): ParameterSource[] {
  return parameters.filter((p) => p.kind === 'Column' && p.name !== undefined
    && table.columns.some((c) => sameSqlName(c.name, p.name!)) && !sources.some((s) => s.kind === 'Column' && sameSqlName(s.name, p.name!)));
}

/**
 * The Dart SDK's list: `PendingStatementValue.id()` and `.column('c')`, qualified as the list's own
 * items are (`PendingStatementValue.` or an import prefix's `ps.PendingStatementValue.`). A list
 * with no item written that way (empty, dot shorthands, values built elsewhere) gets no fix.
 */
function dartParameterListFix(list: Extract<Value, { kind: 'list' }>, sources: BoundSource[], parameters: ParameterSource[], table: Table): Fix | undefined {
  const literal = writerOfFile(list.loc.uri)?.stringLiteral;
  const qualifier = dartQualifier(list);
  if (!literal || !qualifier || list.items.length === 0 || sources.length === 0) return undefined;
  const texts = sources.map((s) => (s.kind === 'Id' ? `${qualifier}.id()` : `${qualifier}.column(${literal(s.name)})`));
  const items = list.items;
  const first = items[0].loc.range;
  const onOwnLines = first.start.line > list.loc.range.start.line && items.every((item, i) => i === 0 || item.loc.range.start.line > items[i - 1].loc.range.end.line);
  const separator = onOwnLines ? `,\n${' '.repeat(first.start.character)}` : ', ';
  const edits: TextEdit[] = [{ uri: list.loc.uri, range: { start: first.start, end: items[items.length - 1].loc.range.end }, newText: texts.join(separator) }];
  const described = sources.map((s) => parameterText(s, 'dart')).join(', ');
  return { title: `Rebuild the parameter list from the SQL: ${described}`, preferred: droppedColumns(parameters, sources, table).length === 0, edits };
}

/** How the Dart list's own items qualify `PendingStatementValue` (`PendingStatementValue.` or an import prefix's `ps.PendingStatementValue.`); undefined when none is written so. */
function dartQualifier(list: Extract<Value, { kind: 'list' }>): string | undefined {
  // The qualifier as written: an import prefix (`ps.`) the reader drops makes the source longer than the name.
  const asWritten = (receiver: Value): string | undefined => {
    const name = dottedName(receiver);
    const { start, end } = receiver.loc.range;
    return name !== undefined && start.line === end.line && end.character - start.character === name.length ? name : undefined;
  };
  const qualifiers = list.items.map((item) => (item.kind === 'call' && item.callee.kind === 'member' && ['id', 'column', 'rest'].includes(item.callee.name) ? asWritten(item.callee.receiver) : undefined));
  const qualifier = qualifiers.find((q) => q === DART_PARAMETER_TYPE || q?.endsWith(`.${DART_PARAMETER_TYPE}`));
  return qualifier;
}

/**
 * The edits that append `Column("name")` to a put's parameter list, spelled as the list's items are
 * (Kotlin `PendingStatementParameter.Column("c")` or an imported `Column("c")`, JS `{ Column: 'c' }`,
 * Dart `PendingStatementValue.column('c')`) and laid out as they are. Undefined when the list is not
 * written in place with at least one item, or its spelling cannot be told.
 */
export function appendedColumnParameter(statement: PendingStatement, name: string, facts: FileFacts | undefined): TextEdit[] | undefined {
  const list = statement.parametersValue;
  if (list?.kind !== 'list' || list.items.length === 0) return undefined;
  const writer = writerOfFile(list.loc.uri);
  const literal = writer?.stringLiteral;
  if (!writer || !literal) return undefined;
  const edits: TextEdit[] = [];
  let text: string;
  if (writer.language === 'dart') {
    const qualifier = dartQualifier(list);
    if (!qualifier) return undefined;
    text = `${qualifier}.column(${literal(name)})`;
  } else if (writer.language === 'typescript') {
    text = `{ Column: ${literal(name)} }`;
  } else {
    const kotlin = kotlinSdkWriter(list.loc.uri);
    const style = kotlin && parameterStyle(kotlin, list.items, facts);
    if (!kotlin || !style) return undefined;
    text = `${style.column}Column(${kotlin.stringLiteral(name)})`;
    edits.push(...style.imports);
  }
  edits.push(appendedListItem(list, text));
  return edits;
}

/** The edit that appends `text` after a list's last item (which it must have), one per line when the items are. */
export function appendedListItem(list: Extract<Value, { kind: 'list' }>, text: string): TextEdit {
  const items = list.items;
  const first = items[0].loc.range;
  const last = items[items.length - 1].loc.range;
  const onOwnLines = first.start.line > list.loc.range.start.line && items.every((item, i) => i === 0 || item.loc.range.start.line > items[i - 1].loc.range.end.line);
  const separator = onOwnLines ? `,\n${' '.repeat(first.start.character)}` : ', ';
  return { uri: list.loc.uri, range: { start: last.end, end: last.end }, newText: `${separator}${text}` };
}

/**
 * For each placeholder index of the statement (1-based), what it binds: a value of the INSERT's
 * VALUES that is just that placeholder, or `column = ?` / `? = column` elsewhere. Undefined when
 * a placeholder is used any other way, or for two different columns.
 */
export function placeholderSources(sql: string, table: Table): BoundSource[] | undefined {
  const tokens = splitSqlStatements(sql)[0]?.tokens;
  if (!tokens) return undefined;
  const indexes = parameterIndexes(tokens);
  const byStart = new Map([...indexes].map(([token, index]) => [token.start, index]));
  const columns = new Map<number, string>();
  const bind = (index: number | undefined, name: string): boolean => {
    const column = table.columns.find((c) => sameSqlName(c.name, name));
    if (index === undefined || !column) return false;
    const earlier = columns.get(index);
    if (earlier !== undefined && earlier !== column.name) return false;
    columns.set(index, column.name);
    return true;
  };
  const covered = new Set<number>();
  const insert = readInsertStatement(sql);
  if (insert) {
    if (!sameSqlName(insert.table, table.name)) return undefined;
    const names = insert.columns ?? table.columns.map((c) => c.name);
    for (const [i, value] of insert.valueTokens.entries()) {
      if (value.length !== 1 || value[0].kind !== 'parameter' || names[i] === undefined) continue;
      if (!bind(byStart.get(value[0].start), names[i])) return undefined;
      covered.add(value[0].start);
    }
  }
  for (const [at, token] of tokens.entries()) {
    if (token.kind !== 'parameter' || covered.has(token.start)) continue;
    const name = comparedColumn(tokens, at, table);
    if (name === undefined || !bind(indexes.get(token), name)) return undefined;
  }
  const largest = Math.max(0, ...indexes.values());
  const sources: BoundSource[] = [];
  for (let index = 1; index <= largest; index++) {
    const name = columns.get(index);
    if (name === undefined) return undefined;
    sources.push(sameSqlName(name, 'id') ? { kind: 'Id' } : { kind: 'Column', name });
  }
  return sources;
}

/**
 * The column in `column = ?` or `? = column` around the placeholder at `at` (unqualified or
 * `table.column`), where neither side is part of a larger expression.
 */
function comparedColumn(tokens: SqlToken[], at: number, table: Table): string | undefined {
  const equals = (t: SqlToken | undefined) => isSymbol(t, '=') || isSymbol(t, '==');
  const bounded = (t: SqlToken | undefined) => !t || t.kind === 'keyword' || isSymbol(t, ',') || isSymbol(t, '(') || isSymbol(t, ')');
  /** The column named by tokens[from..to] (`col` or `table.col`), if that is all they are. */
  const columnIn = (from: number, to: number): string | undefined => {
    if (to === from) return isName(tokens[from]) && tokens[from].kind !== 'string' ? tokens[from].value : undefined;
    if (to !== from + 2 || !isSymbol(tokens[from + 1], '.') || !isName(tokens[from]) || !isName(tokens[to])) return undefined;
    return sameSqlName(tokens[from].value, table.name) && tokens[to].kind !== 'string' ? tokens[to].value : undefined;
  };
  if (equals(tokens[at - 1]) && bounded(tokens[at + 1])) {
    const end = at - 2;
    const start = isSymbol(tokens[end - 1], '.') ? end - 2 : end;
    return bounded(tokens[start - 1]) ? columnIn(start, end) : undefined;
  }
  if (equals(tokens[at + 1]) && bounded(tokens[at - 1])) {
    const start = at + 2;
    const end = isSymbol(tokens[start + 1], '.') ? start + 2 : start;
    return bounded(tokens[end + 1]) ? columnIn(start, end) : undefined;
  }
  return undefined;
}

function sameSources(sources: BoundSource[], parameters: ParameterSource[]): boolean {
  return sources.length === parameters.length && sources.every((s, i) => {
    const p = parameters[i];
    return s.kind === 'Id' ? p.kind === 'Id' : p.kind === 'Column' && p.name === s.name;
  });
}

/**
 * How the user writes each parameter kind: the qualifier in front of `Id` and `Column`
 * (`PendingStatementParameter.`, a package path, or nothing with an import), read from the items
 * as written, plus any import a kind they have not written yet needs.
 */
function parameterStyle(writer: KotlinSdkWriter, items: Value[], facts: FileFacts | undefined): { id: string; column: string; imports: TextEdit[] } | undefined {
  const written = (kind: 'Id' | 'Column'): string | undefined => {
    for (const item of items) {
      const named = kind === 'Id' ? item : item.kind === 'call' ? item.callee : undefined;
      if (!named || (kind === 'Column') !== (item.kind === 'call')) continue;
      if (named.kind === 'ref' && named.name === kind) return '';
      if (named.kind === 'member' && named.name === kind) {
        const qualifier = dottedName(named.receiver);
        if (qualifier === PARAMETER_TYPE || qualifier?.endsWith(`.${PARAMETER_TYPE}`)) return `${qualifier}.`;
      }
    }
    return undefined;
  };
  const imports: TextEdit[] = [];
  const resolve = (kind: 'Id' | 'Column', other: string | undefined, own: string | undefined): string | undefined => {
    if (own !== undefined) return own;
    if (other !== undefined && other !== '') return other;
    if (!facts) return undefined;
    if (other === '') {
      // Written short: import this kind the way the other one is imported.
      const otherKind = kind === 'Id' ? 'Column' : 'Id';
      if (importsShortName(facts, kind)) return '';
      const path = facts.imports.find((i) => !i.alias && !i.wildcard && i.path.endsWith(`${PARAMETER_TYPE}.${otherKind}`))?.path;
      if (path === undefined) return undefined;
      imports.push(...writer.importEdits(facts, [`${path.slice(0, -otherKind.length)}${kind}`]));
      return '';
    }
    imports.push(...writer.importEdits(facts, [`${PARAMETER_PACKAGE}.${PARAMETER_TYPE}`]));
    return `${PARAMETER_TYPE}.`;
  };
  const ownId = written('Id');
  const ownColumn = written('Column');
  const id = resolve('Id', ownColumn, ownId);
  const column = resolve('Column', ownId, ownColumn);
  if (id === undefined || column === undefined) return undefined;
  // Both kinds may ask for the same type import.
  const unique = imports.filter((edit, i) => imports.findIndex((e) => e.newText === edit.newText) === i);
  return { id, column, imports: unique };
}

/** True when `Id`/`Column` can be written bare: imported by name or through `PendingStatementParameter.*`. */
function importsShortName(facts: FileFacts, kind: 'Id' | 'Column'): boolean {
  return facts.imports.some((i) => !i.alias && (i.wildcard ? i.path.endsWith(PARAMETER_TYPE) : i.path.endsWith(`${PARAMETER_TYPE}.${kind}`)));
}
