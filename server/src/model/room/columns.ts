import type { AnnotationFact, PropertyFact } from '../facts';
import { evaluateScalar, evaluateString, type NameScope } from '../evaluate';
import type { SourceLocation } from '../location';
import type { ClassEntry } from '../names';
import type { Value } from '../value';
import type { Affinity, Column } from '../workspace';
import { resolveAffinity } from './affinity';
import { readCollation, readTypeAffinity } from './annotation-constants';
import { annotationArgument, findRoomAnnotation } from './annotations';
import { combineConverters, type ConverterScope } from './converters';
import { defaultValueSql } from './create-sql';
import { classPath, importsOf, scopeOf, type EntityContext } from './entity-context';
import type { ResolvedType } from './types';

/** `ColumnInfo.INHERIT_FIELD_NAME`: use the property name. */
const INHERIT_FIELD_NAME = '[field-name]';

/** A property Room collected, with the class that declares it. */
export interface CollectedField {
  property: PropertyFact;
  declaredIn: ClassEntry;
}

/** Where a field's class is being read: the entity itself or an @Embedded field inside it. */
export interface EmbeddingParent {
  embedded: boolean;
  /** Every enclosing `@Embedded(prefix)`, outermost first, joined. */
  prefix: string;
  /** False when an enclosing @Embedded field is nullable. */
  nonNull: boolean;
  /** Dotted property path of the enclosing embedded fields, with a trailing dot. */
  fieldPath: string;
  converters: ConverterScope;
}

export interface PrimaryKeyAnnotation {
  autoGenerate: boolean;
  loc: SourceLocation;
}

/** A field that became a column, with what the entity needs to know about it. */
export interface EntityColumn {
  column: Column;
  field: CollectedField;
  /** True for columns of an @Embedded field. */
  embedded: boolean;
  /** The `@ColumnInfo(index = true)` annotation. */
  indexedBy?: AnnotationFact;
  /** `@PrimaryKey` on this very field. */
  primaryKey?: PrimaryKeyAnnotation;
}

/** The column name a plain field gets (prefix included); undefined when it cannot be known. */
export function readColumnName(field: CollectedField, parent: EmbeddingParent, ctx: EntityContext): string | undefined {
  const { property, declaredIn } = field;
  const info = columnInfoOf(field, ctx);
  const value = info ? annotationArgument(info, 'name', 0) : undefined;
  if (!value) return parent.prefix + property.name;
  const name = known(evaluateString(value, scopeOf(declaredIn, ctx)), value, ctx);
  if (name === undefined) return undefined;
  return parent.prefix + (name === INHERIT_FIELD_NAME ? property.name : name);
}

/** The column a plain field becomes, named `name` (from `readColumnName`). */
export function readColumn(field: CollectedField, name: string, parent: EmbeddingParent, ctx: EntityContext): EntityColumn {
  const { property, declaredIn } = field;
  const scope = scopeOf(declaredIn, ctx);
  const info = columnInfoOf(field, ctx);
  const type = fieldType(field, ctx);
  const converters = combineConverters(parent.converters, ctx.converters.scopeOf(property.annotations, declaredIn.uri, classPath(declaredIn), true));
  const affinity = columnAffinity(info, type, converters, scope, ctx);
  const column: Column = {
    name,
    affinity: affinity ?? 'TEXT',
    notNull: type !== undefined && !type.nullable && parent.nonNull,
    fieldPath: parent.fieldPath + property.name,
    loc: property.loc,
  };
  if (affinity === undefined) {
    column.affinityUnresolved = true;
    ctx.unresolved.push(property.type?.loc ?? property.loc);
  }
  const collate = columnCollation(info, scope, ctx);
  if (collate) column.collate = collate;
  const defaultValue = columnDefault(info, affinity, scope, ctx);
  if (defaultValue !== undefined) column.defaultValue = defaultValue;

  const entityColumn: EntityColumn = { column, field, embedded: parent.embedded };
  if (info && isIndexed(info, scope, ctx)) entityColumn.indexedBy = info;
  const primaryKey = readPrimaryKeyAnnotation(field, ctx);
  if (primaryKey) entityColumn.primaryKey = primaryKey;
  return entityColumn;
}

