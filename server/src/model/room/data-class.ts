import { evaluateString, evaluateStringList } from '../evaluate';
import type { ImportFact } from '../facts';
import { containsLocation } from '../location';
import type { ClassEntry } from '../names';
import { annotationArgument, findRoomAnnotation } from './annotations';
import { readColumn, readColumnName, readPrimaryKeyAnnotation, type CollectedField, type EmbeddingParent, type EntityColumn, type PrimaryKeyAnnotation } from './columns';
import { combineConverters } from './converters';
import { classAnnotation, classChain, classPath, importsOf, scopeOf, type EntityContext } from './entity-context';

/** An @Embedded field with the columns it contributes. */
export interface EmbeddedField {
  field: CollectedField;
  columns: EntityColumn[];
  /** `@PrimaryKey` on the embedded field: all its columns form the key. */
  primaryKey?: PrimaryKeyAnnotation;
}

/** A class read the way Room reads any data class (an entity or an embedded type). */
export interface DataClass {
  /** Every column in Room's order: plain fields first, then each embedded field's columns. */
  columns: EntityColumn[];
  /** The @Embedded fields of this class (not the nested ones). */
  embedded: EmbeddedField[];
}

/** The root of an entity: no prefix, nothing nullable around it. */
export function entityParent(converters: EmbeddingParent['converters']): EmbeddingParent {
  return { embedded: false, prefix: '', nonNull: true, fieldPath: '', converters };
}

/**
 * Room's columns of a class: its own fields in source order, then its superclasses' (a name
 * seen already is skipped), plain ones first and embedded ones after, recursively.
 */
export function readDataClass(entry: ClassEntry, parent: EmbeddingParent, ctx: EntityContext, stack: readonly string[] = []): DataClass {
  const converters = combineConverters(parent.converters, ctx.converters.scopeOf(entry.fact.annotations, entry.uri, classPath(entry)));
  const inside: EmbeddingParent = { ...parent, converters };
  const ignored = ignoredColumns(entry, ctx);
  const fields = collectFields(entry, ctx);
  const plain: EntityColumn[] = [];
  const embedded: EmbeddedField[] = [];
  for (const field of fields.filter((f) => !isEmbedded(f, ctx))) {
    const name = readColumnName(field, inside, ctx);
    if (name !== undefined && !ignored.has(name)) plain.push(readColumn(field, name, inside, ctx));
  }
  for (const field of fields.filter((f) => isEmbedded(f, ctx))) {
    if (ignored.has(field.property.name)) continue;
    const group = readEmbedded(field, inside, ctx, [...stack, entry.qualifiedName]);
    if (group) embedded.push(group);
  }
  return { columns: [...plain, ...embedded.flatMap((e) => e.columns)], embedded };
}

function readEmbedded(field: CollectedField, parent: EmbeddingParent, ctx: EntityContext, stack: readonly string[]): EmbeddedField | undefined {
  const { property, declaredIn } = field;
  const annotation = findRoomAnnotation(property.annotations, 'Embedded', importsOf(declaredIn.uri, ctx), true);
  const prefixValue = annotation ? annotationArgument(annotation, 'prefix', 0) : undefined;
  const prefix = prefixValue ? evaluateString(prefixValue, scopeOf(declaredIn, ctx)) : '';
  const type = property.type ? ctx.types.resolve(property.type, declaredIn.uri, classPath(declaredIn)) : undefined;
  if (prefix === undefined || !type?.cls || stack.includes(type.cls.qualifiedName)) {
    ctx.unresolved.push(prefix === undefined && prefixValue ? prefixValue.loc : property.loc);
    return undefined;
  }
  const fieldConverters = ctx.converters.scopeOf(property.annotations, declaredIn.uri, classPath(declaredIn), true);
  const inner = readDataClass(type.cls, {
    embedded: true,
    prefix: parent.prefix + prefix,
    nonNull: parent.nonNull && !type.nullable,
    fieldPath: `${parent.fieldPath}${property.name}.`,
    converters: combineConverters(parent.converters, fieldConverters),
  }, ctx, stack);
  const embedded: EmbeddedField = { field, columns: inner.columns };
  const primaryKey = readPrimaryKeyAnnotation(field, ctx);
  if (primaryKey) embedded.primaryKey = primaryKey;
  return embedded;
}

/** Fields with a backing field, own first then inherited, minus what Room leaves out. */
function collectFields(entry: ClassEntry, ctx: EntityContext): CollectedField[] {
  const seen = new Set<string>();
  const fields: CollectedField[] = [];
  for (const cls of classChain(entry, ctx)) {
    noteSyntaxErrors(cls, ctx);
    for (const property of cls.fact.properties) {
      if (!property.hasBackingField || seen.has(property.name)) continue;
      seen.add(property.name);
      fields.push({ property, declaredIn: cls });
    }
  }
  return fields.filter((f) => isPersisted(f, ctx));
}

/** A syntax error inside a class may have swallowed a property: its columns are not certain. */
function noteSyntaxErrors(cls: ClassEntry, ctx: EntityContext): void {
  const errors = ctx.files.get(cls.uri)?.syntaxErrors ?? [];
  ctx.unresolved.push(...errors.filter((e) => containsLocation(cls.fact.loc, e)));
}


/** Not @Ignore, not @Relation (an error in entities), not transient unless Room is told otherwise. */
function isPersisted(field: CollectedField, ctx: EntityContext): boolean {
  const imports = importsOf(field.declaredIn.uri, ctx);
  const annotations = field.property.annotations;
  const has = (name: string) => findRoomAnnotation(annotations, name, imports, true) !== undefined;
  if (has('Ignore') || has('Relation')) return false;
  // Java's `transient` modifier, or Kotlin's `@Transient`.
  if (field.property.modifiers.includes('transient') || isJvmTransient(field, imports)) return has('ColumnInfo') || has('Embedded');
  return true;
}

/** `@Transient` is the JVM's unless the file takes kotlinx.serialization's. */
function isJvmTransient(field: CollectedField, imports: readonly ImportFact[]): boolean {
  return field.property.annotations.some((a) => {
    if (a.name === 'kotlin.jvm.Transient') return true;
    if (a.name !== 'Transient') return false;
    const imported = imports.find((i) => !i.wildcard && (i.alias ?? i.path.split('.').pop()) === 'Transient');
    return !imported || imported.path === 'kotlin.jvm.Transient';
  });
}

function isEmbedded(field: CollectedField, ctx: EntityContext): boolean {
  return findRoomAnnotation(field.property.annotations, 'Embedded', importsOf(field.declaredIn.uri, ctx), true) !== undefined;
}

/** `@Entity(ignoredColumns)` of this class, by column name. */
function ignoredColumns(entry: ClassEntry, ctx: EntityContext): Set<string> {
  const entity = classAnnotation(entry, 'Entity', ctx);
  const value = entity ? annotationArgument(entity, 'ignoredColumns', 5) : undefined;
  if (!value) return new Set();
  const names = evaluateStringList(value, scopeOf(entry, ctx));
  if (!names) ctx.unresolved.push(value.loc);
  return new Set(names ?? []);
}
