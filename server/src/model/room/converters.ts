import type { AnnotationFact, FileFacts, ImportFact } from '../facts';
import type { SourceLocation } from '../location';
import type { ClassEntry, WorkspaceNames } from '../names';
import { findRoomAnnotation, varargValues } from './annotations';
import { inferReturnType } from './inferred-types';
import type { ResolvedType, TypeResolver } from './types';

/** One `@TypeConverter` function: a value of `from` becomes a value of `to`. */
export interface Converter {
  from: ResolvedType;
  /** Undefined when the return type is inferred (`fun f(x: T) = …`) and the expression does not make it certain. */
  to?: ResolvedType;
  loc: SourceLocation;
}

/** The converters that apply at one place (database, entity, embedded class, field). */
export interface ConverterScope {
  converters: Converter[];
  /** `@TypeConverters` classes that are not in the workspace (or declare none Rawsync sees): their converters are unknown. */
  missing: SourceLocation[];
}

export const NO_CONVERTERS: ConverterScope = { converters: [], missing: [] };

export function combineConverters(...scopes: ConverterScope[]): ConverterScope {
  return { converters: scopes.flatMap((s) => s.converters), missing: scopes.flatMap((s) => s.missing) };
}

/** Room 2's names, and Room 3.0's (`androidx.room3.ColumnTypeConverters`; its alphas kept Room 2's). */
const CONVERTER_LISTS = ['TypeConverters', 'ColumnTypeConverters'];
const CONVERTER_FUNCTIONS = ['TypeConverter', 'ColumnTypeConverter'];

/** Converter classes of the workspace, read once each. */
export class ConverterCatalog {
  private readonly byClass = new Map<string, Converter[]>();

  constructor(
    private readonly files: ReadonlyMap<string, FileFacts>,
    private readonly names: WorkspaceNames,
    private readonly types: TypeResolver,
  ) {}

  /** The converters named by a `@TypeConverters(…)` among `annotations`, written in `uri` inside `owner`. */
  scopeOf(annotations: readonly AnnotationFact[], uri: string, owner: string[], onField = false): ConverterScope {
    const imports = this.files.get(uri)?.imports ?? [];
    const annotation = CONVERTER_LISTS.map((name) => findRoomAnnotation(annotations, name, imports, onField)).find((a) => a !== undefined);
    if (!annotation) return NO_CONVERTERS;
    const scope: ConverterScope = { converters: [], missing: [] };
    for (const value of varargValues(annotation.args)) {
      const cls = value.kind === 'classRef' ? this.names.resolveClass(value.path.join('.'), uri, owner) : undefined;
      // A class without converters is a Room error (TYPE_CONVERTER_EMPTY_CLASS): what it means is not known.
      const converters = cls ? this.convertersOf(cls) : [];
      if (converters.length > 0) scope.converters.push(...converters);
      else scope.missing.push(value.loc);
    }
    return scope;
  }

  private convertersOf(cls: ClassEntry): Converter[] {
    let converters = this.byClass.get(cls.qualifiedName);
    if (!converters) {
      converters = this.readConverters(cls);
      this.byClass.set(cls.qualifiedName, converters);
    }
    return converters;
  }

  /**
   * The class's own `@TypeConverter` functions, then those of its companion object that are
   * `@JvmStatic`: Room reads the methods of the class, and only `@JvmStatic` makes a companion
   * function a (static) method of the class itself.
   */
  private readConverters(cls: ClassEntry): Converter[] {
    const imports = this.files.get(cls.uri)?.imports ?? [];
    const owner = [...cls.fact.outer, cls.fact.name];
    const companion = cls.fact.kind === 'companion' ? undefined : this.files.get(cls.uri)?.classes.find((c) => c.kind === 'companion' && sameNames(c.outer, owner));
    const companionFunctions = companion?.functions ?? [];
    const functions = [...cls.fact.functions, ...companionFunctions.filter((fn) => fn.annotations.some((a) => isJvmStatic(a.name, imports)))];
    const converters: Converter[] = [];
    for (const fn of functions) {
      const param = fn.parameters.length === 1 ? fn.parameters[0] : undefined;
      if (!param?.type || !CONVERTER_FUNCTIONS.some((name) => findRoomAnnotation(fn.annotations, name, imports))) continue;
      // Room sees the type Kotlin infers for `fun f(x: T) = …`; Rawsync knows it where the expression makes it certain.
      const members = cls.fact.functions.includes(fn) ? [...cls.fact.functions, ...companionFunctions] : companionFunctions;
      const to = fn.returnType
        ? this.types.resolve(fn.returnType, cls.uri, owner)
        : inferReturnType(fn, { uri: cls.uri, owner, members, names: this.names, types: this.types });
      converters.push({ from: this.types.resolve(param.type, cls.uri, owner), to, loc: fn.loc });
    }
    return converters;
  }
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

/** `@JvmStatic` or `@kotlin.jvm.JvmStatic`, unless an import gives the name to another annotation. */
function isJvmStatic(name: string, imports: readonly ImportFact[]): boolean {
  if (name === 'kotlin.jvm.JvmStatic') return true;
  if (name !== 'JvmStatic') return false;
  const imported = imports.find((i) => !i.wildcard && (i.alias ?? i.path.slice(i.path.lastIndexOf('.') + 1)) === 'JvmStatic');
  return !imported || imported.path === 'kotlin.jvm.JvmStatic';
}
