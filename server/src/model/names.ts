import type { ClassFact, ConstantFact, FileFacts, FunctionFact, TypeAliasFact } from './facts';
import type { WorkspaceModel } from './workspace';
import { EMPTY_SCOPE, type NameScope, type ResolvedFunction } from './evaluate';
import type { SourceLocation } from './location';
import type { Value } from './value';

/** The files the pre-screen passed over, read in full on request (WorkspaceIndex). */
export interface PassedOverFiles {
  readDeclaring(name: string): FileFacts[];
  readMentioning(words: readonly string[]): FileFacts[];
  /** How often every file of the workspace names `word` outside comments (undefined: cannot tell). */
  mentionCount?(word: string): number | undefined;
}

export interface ClassEntry {
  uri: string;
  fact: ClassFact;
  qualifiedName: string;
  packageName: string;
}

export interface TypeAliasEntry {
  uri: string;
  fact: TypeAliasFact;
  qualifiedName: string;
}

export interface ConstantEntry {
  uri: string;
  fact: ConstantFact;
  qualifiedName: string;
}

/**
 * Kotlin name resolution over the whole workspace: a name written in one file is looked up the
 * way the compiler would (enclosing declarations, same package, explicit imports with aliases,
 * wildcard imports, fully qualified), against every file's classes and constants.
 */
export class WorkspaceNames {
  private readonly classes = new Map<string, ClassEntry[]>();
  private readonly constants = new Map<string, ConstantEntry[]>();
  private readonly typeAliases = new Map<string, TypeAliasEntry[]>();
  private readonly functions = new Map<string, { uri: string; fact: FunctionFact }[]>();
  /** Every name segment looked up, and every word whose mentions were asked for (see Demand). */
  readonly demand = { names: new Set<string>(), words: new Set<string>() };

  /**
   * `files` holds every file; those the pre-screen passed over have empty facts, and `source`
   * reads them in full the first time a name they may declare is looked up (they are added to
   * `files` then), so every lookup answers as if every file had been parsed.
   */
  /** JS modules: path aliases and re-exports, for imports that reach a name through them. */
  private readonly modules = new ModuleLinks();

  constructor(private readonly files: ReadonlyMap<string, FileFacts>, private readonly source?: PassedOverFiles) {
    for (const facts of files.values()) this.add(facts);
  }

  private add(facts: FileFacts): void {
    this.modules.add(facts);
    const pkg = facts.packageName ?? '';
    for (const fact of facts.functions ?? []) push(this.functions, join(pkg, fact.name), { uri: facts.uri, fact });
    for (const fact of facts.classes) {
      const qualifiedName = join(pkg, ...fact.outer, fact.name);
      push(this.classes, qualifiedName, { uri: facts.uri, fact, qualifiedName, packageName: pkg });
    }
    for (const fact of facts.constants) {
      const qualifiedName = join(pkg, ...fact.owner, fact.name);
      push(this.constants, qualifiedName, { uri: facts.uri, fact, qualifiedName });
    }
    for (const fact of facts.typeAliases) {
      const qualifiedName = join(pkg, fact.name);
      push(this.typeAliases, qualifiedName, { uri: facts.uri, fact, qualifiedName });
    }
  }

  private take(read: FileFacts[]): boolean {
    for (const facts of read) {
      (this.files as Map<string, FileFacts>).set(facts.uri, facts);
      this.add(facts);
    }
    return read.length > 0;
  }

  /** Reads the passed-over files that may declare any segment of the path, before it is looked up. */
  private want(path: readonly string[]): void {
    for (const segment of path) {
      if (this.demand.names.has(segment)) continue;
      this.demand.names.add(segment);
      if (this.source) this.take(this.source.readDeclaring(segment));
    }
  }

  /**
   * Makes sure every file mentioning one of `words` as an identifier has its facts in `files`
   * (for analyses that look at every call or completion by name). Returns true when files were read.
   */
  mention(words: Iterable<string>): boolean {
    const fresh = [...words].filter((w) => w.length > 0 && !this.demand.words.has(w));
    if (fresh.length === 0) return false;
    for (const word of fresh) this.demand.words.add(word);
    return this.source ? this.take(this.source.readMentioning(fresh)) : false;
  }

  /**
   * How often the whole workspace names `word` as an identifier outside line comments (its declarations
   * included), or undefined when the files' texts are not at hand. The word joins the demand, so a
   * passed-over file that comes to mention it makes a new model.
   */
  mentionCount(word: string): number | undefined {
    this.mention([word]);
    return this.source?.mentionCount?.(word);
  }

