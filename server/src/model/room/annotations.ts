import type { AnnotationFact, ImportFact } from '../facts';
import { evaluateList, type NameScope } from '../evaluate';
import { argumentFor, type Argument, type Value } from '../value';

const ROOM_PACKAGES = ['androidx.room.', 'androidx.room3.'];

/**
 * Use-site targets under which Room's KSP backend sees an annotation on a property's field:
 * none, `@field:` and `@property:` (getter/setter/param annotations are not the field's).
 */
const FIELD_TARGETS = new Set<string | undefined>([undefined, 'field', 'property']);

/**
 * The Room name an annotation or type written as `written` refers to (`Entity`,
 * `RoomDatabase.Callback`), or undefined when the file's imports say it is someone else's.
 */
export function roomNameOf(written: string, imports: readonly ImportFact[]): string | undefined {
  for (const pkg of ROOM_PACKAGES) if (written.startsWith(pkg)) return written.slice(pkg.length);
  const [head, ...rest] = written.split('.');
  const imported = imports.find((i) => !i.wildcard && (i.alias ?? lastSegment(i.path)) === head);
  if (imported) {
    const pkg = ROOM_PACKAGES.find((p) => imported.path.startsWith(p));
    return pkg ? [imported.path.slice(pkg.length), ...rest].join('.') : undefined;
  }
  // A fully qualified name outside Room (`javax.persistence.Entity`).
  if (rest.length > 0 && /^[a-z]/.test(head)) return undefined;
  return written;
}

/**
 * Which Room an annotation or type written as `written` comes from: Room 2 (`androidx.room`) or
 * Room 3 (`androidx.room3`), by its qualified name, its import, or the one Room package the file
 * imports with `.*`. Undefined when the file does not say.
 */
export function roomPackageOf(written: string, imports: readonly ImportFact[]): RoomPackage | undefined {
  const fromPath = (path: string) => (path.startsWith('androidx.room3.') ? 'androidx.room3' : path.startsWith('androidx.room.') ? 'androidx.room' : undefined);
  if (written.includes('.') && fromPath(written)) return fromPath(written);
  const head = written.split('.')[0];
  const imported = imports.find((i) => !i.wildcard && (i.alias ?? lastSegment(i.path)) === head);
  if (imported) return fromPath(imported.path);
  const stars = new Set(imports.filter((i) => i.wildcard && (i.path === 'androidx.room' || i.path === 'androidx.room3')).map((i) => i.path as RoomPackage));
  return stars.size === 1 ? [...stars][0] : undefined;
}

export type RoomPackage = 'androidx.room' | 'androidx.room3';

/** The first annotation naming Room's `name` (on a class, or on a field when `onField`). */
export function findRoomAnnotation(
  annotations: readonly AnnotationFact[],
  name: string,
  imports: readonly ImportFact[],
  onField = false,
): AnnotationFact | undefined {
  return annotations.find((a) => roomNameOf(a.name, imports) === name && (!onField || FIELD_TARGETS.has(a.target)));
}

/** An annotation argument by name or position (annotation parameters in Room's declaration order). */
export function annotationArgument(annotation: AnnotationFact, name: string, position: number): Value | undefined {
  return argumentFor(annotation.args, name, position)?.value;
}

/** The values given to a vararg first parameter: `A(x, y)`, `A(value = [x, y])` or `A([x, y])`. */
export function varargValues(args: readonly Argument[]): Value[] {
  const named = args.find((a) => a.name === 'value');
  const given = named ? [named] : args.filter((a) => a.name === undefined);
  return given.flatMap((a) => (a.value.kind === 'list' ? a.value.items : [a.value]));
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

/**
 * The items of an array-valued annotation argument: a list or a constant holding one. Written in
 * Java (`java`), a single element stands for an array of one (`foreignKeys = @ForeignKey(…)`,
 * `entities = A.class`); in Kotlin that is a compile error, so it stays unknown.
 */
export function annotationList(value: Value, scope: NameScope, java: boolean): { items: Value[]; scope: NameScope } | undefined {
  const list = evaluateList(value, scope);
  if (list || !java) return list;
  return value.kind === 'call' || value.kind === 'classRef' || value.kind === 'member' ? { items: [value], scope } : undefined;
}
