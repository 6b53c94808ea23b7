import { closingParen, isName, isSymbol, isWord, splitAtTopLevelCommas, type SqlToken } from './sql-text';

/**
 * The outline of DDL statements read from their tokens: the parts SQLite's pragmas do not report
 * (which foreign key is deferred, where a name is written, what a trigger body writes to).
 * SQLite itself decides whether a statement is valid; these readers only look.
 */

export type StatementKind = 'create-table' | 'create-virtual-table' | 'create-index' | 'create-trigger' | 'create-view' | 'other';

/** What a statement creates, from its first words. */
export function statementKind(tokens: SqlToken[]): StatementKind {
  let i = 0;
  if (!isWord(tokens[i++], 'CREATE')) return 'other';
  if (isWord(tokens[i], 'TEMP', 'TEMPORARY')) i++;
  if (isWord(tokens[i], 'UNIQUE')) return isWord(tokens[i + 1], 'INDEX') ? 'create-index' : 'other';
  if (isWord(tokens[i], 'TABLE')) return 'create-table';
  if (isWord(tokens[i], 'VIRTUAL') && isWord(tokens[i + 1], 'TABLE')) return 'create-virtual-table';
  if (isWord(tokens[i], 'INDEX')) return 'create-index';
  if (isWord(tokens[i], 'TRIGGER')) return 'create-trigger';
  if (isWord(tokens[i], 'VIEW')) return 'create-view';
  return 'other';
}

export interface ForeignKeyOutline {
  childColumns: string[];
  parentTable: string;
  /** Empty when the clause names no parent columns (the parent's primary key is meant). */
  parentColumns: string[];
  /** Only `DEFERRABLE INITIALLY DEFERRED` defers a foreign key in SQLite. */
  deferred: boolean;
  /** The REFERENCES (or FOREIGN) token that starts the clause. */
  start: SqlToken;
}

export interface ColumnOutline {
  name: SqlToken;
  /** The declared type's tokens, e.g. `VARCHAR ( 10 )`. */
  type: SqlToken[];
  tokens: SqlToken[];
}

export interface CreateTableOutline {
  name: SqlToken;
  schema?: SqlToken;
  temporary: boolean;
  ifNotExists: boolean;
  columns: ColumnOutline[];
  /** In declaration order. */
  foreignKeys: ForeignKeyOutline[];
  autoIncrement: boolean;
  /** `CREATE TABLE … AS SELECT`. */
  asSelect: boolean;
}

const TABLE_CONSTRAINT_WORDS = ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN'];
const COLUMN_CONSTRAINT_WORDS = ['CONSTRAINT', 'PRIMARY', 'NOT', 'NULL', 'UNIQUE', 'CHECK', 'DEFAULT', 'COLLATE', 'REFERENCES', 'GENERATED', 'AS', 'DEFERRABLE'];

/** The outline of a CREATE TABLE statement, or undefined when the tokens are no CREATE TABLE. */
export function outlineCreateTable(tokens: SqlToken[]): CreateTableOutline | undefined {
  if (statementKind(tokens) !== 'create-table') return undefined;
  let i = 1;
  const temporary = isWord(tokens[i], 'TEMP', 'TEMPORARY');
  if (temporary) i++;
  i++; // TABLE
  const ifNotExists = isWord(tokens[i], 'IF') && isWord(tokens[i + 1], 'NOT') && isWord(tokens[i + 2], 'EXISTS');
  if (ifNotExists) i += 3;
  const qualified = readQualifiedName(tokens, i);
  if (!qualified) return undefined;
  i = qualified.next;
  const outline: CreateTableOutline = {
    name: qualified.name,
    schema: qualified.schema,
    temporary,
    ifNotExists,
    columns: [],
    foreignKeys: [],
    autoIncrement: tokens.some((t) => isWord(t, 'AUTOINCREMENT')),
    asSelect: isWord(tokens[i], 'AS'),
  };
  if (!isSymbol(tokens[i], '(')) return outline;
  const close = closingParen(tokens, i);
  for (const item of splitAtTopLevelCommas(tokens, i + 1, close)) {
    if (item.length === 0) continue;
    if (isWord(item[0], ...TABLE_CONSTRAINT_WORDS)) readConstraintClauses(item, 0, [], outline.foreignKeys);
    else readColumn(item, outline);
  }
  return outline;
}