  /** Every class in the workspace. */
  allClasses(): ClassEntry[] {
    return [...this.classes.values()].flat();
  }

  /** Resolves a class name as written in `uri`, inside the declarations `owner`. */
  resolveClass(name: string, uri: string, owner: string[] = []): ClassEntry | undefined {
    this.want(name.split('.'));
    for (const candidate of this.candidates(name.split('.'), uri, owner)) {
      const found = this.classes.get(candidate);
      if (found) return found[0];
    }
    return undefined;
  }

  /** Resolves a type alias name as written in `uri` (aliases are top-level declarations). */
  resolveTypeAlias(name: string, uri: string, owner: string[] = []): TypeAliasEntry | undefined {
    this.want(name.split('.'));
    for (const candidate of this.candidates(name.split('.'), uri, owner)) {
      const found = this.typeAliases.get(candidate);
      if (found) return found[0];
    }
    return undefined;
  }

  /** Resolves a constant path (`DB_NAME`, `Names.TODO`, `a.b.Names.TODO`). */
  resolveConstant(path: string[], uri: string, owner: string[] = []): ConstantEntry | undefined {
    this.want(path);
    for (const candidate of this.candidates(path, uri, owner)) {
      // `Outer.Companion.X` is stored as `Outer.X`, also when an import names the companion.
      const found = this.constants.get(candidate) ?? this.constants.get(withoutCompanion(candidate));
      if (found) return found[0];
    }
    return this.inheritedConstant(path, uri, owner);
  }

  /**
   * A Java class's static fields include those of its superclasses and interfaces: `Meta.TABLE`
   * where `Meta implements Columns`, or `TABLE` inside a Java class that inherits it (Kotlin
   * reaches Java's inherited statics the same way; a Kotlin companion's are not inherited).
   */
  private inheritedConstant(path: string[], uri: string, owner: string[]): ConstantEntry | undefined {
    const name = path[path.length - 1];
    if (path.length > 1) {
      const cls = this.resolveClass(path.slice(0, -1).join('.'), uri, owner);
      return cls && this.files.get(cls.uri)?.language === 'java' ? this.supertypeConstant(cls, name, 0) : undefined;
    }
    if (this.files.get(uri)?.language !== 'java') return undefined;
    for (let k = owner.length; k > 0; k--) {
      const cls = this.resolveClass(owner.slice(0, k).join('.'), uri, []);
      const found = cls && this.supertypeConstant(cls, name, 0);
      if (found) return found;
    }
    return undefined;
  }

  private supertypeConstant(cls: ClassEntry, name: string, depth: number): ConstantEntry | undefined {
    if (depth > 8) return undefined;
    for (const superType of cls.fact.superTypes) {
      const sup = this.resolveClass(superType.name, cls.uri, cls.fact.outer);
      if (!sup) {
        // An interface of the platform (`implements BaseColumns`): its documented constants.
        for (const candidate of this.candidates([superType.name, name], cls.uri, cls.fact.outer)) {
          const value = PLATFORM_CONSTANTS.get(name)?.get(candidate);
          if (value === undefined) continue;
          const loc = superType.loc;
          return { uri: cls.uri, qualifiedName: candidate, fact: { name, owner: [], isConst: true, value: { kind: 'string', value, raw: false, loc }, loc } };
        }
        continue;
      }
      if (this.files.get(sup.uri)?.language !== 'java') continue;
      const own = this.constants.get(`${sup.qualifiedName}.${name}`);
      if (own) return own[0];
      const inherited = this.supertypeConstant(sup, name, depth + 1);
      if (inherited) return inherited;
    }
    return undefined;
  }

  /** A scope for evaluating an expression written in `uri` inside `owner`. */
  scope(uri: string, owner: string[] = []): NameScope {
    return {
      constant: (path: string[]) => {
        const entry = this.resolveConstant(path, uri, owner);
        if (!entry) return this.platformConstant(path, uri, owner);
        return { value: entry.fact.value, scope: this.scope(entry.uri, entry.fact.owner) };
      },
      function: (path: string[]) => this.resolveFunction(path, uri, owner),
    };
  }