/** `@PrimaryKey` on a field (plain or @Embedded). */
export function readPrimaryKeyAnnotation(field: CollectedField, ctx: EntityContext): PrimaryKeyAnnotation | undefined {
  const annotation = findRoomAnnotation(field.property.annotations, 'PrimaryKey', importsOf(field.declaredIn.uri, ctx), true);
  if (!annotation) return undefined;
  const value = annotationArgument(annotation, 'autoGenerate', 0);
  const autoGenerate = value ? known(evaluateScalar(value, scopeOf(field.declaredIn, ctx)), value, ctx) : false;
  return { autoGenerate: autoGenerate === true, loc: annotation.loc };
}

function columnInfoOf(field: CollectedField, ctx: EntityContext): AnnotationFact | undefined {
  return findRoomAnnotation(field.property.annotations, 'ColumnInfo', importsOf(field.declaredIn.uri, ctx), true);
}

/** `@ColumnInfo(typeAffinity)` when given, else what the type maps to. */
function columnAffinity(info: AnnotationFact | undefined, type: ResolvedType | undefined, converters: ConverterScope, scope: NameScope, ctx: EntityContext): Affinity | undefined {
  const requestedValue = info ? annotationArgument(info, 'typeAffinity', 1) : undefined;
  const requested = requestedValue ? known(readTypeAffinity(requestedValue, scope), requestedValue, ctx) : null;
  if (requested) return requested;
  return type ? resolveAffinity(type, converters, ctx) : undefined;
}

function columnCollation(info: AnnotationFact | undefined, scope: NameScope, ctx: EntityContext): string | undefined {
  const value = info ? annotationArgument(info, 'collate', 3) : undefined;
  return value ? known(readCollation(value, scope), value, ctx) ?? undefined : undefined;
}

/** The DEFAULT text; its quoting needs the affinity, so an unknown affinity leaves it unknown. */
function columnDefault(info: AnnotationFact | undefined, affinity: Affinity | undefined, scope: NameScope, ctx: EntityContext): string | undefined {
  const value = info ? annotationArgument(info, 'defaultValue', 4) : undefined;
  if (!value) return undefined;
  const text = known(evaluateString(value, scope), value, ctx);
  if (text === undefined) return undefined;
  if (affinity === undefined) {
    ctx.unresolved.push(value.loc);
    return undefined;
  }
  return defaultValueSql(text, affinity);
}

function isIndexed(info: AnnotationFact, scope: NameScope, ctx: EntityContext): boolean {
  const value = annotationArgument(info, 'index', 2);
  return value !== undefined && known(evaluateScalar(value, scope), value, ctx) === true;
}

/** The declared type, or the type of a literal initializer (`val n = 0`). */
function fieldType(field: CollectedField, ctx: EntityContext): ResolvedType | undefined {
  const { property, declaredIn } = field;
  if (property.type) return ctx.types.resolve(property.type, declaredIn.uri, classPath(declaredIn));
  const literal = property.initializer ? literalTypeName(property.initializer) : undefined;
  return literal && property.initializer ? { names: [literal], args: [], nullable: false, loc: property.initializer.loc } : undefined;
}

function literalTypeName(value: Value): string | undefined {
  switch (value.kind) {
    case 'string':
      return 'kotlin.String';
    case 'template':
      // `+` of numbers reads as a template too; a string part makes it a String.
      return value.parts.some((p) => p.kind === 'string') ? 'kotlin.String' : undefined;
    case 'boolean':
      return 'kotlin.Boolean';
    case 'number': {
      const text = value.text.replace(/^-/, '');
      if (/[lL]$/.test(text)) return /[uU]/.test(text) ? undefined : 'kotlin.Long';
      if (/^0[xXbB]/.test(text)) return /[uU]$/.test(text) ? undefined : 'kotlin.Int';
      if (/[fF]$/.test(text)) return 'kotlin.Float';
      if (/[.eE]/.test(text)) return 'kotlin.Double';
      return /[uU]$/.test(text) ? undefined : 'kotlin.Int';
    }
    default:
      return undefined;
  }
}

/** Passes a value through, noting where it came from when it is unknown. */
function known<T>(value: T | undefined, source: Value, ctx: EntityContext): T | undefined {
  if (value === undefined) ctx.unresolved.push(source.loc);
  return value;
}
