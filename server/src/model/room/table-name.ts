import { evaluateString } from '../evaluate';
import type { AnnotationFact } from '../facts';
import type { SourceLocation } from '../location';
import type { ClassEntry } from '../names';
import { annotationArgument } from './annotations';
import { scopeOf, type RoomReading } from './entity-context';

/**
 * Room's table name for an `@Entity` class: `tableName` when given and not empty, else the
 * class's simple name. `name` is undefined when `tableName` cannot be evaluated.
 */
export function entityTableName(entry: ClassEntry, entity: AnnotationFact, reading: RoomReading): { name?: string; loc: SourceLocation } {
  const value = annotationArgument(entity, 'tableName', 0);
  if (!value) return { name: entry.fact.name, loc: entry.fact.nameLoc };
  const name = evaluateString(value, scopeOf(entry, reading));
  return { name: name === '' ? entry.fact.name : name, loc: value.loc };
}