  /** A documented Android SDK constant the name stands for, when no workspace declaration does. */
  private platformConstant(path: string[], uri: string, owner: string[]): { value: Value; scope: NameScope } | undefined {
    if (!PLATFORM_CONSTANTS.has(path[path.length - 1])) return undefined;
    for (const candidate of this.candidates(path, uri, owner)) {
      const text = PLATFORM_CONSTANTS.get(path[path.length - 1])?.get(candidate);
      if (text !== undefined) return { value: { kind: 'string', value: text, raw: false, loc: NOWHERE }, scope: EMPTY_SCOPE };
    }
    return undefined;
  }

  /**
   * A function as written in `uri` inside `owner`: `f` (a member of an enclosing class or object,
   * else a top-level function), or `Obj.f` (a member of the object `Obj`, or a default method of
   * one of its supertypes, run with `Obj` as `this`). Undefined when it is not one function.
   */
  resolveFunction(path: string[], uri: string, owner: string[] = []): ResolvedFunction | undefined {
    this.want(path);
    const name = path[path.length - 1];
    if (path.length === 1) {
      for (let k = owner.length; k > 0; k--) {
        const cls = this.resolveClass(owner.slice(0, k).join('.'), uri, []);
        const member = cls && this.memberFunction(cls, name, 0);
        if (member) return { ...member, thisScope: this.scope(cls.uri, [...cls.fact.outer, cls.fact.name]) };
      }
      for (const candidate of this.candidates(path, uri, owner)) {
        const found = this.functions.get(candidate);
        if (found) return found.length === 1 ? { fact: found[0].fact, scope: this.scope(found[0].uri, []) } : undefined;
      }
      return undefined;
    }
    const cls = this.resolveClass(path.slice(0, -1).filter((p) => p !== 'Companion').join('.'), uri, owner);
    if (!cls || cls.fact.kind !== 'object') return undefined;
    const member = this.memberFunction(cls, name, 0);
    return member && { ...member, thisScope: this.scope(cls.uri, [...cls.fact.outer, cls.fact.name]) };
  }

  /** `name` declared in the class, else in one of its supertypes (a default method); one or none. */
  private memberFunction(cls: ClassEntry, name: string, depth: number): { fact: FunctionFact; scope: NameScope } | undefined {
    const own = cls.fact.functions.filter((f) => f.name === name);
    if (own.length === 1) return { fact: own[0], scope: this.scope(cls.uri, [...cls.fact.outer, cls.fact.name]) };
    if (own.length > 1 || depth > 4) return undefined;
    const inherited = cls.fact.superTypes
      .map((t) => this.resolveClass(t.name, cls.uri, cls.fact.outer))
      .flatMap((s) => (s ? [this.memberFunction(s, name, depth + 1)] : []))
      .filter((m) => m !== undefined);
    return inherited.length === 1 ? inherited[0] : undefined;
  }

  private *candidates(path: string[], uri: string, owner: string[]): Generator<string> {
    const facts = this.files.get(uri);
    const pkg = facts?.packageName ?? '';
    const [head, ...rest] = path;
    // Kotlin's order: the enclosing declarations, then explicit imports, then the file's own
    // package, then star imports.
    for (let k = owner.length; k > 0; k--) yield join(pkg, ...owner.slice(0, k), ...path);
    let imported = false;
    for (const imp of facts?.imports ?? []) {
      if (imp.wildcard) continue;
      const last = imp.path.split('.').pop();
      if ((imp.alias ?? last) !== head) continue;
      imported = true;
      yield join(imp.path, ...rest);
      for (const other of this.modules.alsoNamed(imp.path, uri)) yield join(other, ...rest);
    }
    // An explicit import shadows the package and star imports, also when what it names is outside the workspace.
    if (imported) return;
    yield join(pkg, ...path);
    for (const imp of facts?.imports ?? []) {
      if (!imp.wildcard) continue;
      yield join(imp.path, ...path);
      // A Dart library imported whole: through its package alias and the libraries it exports.
      for (const other of this.modules.alsoNamed(join(imp.path, head), uri)) yield join(other, ...rest);
    }
    yield join(...path);
  }
}

/** How many re-exports and aliases one import is followed through. */
const MAX_MODULE_HOPS = 6;

/**
 * What a JS module import reaches beyond the module it names: a tsconfig path alias (`@/db/schema`
 * is `/w/src/db/schema` under the tsconfig whose folder holds the importing file, the deepest one
 * first) and re-exports (`export * from './x'`, `export { A as B } from './x'` in a barrel).
 */
