import type { FunctionFact, TypeRef } from '../facts';
import type { ClassEntry, WorkspaceNames } from '../names';
import type { Value } from '../value';
import type { ResolvedType, TypeResolver } from './types';
import { qualifiedNameOf } from './types';

/**
 * The return type Kotlin infers for an expression-bodied function (`fun f(x: T) = …`), where
 * the expression alone makes it certain: literals and string templates, a parameter, a property
 * with a declared type of a workspace class, an enum's `name` / `ordinal`, `toString()`, a
 * member function of the class with a declared return type, a workspace class's constructor, and
 * a short list of library members whose result type never varies (`Instant.toEpochMilli()`,
 * `Date.time`, `Int.toLong()`, …). Anything else is undefined: never a guess.
 */
export function inferReturnType(fn: FunctionFact, where: InferenceScope): ResolvedType | undefined {
  if (fn.returnType || fn.body || fn.code?.length !== 1) return undefined;
  const [statement] = fn.code;
  if (statement.kind !== 'return' || !statement.value) return undefined;
  const params = new Map<string, ResolvedType>();
  for (const p of fn.parameters) if (p.type) params.set(p.name, where.types.resolve(p.type, where.uri, where.owner));
  const type = new Inference(where, params).typeOf(statement.value, 0);
  return type && isUsable(type) ? type : undefined;
}

/** Where a converter function is declared. */
export interface InferenceScope {
  uri: string;
  /** The declaration path of its class (for resolving names). */
  owner: string[];
  /** Functions an unqualified call in its body may name (its class's, its companion's). */
  members: readonly FunctionFact[];
  names: WorkspaceNames;
  types: TypeResolver;
}

const MAX_DEPTH = 12;

/** Library members (functions or properties) with a fixed result type, by receiver type. */
const LIBRARY_MEMBERS = new Map<string, Record<string, string>>([
  ['java.time.Instant', { toEpochMilli: 'kotlin.Long', getEpochSecond: 'kotlin.Long', epochSecond: 'kotlin.Long', getNano: 'kotlin.Int', nano: 'kotlin.Int' }],
  ['kotlinx.datetime.Instant', { toEpochMilliseconds: 'kotlin.Long', epochSeconds: 'kotlin.Long', nanosecondsOfSecond: 'kotlin.Int' }],
  ['kotlin.time.Instant', { toEpochMilliseconds: 'kotlin.Long', epochSeconds: 'kotlin.Long', nanosecondsOfSecond: 'kotlin.Int' }],
  ['java.util.Date', { getTime: 'kotlin.Long', time: 'kotlin.Long' }],
  ['java.time.LocalDate', { toEpochDay: 'kotlin.Long' }],
  ['java.time.Duration', { toMillis: 'kotlin.Long', getSeconds: 'kotlin.Long', seconds: 'kotlin.Long' }],
  ['kotlin.time.Duration', { inWholeMilliseconds: 'kotlin.Long', inWholeSeconds: 'kotlin.Long' }],
  ['kotlin.String', { length: 'kotlin.Int', lowercase: 'kotlin.String', uppercase: 'kotlin.String', trim: 'kotlin.String', toBoolean: 'kotlin.Boolean' }],
]);

/** `x.toInt()` and friends on Kotlin's numbers and String. */
const NUMBER_CONVERSIONS: Record<string, string> = {
  toInt: 'kotlin.Int', toLong: 'kotlin.Long', toShort: 'kotlin.Short', toByte: 'kotlin.Byte', toDouble: 'kotlin.Double', toFloat: 'kotlin.Float',
};
const NUMBER_RECEIVERS = new Set(['kotlin.Int', 'kotlin.Long', 'kotlin.Short', 'kotlin.Byte', 'kotlin.Double', 'kotlin.Float', 'kotlin.String']);

/** `joinToString` is String on every collection and array. */
const JOINABLE = new Set(['kotlin.collections.List', 'kotlin.collections.Set', 'kotlin.collections.Collection', 'kotlin.collections.Iterable',
  'kotlin.collections.MutableList', 'kotlin.collections.MutableSet', 'kotlin.Array']);

class Inference {
  constructor(private readonly where: InferenceScope, private readonly params: ReadonlyMap<string, ResolvedType>) {}

  typeOf(value: Value, depth: number): ResolvedType | undefined {
    if (depth > MAX_DEPTH) return undefined;
    switch (value.kind) {
      case 'string':
        return named('kotlin.String', value);
      case 'template':
        // `a + b` of numbers reads as a template too: only a string part makes it a String.
        return value.parts.some((p) => p.kind === 'string') ? named('kotlin.String', value) : undefined;
      case 'boolean':
        return named('kotlin.Boolean', value);
      case 'number':
        return numberType(value);
      case 'ref':
        return value.localValue ? undefined : this.params.get(value.name);
      case 'member':
        return this.member(value.receiver, value.name, value, depth);
      case 'call':
        return this.call(value, depth);
      default:
        return undefined;
    }
  }

