import { evaluateScalar, evaluateString, type NameScope } from '../evaluate';
import type { AnnotationFact } from '../facts';
import type { ClassEntry } from '../names';
import { calleeName, type CallValue, type Value } from '../value';
import type { TableIndex } from '../workspace';
import { readIndexOrder } from './annotation-constants';
import { annotationArgument, annotationList, varargValues } from './annotations';
import { createIndexSql, defaultIndexName } from './create-sql';
import type { DataClass } from './data-class';
import { classAnnotation, classChain, isJava, scopeOf, type EntityContext } from './entity-context';

type IndexInput = Omit<TableIndex, 'createSql'>;

/**
 * Room's indices in emission order: `@Entity(indices)`, then `@ColumnInfo(index = true)` fields
 * (not embedded ones; inherited ones only with `inheritSuperIndices`), then the superclasses'
 * `@Entity(indices)` renamed for this table (only with `inheritSuperIndices`).
 */
export function readIndices(entry: ClassEntry, entity: AnnotationFact, tableName: string, data: DataClass, ctx: EntityContext): TableIndex[] {
  const inherit = inheritsSuperIndices(entry, entity, ctx);
  const inputs = [
    ...declaredIndices(entry, entity, tableName, false, ctx),
    ...fieldIndices(entry, tableName, data, inherit),
    ...(inherit ? superclassIndices(entry, tableName, ctx) : []),
  ];
  return inputs.map((input) => ({ ...input, createSql: createIndexSql(tableName, input) }));
}

function inheritsSuperIndices(entry: ClassEntry, entity: AnnotationFact, ctx: EntityContext): boolean {
  const value = annotationArgument(entity, 'inheritSuperIndices', 2);
  if (!value) return false;
  const inherit = evaluateScalar(value, scopeOf(entry, ctx));
  if (typeof inherit !== 'boolean') ctx.unresolved.push(value.loc);
  return inherit === true;
}

/** `@Entity(indices = […])` of `cls`; a superclass's are renamed to this table's default names. */
function declaredIndices(cls: ClassEntry, entity: AnnotationFact, tableName: string, renamed: boolean, ctx: EntityContext): IndexInput[] {
  const value = annotationArgument(entity, 'indices', 1);
  if (!value) return [];
  const java = isJava(cls.uri, ctx);
  const list = annotationList(value, scopeOf(cls, ctx), java);
  if (!list) {
    ctx.unresolved.push(value.loc);
    return [];
  }
  const indices: IndexInput[] = [];
  for (const item of list.items) {
    const index = item.kind === 'call' && calleeName(item) === 'Index' ? readIndex(item, tableName, renamed, list.scope, java) : undefined;
    if (index) indices.push(index);
    else ctx.unresolved.push(item.loc);
  }
  return indices;
}

/** One `Index(…)`; undefined when a part cannot be evaluated. */
function readIndex(call: CallValue, tableName: string, renamed: boolean, scope: NameScope, java: boolean): IndexInput | undefined {
  const columns = varargValues(call.args).map((v) => evaluateString(v, scope));
  if (columns.some((c) => c === undefined)) return undefined;
  const names = columns as string[];
  const orders = readOrders(namedArgument(call, 'orders'), scope, java);
  const nameValue = namedArgument(call, 'name');
  const name = nameValue ? evaluateString(nameValue, scope) : '';
  const uniqueValue = namedArgument(call, 'unique');
  const unique = uniqueValue ? evaluateScalar(uniqueValue, scope) : false;
  if (orders === null || name === undefined || typeof unique !== 'boolean') return undefined;
  const index: IndexInput = {
    name: renamed || name === '' ? defaultIndexName(tableName, names) : name,
    unique,
    columns: names,
    loc: call.loc,
  };
  if (orders) index.orders = orders;
  return index;
}

/** After the vararg `value`, Kotlin only takes named arguments. */
function namedArgument(call: CallValue, name: string): Value | undefined {
  return call.args.find((a) => a.name === name)?.value;
}

/** Declared orders, undefined when none are declared, null when one is unknown. */
function readOrders(value: Value | undefined, scope: NameScope, java: boolean): ('ASC' | 'DESC')[] | undefined | null {
  if (!value) return undefined;
  const list = annotationList(value, scope, java);
  if (!list) return null;
  const orders = list.items.map((item) => readIndexOrder(item, list.scope));
  if (orders.some((o) => o === undefined)) return null;
  return orders.length > 0 ? (orders as ('ASC' | 'DESC')[]) : undefined;
}

function fieldIndices(entry: ClassEntry, tableName: string, data: DataClass, inherit: boolean): IndexInput[] {
  return data.columns
    .filter((c) => c.indexedBy && !c.embedded && (inherit || c.field.declaredIn.qualifiedName === entry.qualifiedName))
    .map((c) => ({ name: defaultIndexName(tableName, [c.column.name]), unique: false, columns: [c.column.name], loc: c.indexedBy!.loc }));
}

function superclassIndices(entry: ClassEntry, tableName: string, ctx: EntityContext): IndexInput[] {
  return classChain(entry, ctx).slice(1).flatMap((cls) => {
    const entity = classAnnotation(cls, 'Entity', ctx);
    return entity ? declaredIndices(cls, entity, tableName, true, ctx) : [];
  });
}
