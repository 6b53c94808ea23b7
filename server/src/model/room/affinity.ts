import type { Affinity } from '../workspace';
import type { ConverterScope } from './converters';
import { classPath, type RoomReading } from './entity-context';
import { qualifiedNameOf, sameType, type ResolvedType } from './types';

/** Types Room binds directly (its primitive, String and ByteArray column adapters). */
const DIRECT_AFFINITIES = new Map<string, Affinity>([
  ...['kotlin.Int', 'kotlin.Long', 'kotlin.Short', 'kotlin.Byte', 'kotlin.Char',
    'java.lang.Integer', 'java.lang.Long', 'java.lang.Short', 'java.lang.Byte', 'java.lang.Character']
    .map((n): [string, Affinity] => [n, 'INTEGER']),
  ...['kotlin.Float', 'kotlin.Double', 'java.lang.Float', 'java.lang.Double'].map((n): [string, Affinity] => [n, 'REAL']),
  ['kotlin.String', 'TEXT'],
  ['java.lang.String', 'TEXT'],
  ['kotlin.ByteArray', 'BLOB'],
  ['androidx.room.util.ByteArrayWrapper', 'BLOB'],
]);

const BOOLEAN_TYPES = new Set(['kotlin.Boolean', 'java.lang.Boolean']);
/** Built-in converters Room tries after user converters (enums are checked by declaration). */
const BUILT_IN_BLOB_TYPES = new Set(['java.util.UUID', 'java.nio.ByteBuffer']);

const MAX_DEPTH = 8;

/**
 * The column affinity Room gives a field type, in Room's order: direct adapters, user
 * converters in scope, Boolean → INTEGER, value class → its underlying type, enum → TEXT,
 * UUID/ByteBuffer → BLOB. Undefined when the workspace does not say.
 */
export function resolveAffinity(type: ResolvedType, converters: ConverterScope, reading: RoomReading, depth = 0): Affinity | undefined {
  const direct = directAffinity(type);
  if (direct) return direct;
  if (isBoolean(type)) return booleanAffinity(type, converters);
  const converted = convertedAffinity(type, converters);
  if (converted !== 'none') return converted;
  // A @TypeConverters class outside the workspace may convert this type: the rest is a guess.
  if (converters.missing.length > 0) return undefined;
  return builtInAffinity(type, converters, reading, depth);
}

function directAffinity(type: ResolvedType): Affinity | undefined {
  const name = qualifiedNameOf(type);
  return name && !type.cls ? DIRECT_AFFINITIES.get(name) : undefined;
}

/** The affinity a column type (a converter's target) gets: direct, or Boolean through Room's own converter. */
function columnTypeAffinity(type: ResolvedType): Affinity | undefined {
  return directAffinity(type) ?? (isBoolean(type) ? 'INTEGER' : undefined);
}

/**
 * Room uses a user converter into a column type only when a converter back exists. With an
 * inferred return type on one side, its partner's types tell the column type.
 * Returns 'none' when no user converter applies, undefined when the answer is not certain.
 */
function convertedAffinity(type: ResolvedType, scope: ConverterScope): Affinity | undefined | 'none' {
  const forward = scope.converters.filter((c) => sameType(c.from, type));
  if (forward.length === 0) return 'none';
  const backward = scope.converters.filter((c) => c.to && sameType(c.to, type));
  const columnTypes: ResolvedType[] = [];
  for (const into of forward) {
    const target = into.to;
    if (target) {
      if (scope.converters.some((c) => sameType(c.from, target) && (!c.to || sameType(c.to, type)))) columnTypes.push(target);
      continue;
    }
    // An inferred target: only a converter back tells what it is.
    if (backward.length === 0) return undefined;
    columnTypes.push(...backward.map((back) => back.from));
  }
  // No converter both ways: Room falls back to its built-in adapters.
  if (columnTypes.length === 0) return 'none';
  const affinities = new Set(columnTypes.map(columnTypeAffinity));
  return affinities.size === 1 ? [...affinities][0] : undefined;
}

/**
 * Room's built-in Boolean → Int converter is one converter step, like a user converter. Room
 * takes the cheapest path to a column type, user converters first on a tie: only a user converter
 * from Boolean straight into a column type can win over it. One into another type (a domain type
 * that converts back to Boolean) is a longer path, so the column stays INTEGER.
 */
function booleanAffinity(type: ResolvedType, scope: ConverterScope): Affinity | undefined {
  const forward = scope.converters.filter((c) => sameType(c.from, type));
  // An unknown converter class, or a converter whose result type is not known, may go to TEXT.
  if (scope.missing.length > 0 || forward.some((c) => !c.to)) return undefined;
  const intoColumn = forward.map((c) => directAffinity(c.to!)).filter((a) => a !== undefined);
  // Into an INTEGER column type the answer is INTEGER either way; into another, which one Room
  // picks also depends on nullability and the converter back: left unknown.
  return intoColumn.every((a) => a === 'INTEGER') ? 'INTEGER' : undefined;
}

function builtInAffinity(type: ResolvedType, converters: ConverterScope, reading: RoomReading, depth: number): Affinity | undefined {
  if (isBoolean(type)) return 'INTEGER';
  const cls = type.cls;
  if (cls && isValueClass(cls.fact.modifiers) && depth < MAX_DEPTH) {
    const underlying = cls.fact.properties.find((p) => p.fromConstructor)?.type;
    if (!underlying) return undefined;
    return resolveAffinity(reading.types.resolve(underlying, cls.uri, classPath(cls)), converters, reading, depth + 1);
  }
  if (cls?.fact.kind === 'enum') return 'TEXT';
  const name = qualifiedNameOf(type);
  if (name && !cls && BUILT_IN_BLOB_TYPES.has(name)) return 'BLOB';
  return undefined;
}

function isBoolean(type: ResolvedType): boolean {
  const name = qualifiedNameOf(type);
  return name !== undefined && !type.cls && BOOLEAN_TYPES.has(name);
}

function isValueClass(modifiers: readonly string[]): boolean {
  return modifiers.includes('value') || modifiers.includes('inline');
}