function readColumn(item: SqlToken[], outline: CreateTableOutline): void {
  const name = item[0];
  if (!isName(name)) return;
  let j = 1;
  while (j < item.length && !isWord(item[j], ...COLUMN_CONSTRAINT_WORDS)) {
    j = isSymbol(item[j], '(') ? closingParen(item, j) + 1 : j + 1;
  }
  outline.columns.push({ name, type: item.slice(1, j), tokens: item });
  readConstraintClauses(item, j, [name.value], outline.foreignKeys);
}

/**
 * Foreign key and defer clauses from `from` on (a column's constraints, or table constraints,
 * which SQLite accepts without commas between them). As in SQLite's parser, a defer clause
 * applies to the latest foreign key declared in the table so far.
 */
function readConstraintClauses(item: SqlToken[], from: number, columnName: string[], foreignKeys: ForeignKeyOutline[]): void {
  let childColumns = columnName;
  for (let j = from; j < item.length; j++) {
    const token = item[j];
    if (isSymbol(token, '(')) {
      j = closingParen(item, j);
      continue;
    }
    if (isWord(token, 'FOREIGN') && isWord(item[j + 1], 'KEY') && isSymbol(item[j + 2], '(')) {
      const close = closingParen(item, j + 2);
      childColumns = namesIn(item, j + 3, close);
      j = close;
      continue;
    }
    if (isWord(token, 'REFERENCES') && isName(item[j + 1])) {
      let parentColumns: string[] = [];
      if (isSymbol(item[j + 2], '(')) {
        const close = closingParen(item, j + 2);
        parentColumns = namesIn(item, j + 3, close);
      }
      foreignKeys.push({ childColumns, parentTable: item[j + 1].value, parentColumns, deferred: false, start: token });
      j++;
      continue;
    }
    if (isWord(token, 'DEFERRABLE')) {
      const latest = foreignKeys[foreignKeys.length - 1];
      const negated = isWord(item[j - 1], 'NOT');
      const initiallyDeferred = isWord(item[j + 1], 'INITIALLY') && isWord(item[j + 2], 'DEFERRED');
      if (latest) latest.deferred = !negated && initiallyDeferred;
    }
  }
}

function namesIn(tokens: SqlToken[], from: number, to: number): string[] {
  return splitAtTopLevelCommas(tokens, from, to)
    .map((part) => part[0])
    .filter((t): t is SqlToken => isName(t))
    .map((t) => t.value);
}

function readQualifiedName(tokens: SqlToken[], i: number): { name: SqlToken; schema?: SqlToken; next: number } | undefined {
  if (!isName(tokens[i])) return undefined;
  if (isSymbol(tokens[i + 1], '.') && isName(tokens[i + 2])) return { schema: tokens[i], name: tokens[i + 2], next: i + 3 };
  return { name: tokens[i], next: i + 1 };
}

export type TriggerEvent = 'INSERT' | 'UPDATE' | 'DELETE';

export interface CreateTriggerOutline {
  name: SqlToken;
  table?: SqlToken;
  timing: 'BEFORE' | 'AFTER' | 'INSTEAD OF';
  event?: TriggerEvent;
  /** `UPDATE OF a, b`. */
  updateOf: string[];
  body: SqlToken[];
  /** The body inserts into `powersync_crud` or `powersync_crud_` (the core's CRUD tables). */
  writesPowerSyncCrud: boolean;
}

const CRUD_TABLES = ['powersync_crud', 'powersync_crud_'];

