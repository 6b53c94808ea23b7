import type { NameScope } from '../evaluate';
import { pathOf } from '../evaluate';
import type { Value } from '../value';
import type { Affinity, ForeignKeyAction } from '../workspace';

/**
 * Room's int-valued annotation constants (`ForeignKey.CASCADE`, `ColumnInfo.NOCASE`, …), read
 * by name or by value, through user constants that hold them.
 */
interface ConstantTable<T> {
  /** Classes that may qualify the names: `ForeignKey.CASCADE`, `ForeignKey.Companion.CASCADE`. */
  owners: string[];
  byName: Record<string, T>;
  byNumber: Record<number, T>;
}

const FOREIGN_KEY_ACTIONS: ConstantTable<ForeignKeyAction> = {
  owners: ['ForeignKey', 'Companion'],
  byName: { NO_ACTION: 'NO ACTION', RESTRICT: 'RESTRICT', SET_NULL: 'SET NULL', SET_DEFAULT: 'SET DEFAULT', CASCADE: 'CASCADE' },
  byNumber: { 1: 'NO ACTION', 2: 'RESTRICT', 3: 'SET NULL', 4: 'SET DEFAULT', 5: 'CASCADE' },
};

/** `null` is UNDEFINED: no affinity requested. */
const TYPE_AFFINITIES: ConstantTable<Affinity | null> = {
  owners: ['ColumnInfo', 'Companion'],
  byName: { UNDEFINED: null, TEXT: 'TEXT', INTEGER: 'INTEGER', REAL: 'REAL', BLOB: 'BLOB' },
  byNumber: { 1: null, 2: 'TEXT', 3: 'INTEGER', 4: 'REAL', 5: 'BLOB' },
};

/** `null` is UNSPECIFIED: no COLLATE clause. */
const COLLATIONS: ConstantTable<string | null> = {
  owners: ['ColumnInfo', 'Companion'],
  byName: { UNSPECIFIED: null, BINARY: 'BINARY', NOCASE: 'NOCASE', RTRIM: 'RTRIM', LOCALIZED: 'LOCALIZED', UNICODE: 'UNICODE' },
  byNumber: { 1: null, 2: 'BINARY', 3: 'NOCASE', 4: 'RTRIM', 5: 'LOCALIZED', 6: 'UNICODE' },
};

const INDEX_ORDERS: ConstantTable<'ASC' | 'DESC'> = {
  owners: ['Order'],
  byName: { ASC: 'ASC', DESC: 'DESC' },
  byNumber: {},
};

const MAX_DEPTH = 16;

export function readForeignKeyAction(value: Value, scope: NameScope): ForeignKeyAction | undefined {
  return readConstant(value, scope, FOREIGN_KEY_ACTIONS);
}

/** The requested affinity, `null` for UNDEFINED, undefined when unknown. */
export function readTypeAffinity(value: Value, scope: NameScope): Affinity | null | undefined {
  return readConstant(value, scope, TYPE_AFFINITIES);
}

/** The collation name, `null` for UNSPECIFIED, undefined when unknown. */
export function readCollation(value: Value, scope: NameScope): string | null | undefined {
  return readConstant(value, scope, COLLATIONS);
}

export function readIndexOrder(value: Value, scope: NameScope): 'ASC' | 'DESC' | undefined {
  return readConstant(value, scope, INDEX_ORDERS);
}

function readConstant<T>(value: Value, scope: NameScope, table: ConstantTable<T>, depth = 0): T | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (value.kind === 'number') return Object.hasOwn(table.byNumber, value.value) ? table.byNumber[value.value] : undefined;
  const path = pathOf(value);
  if (!path) return undefined;
  const name = path[path.length - 1];
  const qualifier = path[path.length - 2];
  if (Object.hasOwn(table.byName, name) && (qualifier === undefined || table.owners.includes(qualifier))) return table.byName[name];
  // A user constant holding one of Room's (`const val ACTION = ForeignKey.CASCADE`).
  const found = scope.constant(path);
  return found ? readConstant(found.value, found.scope, table, depth + 1) : undefined;
}

/** `FtsOptions.TOKENIZER_*`: the tokenizer names Room declares. */
const FTS_TOKENIZERS: ConstantTable<string> = {
  owners: ['FtsOptions', 'Companion'],
  byName: { TOKENIZER_SIMPLE: 'simple', TOKENIZER_PORTER: 'porter', TOKENIZER_ICU: 'icu', TOKENIZER_UNICODE61: 'unicode61' },
  byNumber: {},
};

const FTS_MATCH_INFOS: ConstantTable<'FTS3' | 'FTS4'> = {
  owners: ['MatchInfo'],
  byName: { FTS3: 'FTS3', FTS4: 'FTS4' },
  byNumber: {},
};

/** A tokenizer named through one of Room's `FtsOptions` constants. */
export function readFtsTokenizerConstant(value: Value, scope: NameScope): string | undefined {
  return readConstant(value, scope, FTS_TOKENIZERS);
}

export function readFtsMatchInfo(value: Value, scope: NameScope): 'FTS3' | 'FTS4' | undefined {
  return readConstant(value, scope, FTS_MATCH_INFOS);
}

/** `FtsOptions.Order`, read like `Index.Order`. */
export function readFtsOrder(value: Value, scope: NameScope): 'ASC' | 'DESC' | undefined {
  return readConstant(value, scope, INDEX_ORDERS);
}
