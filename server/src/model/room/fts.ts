import { evaluateScalar, evaluateString, type NameScope } from '../evaluate';
import type { AnnotationFact } from '../facts';
import type { SourceLocation } from '../location';
import type { ClassEntry } from '../names';
import type { Value } from '../value';
import type { Column, FtsTable } from '../workspace';
import { readFtsMatchInfo, readFtsOrder, readFtsTokenizerConstant } from './annotation-constants';
import { annotationArgument, annotationList } from './annotations';
import { columnDefinition } from './create-sql';
import { classAnnotation, classPath, isJava, scopeOf, type EntityContext, type RoomReading } from './entity-context';
import { entityTableName } from './table-name';

/**
 * Room's FTS entities (`@Fts3`, `@Fts4`): a virtual table whose definitions are the visible
 * columns, as an ordinary entity's are written, followed by the module's options.
 */

export type FtsVersion = 'FTS3' | 'FTS4';

/** The options Room reads from `@Fts3` / `@Fts4`; `contentTable` is the content entity's table. */
export interface FtsOptions {
  tokenizer: string;
  tokenizerArgs: string[];
  contentTable?: string;
  languageId: string;
  matchInfo: 'FTS3' | 'FTS4';
  notIndexed: string[];
  prefix: number[];
  order: 'ASC' | 'DESC';
}

/** The FTS annotation on a class and its version; `@Fts3` is looked for first, as Room does. */
export function ftsAnnotation(entry: ClassEntry, reading: RoomReading): { version: FtsVersion; annotation: AnnotationFact } | undefined {
  const fts3 = classAnnotation(entry, 'Fts3', reading);
  if (fts3) return { version: 'FTS3', annotation: fts3 };
  const fts4 = classAnnotation(entry, 'Fts4', reading);
  return fts4 ? { version: 'FTS4', annotation: fts4 } : undefined;
}

/**
 * The options as Room reads them. `@Fts3` takes only the tokenizer and its arguments; the rest
 * keep their defaults. A value that cannot be evaluated is recorded in `ctx.unresolved` and gives
 * undefined: the statement would be a guess.
 */
export function readFtsOptions(entry: ClassEntry, annotation: AnnotationFact, version: FtsVersion, ctx: EntityContext): FtsOptions | undefined {
  const scope = scopeOf(entry, ctx);
  const java = isJava(entry.uri, ctx);
  let known = true;
  const read = <T>(name: string, position: number, fallback: T, evaluate: (value: Value) => T | undefined): T => {
    const value = annotationArgument(annotation, name, position);
    if (!value) return fallback;
    const result = evaluate(value);
    if (result !== undefined) return result;
    ctx.unresolved.push(value.loc);
    known = false;
    return fallback;
  };
  const strings = (value: Value) => listOf(value, scope, java, (item, s) => evaluateString(item, s));
  const options: FtsOptions = {
    tokenizer: read('tokenizer', 0, 'simple', (v) => evaluateString(v, scope) ?? readFtsTokenizerConstant(v, scope)),
    tokenizerArgs: read('tokenizerArgs', 1, [], strings),
    languageId: '',
    matchInfo: 'FTS4',
    notIndexed: [],
    prefix: [],
    order: 'ASC',
  };
  if (version === 'FTS4') {
    const content = read<string | null>('contentEntity', 2, null, (v) => contentTableName(v, entry, ctx));
    if (content !== null) options.contentTable = content;
    options.languageId = read('languageId', 3, '', (v) => evaluateString(v, scope));
    options.matchInfo = read('matchInfo', 4, 'FTS4', (v) => readFtsMatchInfo(v, scope));
    options.notIndexed = read('notIndexed', 5, [], strings);
    options.prefix = read('prefix', 6, [], (v) => listOf(v, scope, java, (item, s) => positiveInteger(evaluateScalar(item, s))));
    options.order = read('order', 7, 'ASC', (v) => readFtsOrder(v, scope));
  }
  return known ? options : undefined;
}

/**
 * Which columns the virtual table declares: Room hides the primary key's column (an FTS entity may
 * only have `rowid` as its key) and the `languageId` column. Undefined, with the place recorded,
 * for what Room rejects: a key other than `rowid`, a `rowid` field without `@PrimaryKey`, a
 * `languageId` or `notIndexed` name that is no column, a prefix size that is not positive.
 */