/** The outline of a CREATE TRIGGER statement, or undefined when the tokens are no CREATE TRIGGER. */
export function outlineCreateTrigger(tokens: SqlToken[]): CreateTriggerOutline | undefined {
  if (statementKind(tokens) !== 'create-trigger') return undefined;
  let i = 1;
  if (isWord(tokens[i], 'TEMP', 'TEMPORARY')) i++;
  i++; // TRIGGER
  if (isWord(tokens[i], 'IF') && isWord(tokens[i + 1], 'NOT') && isWord(tokens[i + 2], 'EXISTS')) i += 3;
  const qualified = readQualifiedName(tokens, i);
  if (!qualified) return undefined;
  i = qualified.next;
  let timing: CreateTriggerOutline['timing'] = 'BEFORE';
  if (isWord(tokens[i], 'BEFORE')) i++;
  else if (isWord(tokens[i], 'AFTER')) {
    timing = 'AFTER';
    i++;
  } else if (isWord(tokens[i], 'INSTEAD') && isWord(tokens[i + 1], 'OF')) {
    timing = 'INSTEAD OF';
    i += 2;
  }
  let event: TriggerEvent | undefined;
  const updateOf: string[] = [];
  if (isWord(tokens[i], 'INSERT', 'UPDATE', 'DELETE')) {
    event = tokens[i].value.toUpperCase() as TriggerEvent;
    i++;
    if (event === 'UPDATE' && isWord(tokens[i], 'OF')) {
      i++;
      while (isName(tokens[i])) {
        updateOf.push(tokens[i].value);
        i++;
        if (!isSymbol(tokens[i], ',')) break;
        i++;
      }
    }
  }
  let table: SqlToken | undefined;
  if (isWord(tokens[i], 'ON')) {
    const target = readQualifiedName(tokens, i + 1);
    table = target?.name;
  }
  const begin = tokens.findIndex((t, k) => k >= i && isWord(t, 'BEGIN'));
  const body = begin < 0 ? [] : tokens.slice(begin + 1, isWord(tokens[tokens.length - 1], 'END') ? tokens.length - 1 : tokens.length);
  return { name: qualified.name, table, timing, event, updateOf, body, writesPowerSyncCrud: insertsInto(body, CRUD_TABLES) };
}

/** True when the tokens contain `INTO [schema.]<one of tables>`. */
function insertsInto(tokens: SqlToken[], tables: string[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    if (!isWord(tokens[i], 'INTO')) continue;
    const target = readQualifiedName(tokens, i + 1);
    if (target && tables.includes(target.name.value.toLowerCase())) return true;
  }
  return false;
}

export interface CreateIndexOutline {
  name: SqlToken;
  table?: SqlToken;
  unique: boolean;
}

/** The outline of a CREATE INDEX statement, or undefined when the tokens are no CREATE INDEX. */
export function outlineCreateIndex(tokens: SqlToken[]): CreateIndexOutline | undefined {
  if (statementKind(tokens) !== 'create-index') return undefined;
  let i = 1;
  const unique = isWord(tokens[i], 'UNIQUE');
  if (unique) i++;
  i++; // INDEX
  if (isWord(tokens[i], 'IF') && isWord(tokens[i + 1], 'NOT') && isWord(tokens[i + 2], 'EXISTS')) i += 3;
  const qualified = readQualifiedName(tokens, i);
  if (!qualified) return undefined;
  i = qualified.next;
  const table = isWord(tokens[i], 'ON') ? readQualifiedName(tokens, i + 1)?.name : undefined;
  return { name: qualified.name, table, unique };
}

/** A call of a SQL function: its name token and its arguments' tokens. */
export interface FunctionCallOutline {
  name: SqlToken;
  args: SqlToken[][];
}

/** Every call of the function `name` (case-insensitive) in the tokens. */
export function functionCalls(tokens: SqlToken[], name: string): FunctionCallOutline[] {
  const calls: FunctionCallOutline[] = [];
  const lower = name.toLowerCase();
  for (let i = 0; i + 1 < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind !== 'identifier' || token.value.toLowerCase() !== lower || !isSymbol(tokens[i + 1], '(')) continue;
    const close = closingParen(tokens, i + 1);
    const args = isSymbol(tokens[i + 2], ')') ? [] : splitAtTopLevelCommas(tokens, i + 2, close);
    calls.push({ name: token, args });
  }
  return calls;
}
