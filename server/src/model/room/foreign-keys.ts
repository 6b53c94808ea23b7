import { evaluateScalar, evaluateStringList, type NameScope } from '../evaluate';
import type { AnnotationFact } from '../facts';
import type { ClassEntry } from '../names';
import { argumentFor, calleeName, type CallValue, type Value } from '../value';
import type { ForeignKey, ForeignKeyAction } from '../workspace';
import { readForeignKeyAction } from './annotation-constants';
import { annotationArgument, annotationList } from './annotations';
import { classAnnotation, classPath, isJava, scopeOf, type EntityContext } from './entity-context';
import { entityTableName } from './table-name';

/**
 * `@Entity(foreignKeys = [ForeignKey(…)])` in declaration order. A key with any part that
 * cannot be resolved is left out and noted.
 */
export function readForeignKeys(entry: ClassEntry, entity: AnnotationFact, ctx: EntityContext): ForeignKey[] {
  const value = annotationArgument(entity, 'foreignKeys', 4);
  if (!value) return [];
  const scope = scopeOf(entry, ctx);
  const list = annotationList(value, scope, isJava(entry.uri, ctx));
  if (!list) {
    ctx.unresolved.push(value.loc);
    return [];
  }
  const keys: ForeignKey[] = [];
  for (const item of list.items) {
    const key = item.kind === 'call' && calleeName(item) === 'ForeignKey' ? readForeignKey(item, entry, list.scope, ctx) : undefined;
    if (key) keys.push(key);
    else ctx.unresolved.push(item.loc);
  }
  return keys;
}

function readForeignKey(call: CallValue, entry: ClassEntry, scope: NameScope, ctx: EntityContext): ForeignKey | undefined {
  const arg = (name: string, position: number): Value | undefined => argumentFor(call.args, name, position)?.value;
  const parentTable = parentTableName(arg('entity', 0), entry, ctx);
  const parentColumns = evaluateStringList(arg('parentColumns', 1), scope);
  const childColumns = evaluateStringList(arg('childColumns', 2), scope);
  const onDelete = action(arg('onDelete', 3), scope);
  const onUpdate = action(arg('onUpdate', 4), scope);
  const deferredValue = arg('deferred', 5);
  const deferred = deferredValue ? evaluateScalar(deferredValue, scope) : false;
  if (parentTable === undefined || !parentColumns || !childColumns || !onDelete || !onUpdate || typeof deferred !== 'boolean') return undefined;
  return { parentTable, parentColumns, childColumns, onUpdate, onDelete, deferred, loc: call.loc, roomCall: call };
}

/** Room's default action is NO ACTION; undefined when the given one is unknown. */
function action(value: Value | undefined, scope: NameScope): ForeignKeyAction | undefined {
  return value ? readForeignKeyAction(value, scope) : 'NO ACTION';
}

/** The table of the `entity = Parent::class` entity, by Room's naming rule. */
function parentTableName(value: Value | undefined, entry: ClassEntry, ctx: EntityContext): string | undefined {
  if (value?.kind !== 'classRef') return undefined;
  const parent = ctx.names.resolveClass(value.path.join('.'), entry.uri, classPath(entry));
  const parentEntity = parent ? classAnnotation(parent, 'Entity', ctx) : undefined;
  return parent && parentEntity ? entityTableName(parent, parentEntity, ctx).name : undefined;
}
