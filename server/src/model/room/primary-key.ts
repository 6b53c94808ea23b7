import { evaluateStringList } from '../evaluate';
import type { SourceLocation } from '../location';
import type { ClassEntry } from '../names';
import type { PrimaryKey } from '../workspace';
import { annotationArgument } from './annotations';
import type { DataClass } from './data-class';
import { classAnnotation, classChain, scopeOf, type EntityContext } from './entity-context';

/** A primary key declared somewhere in the entity's class hierarchy. */
interface Candidate {
  columns: string[];
  autoGenerate: boolean;
  declaredIn: ClassEntry;
  loc: SourceLocation;
}

/**
 * Room's primary key: `@Entity(primaryKeys)`, a `@PrimaryKey` field or a `@PrimaryKey @Embedded`
 * field; with several, the one declared in the entity class wins, else the nearest superclass's.
 * Undefined when there is none or the choice is ambiguous (both are compile errors in Room).
 */
export function choosePrimaryKey(entry: ClassEntry, data: DataClass, ctx: EntityContext): PrimaryKey | undefined {
  const chain = classChain(entry, ctx);
  const candidates = [...entityAnnotationKeys(chain, data, ctx), ...fieldKeys(data), ...embeddedKeys(data)];
  const chosen = candidates.length === 1 ? candidates[0] : declaredNearest(candidates, chain);
  if (!chosen) return undefined;
  return { columns: chosen.columns, autoGenerate: chosen.autoGenerate, loc: chosen.loc };
}

/** `@Entity(primaryKeys = […])` on the class and its superclasses, in `primaryKeys` order. */
function entityAnnotationKeys(chain: ClassEntry[], data: DataClass, ctx: EntityContext): Candidate[] {
  const columnNames = new Set(data.columns.map((c) => c.column.name));
  const candidates: Candidate[] = [];
  for (const cls of chain) {
    const entity = classAnnotation(cls, 'Entity', ctx);
    const value = entity ? annotationArgument(entity, 'primaryKeys', 3) : undefined;
    if (!value) continue;
    const names = evaluateStringList(value, scopeOf(cls, ctx));
    if (!names) {
      ctx.unresolved.push(value.loc);
      continue;
    }
    // Room drops names that are not columns (and reports them).
    const columns = names.filter((n) => columnNames.has(n));
    if (columns.length > 0) candidates.push({ columns, autoGenerate: false, declaredIn: cls, loc: value.loc });
  }
  return candidates;
}

/** `@PrimaryKey` on plain fields; one inside an embedded class is dropped by Room. */
function fieldKeys(data: DataClass): Candidate[] {
  return data.columns
    .filter((c) => !c.embedded && c.primaryKey)
    .map((c) => ({ columns: [c.column.name], autoGenerate: c.primaryKey!.autoGenerate, declaredIn: c.field.declaredIn, loc: c.primaryKey!.loc }));
}

/** `@PrimaryKey @Embedded`: every column of the embedded object. */
function embeddedKeys(data: DataClass): Candidate[] {
  return data.embedded
    .filter((e) => e.primaryKey)
    .map((e) => ({ columns: e.columns.map((c) => c.column.name), autoGenerate: e.primaryKey!.autoGenerate, declaredIn: e.field.declaredIn, loc: e.primaryKey!.loc }));
}

function declaredNearest(candidates: Candidate[], chain: ClassEntry[]): Candidate | undefined {
  for (const cls of chain) {
    const mine = candidates.filter((c) => c.declaredIn.qualifiedName === cls.qualifiedName);
    if (mine.length === 1) return mine[0];
    if (mine.length > 1) return undefined;
  }
  return undefined;
}