export function visibleFtsColumns(
  columns: readonly Column[],
  primaryKeyColumns: readonly string[] | undefined,
  options: FtsOptions,
  loc: SourceLocation,
  ctx: EntityContext,
): Column[] | undefined {
  const names = new Set(columns.map((c) => c.name));
  const keyOk = primaryKeyColumns === undefined ? !names.has('rowid') : primaryKeyColumns.length === 1 && primaryKeyColumns[0] === 'rowid';
  const optionsOk = (options.languageId === '' || names.has(options.languageId)) && options.notIndexed.every((n) => names.has(n));
  if (!keyOk || !optionsOk) {
    ctx.unresolved.push(loc);
    return undefined;
  }
  const hidden = new Set([...(primaryKeyColumns ?? []), options.languageId]);
  return columns.filter((c) => !hidden.has(c.name));
}

/** `CREATE VIRTUAL TABLE IF NOT EXISTS `t` USING FTS4(definitions, options)` as Room writes it. */
export function createFtsTableSql(tableName: string, version: FtsVersion, columns: readonly Column[], options: FtsOptions): string {
  const definitions = [...columns.map((c) => columnDefinition(c, false)), ...ftsOptionDefinitions(options)];
  return `CREATE VIRTUAL TABLE IF NOT EXISTS \`${tableName}\` USING ${version}(${definitions.join(', ')})`;
}

/** The module arguments after the columns, each only when it differs from SQLite's default. */
function ftsOptionDefinitions(options: FtsOptions): string[] {
  const out: string[] = [];
  if (options.tokenizer !== 'simple' || options.tokenizerArgs.length > 0) {
    out.push([`tokenize=${options.tokenizer}`, ...options.tokenizerArgs.map((a) => `\`${a}\``)].join(' '));
  }
  if (options.contentTable !== undefined) out.push(`content=\`${options.contentTable}\``);
  if (options.languageId !== '') out.push(`languageid=\`${options.languageId}\``);
  if (options.matchInfo !== 'FTS4') out.push(`matchinfo=${options.matchInfo.toLowerCase()}`);
  for (const column of options.notIndexed) out.push(`notindexed=\`${column}\``);
  if (options.prefix.length > 0) out.push(`prefix=\`${options.prefix.join(',')}\``);
  if (options.order !== 'ASC') out.push(`order=${options.order}`);
  return out;
}

export function ftsTableInfo(version: FtsVersion, options: FtsOptions | undefined): FtsTable {
  const info: FtsTable = { version };
  if (!options) return info;
  info.tokenizer = options.tokenizer;
  if (options.contentTable !== undefined) info.contentTable = options.contentTable;
  return info;
}

/** Items of an array argument, each evaluated; undefined when the list or any item is unknown. */
function listOf<T>(value: Value, scope: NameScope, java: boolean, item: (v: Value, s: NameScope) => T | undefined): T[] | undefined {
  // In Java a single element stands for an array of one (`notIndexed = "a"`).
  const list = annotationList(value, scope, java) ?? (java ? { items: [value], scope } : undefined);
  if (!list) return undefined;
  const out: T[] = [];
  for (const v of list.items) {
    const r = item(v, list.scope);
    if (r === undefined) return undefined;
    out.push(r);
  }
  return out;
}

function positiveInteger(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

/** `Object` / `Any` is the annotation's default: no content table (null). */
const NO_CONTENT_ENTITY = new Set(['Object', 'java.lang.Object', 'Any', 'kotlin.Any']);

/** The table of `contentEntity = X::class`: an `@Entity` of the workspace, or undefined. */
function contentTableName(value: Value, entry: ClassEntry, ctx: EntityContext): string | null | undefined {
  if (value.kind !== 'classRef') return undefined;
  const written = value.path.join('.');
  const cls = ctx.names.resolveClass(written, entry.uri, classPath(entry));
  if (!cls) return NO_CONTENT_ENTITY.has(written) ? null : undefined;
  const entity = classAnnotation(cls, 'Entity', ctx);
  return entity ? entityTableName(cls, entity, ctx).name : undefined;
}