class ModuleLinks {
  private readonly byModule = new Map<string, FileFacts[]>();
  private readonly aliases: NonNullable<FileFacts['moduleAliases']>[] = [];

  add(facts: FileFacts): void {
    if (facts.moduleAliases) this.aliases.push(facts.moduleAliases);
    if (facts.reExports && facts.packageName) push(this.byModule, facts.packageName, facts);
  }

  /** Other qualified names the import `module.name` (written in `uri`'s module) stands for. */
  *alsoNamed(qualifiedName: string, uri: string, seen = new Set<string>(), hops = 0): Generator<string> {
    if (hops > MAX_MODULE_HOPS || seen.has(qualifiedName)) return;
    seen.add(qualifiedName);
    const dot = qualifiedName.lastIndexOf('.');
    if (dot < 0) return;
    const module = qualifiedName.slice(0, dot);
    const name = qualifiedName.slice(dot + 1);
    for (const target of [module, ...this.aliased(module, uri)]) {
      if (target !== module) {
        yield `${target}.${name}`;
      }
      for (const barrel of this.byModule.get(target) ?? []) {
        for (const re of barrel.reExports ?? []) {
          if (re.name !== undefined && re.as !== name) continue;
          const onward = `${re.module}.${re.name ?? name}`;
          yield onward;
          yield* this.alsoNamed(onward, barrel.uri, seen, hops + 1);
        }
      }
    }
  }

  /** The modules a path alias maps `module` to, under the deepest tsconfig above the importing module. */
  private aliased(module: string, uri: string): string[] {
    const importer = uri.startsWith('file:') ? decodeURIComponent(new URL(uri).pathname).replace(/\./g, '\u2024') : uri;
    let best: NonNullable<FileFacts['moduleAliases']> | undefined;
    for (const aliases of this.aliases) {
      const root = aliases[0]?.root;
      if (root === undefined || root === '' || !importer.startsWith(`${root}/`)) continue;
      if (!best || root.length > best[0].root.length) best = aliases;
    }
    const out: string[] = [];
    // Aliases with no root hold everywhere (a Dart package's `package:name/` is its `lib/` wherever it is imported).
    const everywhere = this.aliases.filter((a) => a[0]?.root === '').flat();
    for (const alias of [...(best ?? []), ...everywhere]) {
      const star = alias.pattern.indexOf('*');
      if (star < 0) {
        if (alias.pattern === module) out.push(...alias.targets);
        continue;
      }
      const prefix = alias.pattern.slice(0, star);
      const suffix = alias.pattern.slice(star + 1);
      if (!module.startsWith(prefix) || !module.endsWith(suffix) || module.length < prefix.length + suffix.length) continue;
      const matched = module.slice(prefix.length, module.length - suffix.length);
      out.push(...alias.targets.map((t) => t.replace('*', matched).replace(/\/index$/, '')));
    }
    return out;
  }
}

/**
 * String constants of the Android SDK that apps use as Room column names, by simple name, then by
 * qualified name: only `android.provider.BaseColumns` (documented values `_id` and `_count`).
 */
const PLATFORM_CONSTANTS: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map([
  ['_ID', new Map([['android.provider.BaseColumns._ID', '_id']])],
  ['_COUNT', new Map([['android.provider.BaseColumns._COUNT', '_count']])],
]);

const NOWHERE: SourceLocation = { uri: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };

function withoutCompanion(qualifiedName: string): string {
  return qualifiedName.split('.').filter((s) => s !== 'Companion').join('.');
}

function join(...parts: string[]): string {
  return parts.filter((p) => p.length > 0).join('.');
}

/** Adds in URI order, so a name declared in several files resolves alike however late a file was read. */
function push<T extends { uri: string }>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (!list) {
    map.set(key, [value]);
    return;
  }
  let i = list.length;
  while (i > 0 && list[i - 1].uri > value.uri) i--;
  list.splice(i, 0, value);
}

/**
 * A model that came through a structured clone, with name resolution over its files again. The
 * files read on request are those the original had read by then: run the lookups the copy will
 * make on the original first (PreviewThread.simulate does), and the copy answers alike.
 */
export function withNames(model: WorkspaceModel): WorkspaceModel {
  if ((model as Partial<WorkspaceModel>).names) return model;
  return Object.defineProperty(model, 'names', { value: new WorkspaceNames(model.files), enumerable: false });
}
