import { evaluateScalar } from '../evaluate';
import type { AnnotationFact } from '../facts';
import type { SourceLocation } from '../location';
import type { ClassEntry } from '../names';
import type { Value } from '../value';
import { annotationArgument, annotationList, roomPackageOf, type RoomPackage } from './annotations';
import { classAnnotation, classPath, isJava, scopeOf, type RoomReading } from './entity-context';

/** A `@Database` class as declared, its entity list resolved to classes where possible. */
export interface DatabaseDeclaration {
  entry: ClassEntry;
  annotation: AnnotationFact;
  /** The `entities = […]` expression. */
  entitiesValue?: Value;
  /** In declaration order; `entry` is undefined where the class is not in the workspace. */
  entities: { className: string; entry?: ClassEntry; loc: SourceLocation }[];
  version?: number;
  /** The Room its `@Database` annotation comes from, when the file says. */
  roomPackage?: RoomPackage;
}

export function readDatabaseDeclarations(reading: RoomReading): DatabaseDeclaration[] {
  const databases: DatabaseDeclaration[] = [];
  for (const entry of reading.names.allClasses()) {
    const annotation = classAnnotation(entry, 'Database', reading);
    if (annotation) databases.push(readDatabase(entry, annotation, reading));
  }
  return databases;
}

function readDatabase(entry: ClassEntry, annotation: AnnotationFact, reading: RoomReading): DatabaseDeclaration {
  const scope = scopeOf(entry, reading);
  const entitiesValue = annotationArgument(annotation, 'entities', 0);
  const items = entitiesValue ? annotationList(entitiesValue, scope, isJava(entry.uri, reading))?.items ?? [] : [];
  const entities = items.map((item) => {
    if (item.kind !== 'classRef') return { className: item.kind === 'unknown' ? item.text : '', loc: item.loc };
    const cls = reading.names.resolveClass(item.path.join('.'), entry.uri, classPath(entry));
    return { className: cls?.fact.name ?? item.path[item.path.length - 1], entry: cls, loc: item.loc };
  });
  const versionValue = annotationArgument(annotation, 'version', 2);
  const version = versionValue ? evaluateScalar(versionValue, scope) : undefined;
  const roomPackage = roomPackageOf(annotation.name, reading.files.get(entry.uri)?.imports ?? []);
  return { entry, annotation, entitiesValue, entities, version: typeof version === 'number' ? version : undefined, ...(roomPackage ? { roomPackage } : {}) };
}

/** The databases whose entity list names `entity`. */
export function databasesListing(entity: ClassEntry, databases: readonly DatabaseDeclaration[]): DatabaseDeclaration[] {
  return databases.filter((db) => db.entities.some((e) => e.entry?.qualifiedName === entity.qualifiedName));
}