  /** `receiver.name` as a property. */
  private member(receiver: Value, name: string, at: Value, depth: number): ResolvedType | undefined {
    const type = this.typeOf(receiver, depth + 1);
    if (!type) return undefined;
    const cls = type.cls;
    if (cls) {
      if (cls.fact.kind === 'enum' && (name === 'name' || name === 'ordinal')) return named(name === 'name' ? 'kotlin.String' : 'kotlin.Int', at);
      const property = cls.fact.properties.filter((p) => p.name === name);
      return property.length === 1 && property[0].type ? this.declared(property[0].type, cls) : undefined;
    }
    return this.library(type, name, at);
  }

  private call(call: Extract<Value, { kind: 'call' }>, depth: number): ResolvedType | undefined {
    const callee = call.callee;
    if (call.lambda || call.args.some((a) => a.spread)) return undefined;
    if (callee.kind === 'member') {
      // Every toString() is Any's or an override of it: a String.
      if (callee.name === 'toString' && call.args.length === 0) return named('kotlin.String', call);
      const type = this.typeOf(callee.receiver, depth + 1);
      if (!type || this.shadowed(callee.name)) return undefined;
      if (type.cls) return this.memberFunction(type.cls.fact.functions, callee.name, type.cls);
      const name = qualifiedNameOf(type);
      if (callee.name === 'joinToString' && name && JOINABLE.has(name)) return named('kotlin.String', call);
      if (call.args.length > 0) return undefined;
      if (name && NUMBER_RECEIVERS.has(name) && Object.hasOwn(NUMBER_CONVERSIONS, callee.name)) return named(NUMBER_CONVERSIONS[callee.name], call);
      return this.library(type, callee.name, call);
    }
    if (callee.kind !== 'ref' || callee.localValue || this.params.has(callee.name)) return undefined;
    const own = this.memberFunction(this.where.members, callee.name);
    if (own) return own;
    if (this.where.members.some((f) => f.name === callee.name) || this.shadowed(callee.name)) return undefined;
    // A workspace class's constructor.
    const cls = this.where.names.resolveClass(callee.name, this.where.uri, this.where.owner);
    return cls && cls.fact.kind === 'class' && call.typeArgs.length === 0 ? { names: [cls.qualifiedName], args: [], nullable: false, cls, loc: call.loc } : undefined;
  }

  /** The one function of that name with a declared return type; a generic one (`<T> … : T`) is not usable. */
  private memberFunction(functions: readonly FunctionFact[], name: string, cls?: ClassEntry): ResolvedType | undefined {
    const found = functions.filter((f) => f.name === name);
    if (found.length !== 1 || !found[0].returnType) return undefined;
    return cls ? this.declared(found[0].returnType, cls) : this.where.types.resolve(found[0].returnType, this.where.uri, this.where.owner);
  }

  private declared(type: TypeRef, cls: ClassEntry): ResolvedType {
    return this.where.types.resolve(type, cls.uri, [...cls.fact.outer, cls.fact.name]);
  }

  private library(type: ResolvedType, name: string, at: Value): ResolvedType | undefined {
    const receiver = qualifiedNameOf(type);
    const members = receiver ? LIBRARY_MEMBERS.get(receiver) : undefined;
    return members && Object.hasOwn(members, name) ? named(members[name], at) : undefined;
  }

  /** A workspace function of that name (an extension, say) could be what a call means. */
  private shadowed(name: string): boolean {
    return this.where.names.resolveFunction([name], this.where.uri, this.where.owner) !== undefined;
  }
}

/**
 * Only a type Rawsync can name for sure is of use: a Kotlin built-in, or a class of the workspace
 * (a generic function's `T` resolves to neither).
 */
function isUsable(type: ResolvedType): boolean {
  const name = qualifiedNameOf(type);
  return name !== undefined && (type.cls !== undefined || name.startsWith('kotlin.'));
}

function named(name: string, at: { loc: Value['loc'] }): ResolvedType {
  return { names: [name], args: [], nullable: false, loc: at.loc };
}

function numberType(value: Extract<Value, { kind: 'number' }>): ResolvedType | undefined {
  const text = value.text.replace(/^-/, '');
  if (/[uU]/.test(text)) return undefined;
  if (/[lL]$/.test(text)) return named('kotlin.Long', value);
  if (/^0[xXbB]/.test(text)) return named('kotlin.Int', value);
  if (/[fF]$/.test(text)) return named('kotlin.Float', value);
  if (/[.eE]/.test(text)) return named('kotlin.Double', value);
  return named('kotlin.Int', value);
}
