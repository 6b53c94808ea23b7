import type { SourceLocation } from './location';

/**
 * An expression as written in source, kept as a tree so that names can be resolved later across
 * the workspace (a `const val` in another file, an object member, a companion constant).
 * Anything the front end cannot represent is `unknown`: rules built on it stay silent.
 */
export type Value =
  | StringValue
  | TemplateValue
  | NumberValue
  | BooleanValue
  | NullValue
  | RefValue
  | MemberValue
  | ClassRefValue
  | ListValue
  | SpreadValue
  | ObjectValue
  | OperatorValue
  | CallValue
  | LambdaValue
  | UnknownValue;

export interface StringValue {
  kind: 'string';
  value: string;
  /** True for a Kotlin raw string (`"""…"""`). */
  raw: boolean;
  /**
   * The quote it is written with where a language has several (TypeScript: `'`, `"` or a template's
   * backtick), so an edit inside it escapes for that quote. Absent: `"`.
   */
  quote?: '"' | "'" | '`';
  /**
   * The delimiters as written where they are not one quote each side (or Kotlin's raw `"""`): Dart's
   * `r'…'`, `'''…'''`, `r"""…"""`. `multiline` says a line break may stand in it as written.
   */
  delimiters?: {
    open: string;
    close: string;
    multiline: boolean;
    /** Source text after the opening quotes that is not part of the value (Dart drops a first line of only white space). */
    skipped?: string;
  };
  /** Escape sequences as written (`\'`), at their offset in `value`: lets a fix map the text back to the source. */
  escapes?: { at: number; source: string }[];
  loc: SourceLocation;
}

/** A string built from parts: a template, a concatenation, or `.trimIndent()`/`.trimMargin()` of one. */
export interface TemplateValue {
  kind: 'template';
  parts: Value[];
  /** Applied after joining the parts. */
  trim?: { mode: 'indent' } | { mode: 'margin'; prefix: string };
  raw: boolean;
  loc: SourceLocation;
}

export interface NumberValue {
  kind: 'number';
  value: number;
  text: string;
  loc: SourceLocation;
}

export interface BooleanValue {
  kind: 'boolean';
  value: boolean;
  loc: SourceLocation;
}

export interface NullValue {
  kind: 'null';
  loc: SourceLocation;
}

/** A bare name: a local, a constant, a class. */
export interface RefValue {
  kind: 'ref';
  name: string;
  /**
   * Set when an enclosing function declares the name (a parameter, a `var`, a lambda parameter):
   * Kotlin resolves it there, so it is no workspace constant; says why its value is unknown.
   */
  declaredLocally?: string;
  /**
   * Set when the name is a local `val` of an enclosing block: its initializer, which Kotlin's
   * scopes make the name's meaning before any member or top-level declaration of that name.
   */
  localValue?: Value;
  loc: SourceLocation;
}

/** `receiver.name` (a navigation without a call). */
export interface MemberValue {
  kind: 'member';
  receiver: Value;
  name: string;
  /** Dart: written as an index (`m['k']`), not as a getter (`m.values`). */
  indexed?: boolean;
  loc: SourceLocation;
}

/** `Foo::class` or `a.b.Foo::class`. */
export interface ClassRefValue {
  kind: 'classRef';
  path: string[];
  loc: SourceLocation;
}

/** `listOf(…)`, `arrayOf(…)`, `mutableListOf(…)`, `setOf(…)` or `[…]` in an annotation. */
export interface ListValue {
  kind: 'list';
  items: Value[];
  loc: SourceLocation;
}

/** `...items` inside a JavaScript array literal: the items of `value`, in its place. */
export interface SpreadValue {
  kind: 'spread';
  value: Value;
  loc: SourceLocation;
}

/**
 * A JavaScript comparison, logical or conditional expression the bounded evaluator runs when its
 * operands are known: `a === b`, `a !== b`, `a == b`, `a != b`, `a && b`, `a || b`, `a ?? b`, `!a`
 * and `c ? a : b` (operator `?:`, operands condition, then, else).
 */
export interface OperatorValue {
  kind: 'operator';
  operator: '===' | '!==' | '==' | '!=' | '&&' | '||' | '??' | '!' | '?:';
  operands: Value[];
  loc: SourceLocation;
}

