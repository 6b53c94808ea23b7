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

/**
 * Names every Java file sees without an import (its primitives and `java.lang`), written as the
 * Kotlin types they are on the JVM, so Room's adapters and converters read them alike.
 */
const JAVA_DEFAULT_TYPES = new Map<string, string>([
  ['int', 'kotlin.Int'], ['long', 'kotlin.Long'], ['short', 'kotlin.Short'], ['byte', 'kotlin.Byte'], ['char', 'kotlin.Char'],
  ['float', 'kotlin.Float'], ['double', 'kotlin.Double'], ['boolean', 'kotlin.Boolean'], ['void', 'kotlin.Unit'],
  ['byte[]', 'kotlin.ByteArray'],
  ['Integer', 'kotlin.Int'], ['Long', 'kotlin.Long'], ['Short', 'kotlin.Short'], ['Byte', 'kotlin.Byte'], ['Character', 'kotlin.Char'],
  ['Float', 'kotlin.Float'], ['Double', 'kotlin.Double'], ['Boolean', 'kotlin.Boolean'], ['String', 'kotlin.String'],
  ['Object', 'kotlin.Any'], ['Number', 'kotlin.Number'], ['CharSequence', 'kotlin.CharSequence'],
]);

/** Java types under the name of the Kotlin type they are on the JVM (`java.util.List` is `kotlin.collections.List`). */
const JVM_EQUIVALENTS = new Map<string, string>([
  ...['Integer:Int', 'Long:Long', 'Short:Short', 'Byte:Byte', 'Character:Char', 'Float:Float', 'Double:Double', 'Boolean:Boolean',
    'String:String', 'Object:Any', 'Number:Number', 'CharSequence:CharSequence']
    .map((pair): [string, string] => [`java.lang.${pair.split(':')[0]}`, `kotlin.${pair.split(':')[1]}`]),
  ...['List', 'Set', 'Map', 'Collection', 'ArrayList', 'HashMap', 'HashSet', 'LinkedHashMap', 'LinkedHashSet']
    .map((n): [string, string] => [`java.util.${n}`, `kotlin.collections.${n}`]),
  ['java.lang.Iterable', 'kotlin.collections.Iterable'],
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
    if (this.files.get(uri)?.language === 'java') return this.resolveJava(ref, uri, owner, depth);
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

  /** A Java type: no aliases; primitives, `java.lang` and arrays (`T[]`, `byte[]`) have names of their own. */
  private resolveJava(ref: TypeRef, uri: string, owner: string[], depth: number): ResolvedType {
    const builtIn = JAVA_DEFAULT_TYPES.get(ref.name);
    if (builtIn && !this.names.resolveClass(ref.name, uri, owner)) return { names: [builtIn], args: [], nullable: ref.nullable, loc: ref.loc };
    if (ref.name.endsWith('[]')) {
      const element = this.resolveJava({ ...ref, name: ref.name.slice(0, -2), args: [] }, uri, owner, depth + 1);
      return { names: element.names.map((n) => `${n}[]`), args: [], nullable: ref.nullable, loc: ref.loc };
    }
    const args = depth < MAX_ALIAS_DEPTH ? ref.args.map((a) => this.resolveJava(a, uri, owner, depth + 1)) : [];
    const cls = this.names.resolveClass(ref.name, uri, owner);
    if (cls) return { names: [cls.qualifiedName], args, nullable: ref.nullable, cls, loc: ref.loc };
    return { names: this.externalNames(ref.name, uri).map((n) => JVM_EQUIVALENTS.get(n) ?? n), args, nullable: ref.nullable, loc: ref.loc };
  }

  /** Candidate qualified names of a class that is not declared in the workspace. */
  private externalNames(name: string, uri: string): string[] {
    const facts = this.files.get(uri);
    const [head, ...rest] = name.split('.');
    const imported = facts?.imports.find((i) => !i.wildcard && (i.alias ?? lastSegment(i.path)) === head);
    if (imported) return [[imported.path, ...rest].join('.')];
    if (rest.length === 0 && KOTLIN_DEFAULT_TYPES.has(name) && facts?.language !== 'java') return [KOTLIN_DEFAULT_TYPES.get(name)!];
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
  const bNames = b.names.map(jvmName);
  if (!a.names.some((n) => bNames.includes(jvmName(n)))) return false;
  if (a.args.length !== b.args.length) return false;
  return a.args.every((arg, i) => sameType(arg, b.args[i]));
}

/** A Java type's name as the Kotlin type it is on the JVM; other names as they are. */
function jvmName(name: string): string {
  return JVM_EQUIVALENTS.get(name) ?? name;
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}
