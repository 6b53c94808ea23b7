import type { AnnotationFact, FileFacts, ImportFact } from '../facts';
import type { NameScope } from '../evaluate';
import type { SourceLocation } from '../location';
import type { ClassEntry, WorkspaceNames } from '../names';
import { findRoomAnnotation } from './annotations';
import { ConverterCatalog } from './converters';
import { TypeResolver } from './types';

/** What reading Room declarations needs, shared by every entity of one model build. */
export interface RoomReading {
  files: ReadonlyMap<string, FileFacts>;
  names: WorkspaceNames;
  types: TypeResolver;
  converters: ConverterCatalog;
}

export function createRoomReading(files: ReadonlyMap<string, FileFacts>, names: WorkspaceNames): RoomReading {
  const types = new TypeResolver(names, files);
  return { files, names, types, converters: new ConverterCatalog(files, names, types) };
}

/** Reading one entity: the shared lookups plus where this entity's values stayed unknown. */
export interface EntityContext extends RoomReading {
  unresolved: SourceLocation[];
}

/** The declaration path of a class inside its file: `['Outer', 'Inner']`. */
export function classPath(entry: ClassEntry): string[] {
  return [...entry.fact.outer, entry.fact.name];
}

/** Names as seen from inside a class (its companion's constants included). */
export function scopeOf(entry: ClassEntry, reading: RoomReading): NameScope {
  return reading.names.scope(entry.uri, classPath(entry));
}

export function importsOf(uri: string, reading: RoomReading): readonly ImportFact[] {
  return reading.files.get(uri)?.imports ?? [];
}

/** Whether a declaration was written in Java (whose annotations take a single element for an array). */
export function isJava(uri: string, reading: RoomReading): boolean {
  return reading.files.get(uri)?.language === 'java';
}

/** Room's `name` annotation on a class. */
export function classAnnotation(entry: ClassEntry, name: string, reading: RoomReading): AnnotationFact | undefined {
  return findRoomAnnotation(entry.fact.annotations, name, importsOf(entry.uri, reading));
}

/** The superclass declared in the workspace (interfaces skipped), if any. */
export function superclassOf(entry: ClassEntry, reading: RoomReading): ClassEntry | undefined {
  for (const superType of entry.fact.superTypes) {
    const found = reading.names.resolveClass(superType.name, entry.uri, entry.fact.outer);
    if (found && found.fact.kind === 'class') return found;
  }
  return undefined;
}

const MAX_HIERARCHY = 32;

/** The class, then its superclass, then that one's, … as far as the workspace declares them. */
export function classChain(entry: ClassEntry, reading: RoomReading): ClassEntry[] {
  const chain: ClassEntry[] = [];
  for (let cls: ClassEntry | undefined = entry; cls && chain.length < MAX_HIERARCHY; cls = superclassOf(cls, reading)) {
    if (chain.includes(cls)) break;
    chain.push(cls);
  }
  return chain;
}
