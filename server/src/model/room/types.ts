import type { FileFacts, TypeRef } from '../facts';
import type { SourceLocation } from '../location';
import type { ClassEntry, WorkspaceNames } from '../names';

/** A written type with its names resolved and type aliases expanded. */
export interface ResolvedType {
  /**
   * Qualified names the type may denote: one when the name is certain, several when only
   * wildcard imports could tell.
   */
  names: string[];
  args: ResolvedType[];
  nullable: boolean;
  /** The declaration, when the class is in the workspace. */
  cls?: ClassEntry;
  loc: SourceLocation;
}

/** Names every Kotlin file sees without an import. */
const KOTLIN_DEFAULT_TYPES = new Map<string, string>([
  ...['Int', 'Long', 'Short', 'Byte', 'Char', 'Float', 'Double', 'Boolean', 'String', 'ByteArray', 'Any', 'Unit',
    'Number', 'CharSequence', 'UInt', 'ULong', 'UShort', 'UByte', 'IntArray', 'LongArray', 'Array', 'Nothing']
    .map((n): [string, string] => [n, `kotlin.${n}`]),
  ...['List', 'MutableList', 'Set', 'MutableSet', 'Map', 'MutableMap', 'Collection', 'Iterable', 'ArrayList',
    'HashMap', 'HashSet', 'LinkedHashMap', 'LinkedHashSet']
    .map((n): [string, string] => [n, `kotlin.collections.${n}`]),
]);

const MAX_ALIAS_DEPTH = 16;

/** Resolves written types the way the compiler would, across the workspace. */
export class TypeResolver {
  constructor(
    private readonly names: WorkspaceNames,
    private readonly files: ReadonlyMap<string, FileFacts>,
  ) {}

  /** `ref` as written in `uri` inside the declarations `owner`. */
  resolve(ref: TypeRef, uri: string, owner: string[], depth = 0): ResolvedType {
    const alias = depth < MAX_ALIAS_DEPTH ? this.names.resolveTypeAlias(ref.name, uri, owner) : undefined;
    if (alias) {
      const target = this.resolve(alias.fact.type, alias.uri, [], depth + 1);
      return { ...target, nullable: target.nullable || ref.nullable, loc: ref.loc };
    }
    const args = ref.args.map((a) => this.resolve(a, uri, owner, depth + 1));
    const cls = this.names.resolveClass(ref.name, uri, owner);
    if (cls) return { names: [cls.qualifiedName], args, nullable: ref.nullable, cls, loc: ref.loc };
    return { names: this.externalNames(ref.name, uri), args, nullable: ref.nullable, loc: ref.loc };
  }

  /** Candidate qualified names of a class that is not declared in the workspace. */
  private externalNames(name: string, uri: string): string[] {
    const facts = this.files.get(uri);
    const [head, ...rest] = name.split('.');
    const imported = facts?.imports.find((i) => !i.wildcard && (i.alias ?? lastSegment(i.path)) === head);
    if (imported) return [[imported.path, ...rest].join('.')];
    if (rest.length === 0 && KOTLIN_DEFAULT_TYPES.has(name)) return [KOTLIN_DEFAULT_TYPES.get(name)!];
    if (rest.length > 0 && /^[a-z]/.test(head)) return [name];
    const wildcards = (facts?.imports ?? []).filter((i) => i.wildcard).map((i) => `${i.path}.${name}`);
    if (wildcards.length > 0) return wildcards;
    return [facts?.packageName ? `${facts.packageName}.${name}` : name];
  }
}

/** The one qualified name of a type, or undefined when it is not certain. */
export function qualifiedNameOf(type: ResolvedType): string | undefined {
  return type.names.length === 1 ? type.names[0] : undefined;
}

/** Same class and same type arguments; nullability does not matter to Room's converter lookup. */
export function sameType(a: ResolvedType, b: ResolvedType): boolean {
  if (!a.names.some((n) => b.names.includes(n))) return false;
  if (a.args.length !== b.args.length) return false;
  return a.args.every((arg, i) => sameType(arg, b.args[i]));
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}