/**
 * An object literal (TypeScript `{ put: { sql, params }, clear: 'DELETE …' }`): its entries in
 * order, a shorthand `{ sql }` as the entry `sql: sql`, a spread (`...base`) as its own entry.
 */
export interface ObjectValue {
  kind: 'object';
  entries: ObjectEntry[];
  /** A Dart `Map` literal: `.keys`, `.values` and `.length` are its getters, `m['k']` its entries. */
  dartMap?: boolean;
  loc: SourceLocation;
}

export type ObjectEntry =
  /**
   * `key: value`; a computed key (`[name]: …`) that is not a literal is an entry with `key`
   * undefined and the expression in `computedKey`, for the evaluator.
   */
  | { key: string | undefined; computedKey?: Value; value: Value; keyLoc: SourceLocation; loc: SourceLocation }
  | { spread: Value; loc: SourceLocation };

export interface Argument {
  name?: string;
  value: Value;
  /** The argument's spread (`*list`) is unknown territory; rules treat it as unknown. */
  spread?: boolean;
  loc: SourceLocation;
}

/** A call: `callee(args)`, where callee is a ref (`RawTable`) or a member (`db.execSQL`). */
export interface CallValue {
  kind: 'call';
  callee: Value;
  args: Argument[];
  /** A trailing lambda, if any. */
  lambda?: LambdaValue;
  /** Type arguments as written, e.g. `AppDatabase` in `databaseBuilder<AppDatabase>(…)`. */
  typeArgs: string[];
  loc: SourceLocation;
}

export interface LambdaValue {
  kind: 'lambda';
  /** Its parameters (`it` when it declares none); undefined when the front end did not read them. */
  params?: string[];
  /**
   * Per parameter, the names an array pattern binds (`([table, columns]) => …`, JavaScript), one
   * per element in order; undefined for a plain parameter. A pattern with any other element is
   * not listed, and its names stay unknown.
   */
  destructured?: (string[] | undefined)[];
  /** Its statements, for the bounded evaluator (model/interpret.ts); the last expression is its value. */
  body?: Statement[];
  /**
   * Set for a JavaScript arrow or function expression: a `return` in its body gives the lambda's
   * value (in a Kotlin lambda it returns from the enclosing function).
   */
  returnsValue?: boolean;
  loc: SourceLocation;
}

/** A statement of a lambda or function body, as far as the evaluator follows one. */
export type Statement =
  | { kind: 'val'; name: string; value: Value; loc: SourceLocation }
  | { kind: 'return'; value?: Value; loc: SourceLocation }
  | { kind: 'expr'; value: Value; loc: SourceLocation }
  /** Anything else (`var`, assignments, loops, `if` statements): evaluating the body stops there. */
  | { kind: 'other'; loc: SourceLocation };

export interface UnknownValue {
  kind: 'unknown';
  text: string;
  /** Why it is unknown, when the front end can tell (`'table' is a parameter of install`). */
  reason?: string;
  /** A Dart symbol literal (`#id`): its name, which Drift's `references(Table, #column)` reads. */
  symbol?: string;
  loc: SourceLocation;
}

/** `a.b.c` for a chain of refs and members, or undefined if anything else is in the chain. */
export function dottedName(value: Value): string | undefined {
  if (value.kind === 'ref') return value.name;
  if (value.kind === 'member') {
    const left = dottedName(value.receiver);
    return left === undefined ? undefined : `${left}.${value.name}`;
  }
  return undefined;
}

/** The last segment of a callee: `execSQL` for `db.execSQL(…)`, `RawTable` for `RawTable(…)`. */
export function calleeName(call: CallValue): string | undefined {
  if (call.callee.kind === 'ref') return call.callee.name;
  if (call.callee.kind === 'member') return call.callee.name;
  return undefined;
}

/** The receiver of a member call (`db` in `db.execSQL(…)`), if any. */
export function calleeReceiver(call: CallValue): Value | undefined {
  return call.callee.kind === 'member' ? call.callee.receiver : undefined;
}

/**
 * The argument bound to a parameter, by name or by position (Kotlin rules: positional arguments
 * come first; after a named one, only named ones follow).
 */
export function argumentFor(args: Argument[], name: string, position: number): Argument | undefined {
  const named = args.find((a) => a.name === name);
  if (named) return named;
  const positional = args[position];
  if (positional && positional.name === undefined) return positional;
  return undefined;
}
