import { trimIndent, trimMargin, type NameScope, type ResolvedFunction } from './evaluate';
import { argumentFor, calleeName, dottedName, type CallValue, type LambdaValue, type ListValue, type Statement, type Value } from './value';

/** The methods the bounded evaluator runs on lists and strings (whyUnknown looks past them to the real culprit). */
export const EVALUATED_METHODS: ReadonlySet<string> = new Set([
  'joinToString', 'map', 'mapIndexed', 'flatMap', 'filter', 'forEach', 'plus', 'drop', 'take', 'first', 'last', 'toList',
  'toMutableList', 'lowercase', 'uppercase', 'trim', 'trimIndent', 'trimMargin', 'replace', 'toString',
  // JavaScript's, on arrays and strings (and Object.fromEntries / keys / values / entries).
  'join', 'concat', 'toLowerCase', 'toUpperCase', 'replaceAll', 'fromEntries', 'keys', 'values', 'entries',
]);

/**
 * A bounded, side-effect-free evaluator of the Kotlin that apps build their SQL and parameter
 * lists with: object and top-level constants, functions whose body is an expression or
 * `val`s and a `return` (members of an object, or default methods of its interfaces, run with it
 * as `this`), string templates, and the collection helpers `joinToString`, `map`, `filter`,
 * `forEach`, `flatMap`, `buildList`, `buildString`, `List(n) { … }`, `repeat`, list `+`,
 * `lowercase`, `uppercase`, `trim`, `trimIndent`, `trimMargin`, `replace`.
 *
 * The result is a Value: literal where it is known (a string, a number, a list of values) and
 * symbolic where it is not (`PendingStatementParameter.Column("x")` stays a call, with its
 * argument evaluated). Whatever it does not follow (a `var`, an assignment, a loop statement, a
 * function it cannot find, a run-time value) makes the whole evaluation unknown: never a guess.
 * A step budget keeps it bounded.
 */
export function reduceValue(value: Value, scope: NameScope): Value | undefined {
  const run = new Run();
  try {
    return run.reduce(value, { scope, locals: new Map() });
  } catch (error) {
    if (error instanceof Unknown) return undefined;
    throw error;
  }
}

const MAX_STEPS = 20_000;
const MAX_DEPTH = 24;
const MAX_ITEMS = 2_000;
const MAX_TEXT = 1_000_000;

/** Thrown to give up: what is being evaluated is not known at compile time. */
class Unknown extends Error {}

interface Builder {
  items?: Value[];
  text?: string;
}

interface Env {
  /** Names of the place the code is written. */
  scope: NameScope;
  /** Members of `this`, for a member function run on an object. */
  thisScope?: NameScope;
  /** Locals and parameters, already evaluated; `undefined` marks one that is not known. */
  locals: Map<string, Value | undefined>;
  parent?: Env;
  /** The list or string a `buildList` / `buildString` lambda adds to. */
  builder?: Builder;
  /** Running a JavaScript arrow: a `return` gives its value. */
  returnsValue?: boolean;
}

const UNIT: Value = { kind: 'null', loc: { uri: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } };

class Run {
  private steps = 0;
  private depth = 0;
  private readonly closures = new WeakMap<LambdaValue, Env>();

  reduce(value: Value, env: Env): Value {
    if (++this.steps > MAX_STEPS) throw new Unknown();
    switch (value.kind) {
      case 'string':
      case 'number':
      case 'boolean':
      case 'null':
      case 'classRef':
        return value;
      case 'template':
        return this.template(value.parts.map((p) => this.reduce(p, env)), value);
      case 'list': {
        // `[...a, b]`: a spread's items take its place.
        const items: Value[] = [];
        for (const item of value.items) {
          if (item.kind !== 'spread') {
            items.push(this.reduce(item, env));
            continue;
          }
          const spread = this.reduce(item.value, env);
          if (spread.kind !== 'list') throw new Unknown();
          pushCapped(items, spread.items);
        }
        return { ...value, items };
      }
      case 'object':
        return this.object(value, env);
      case 'operator':
        return this.operator(value, env);
      case 'ref':
        if (value.localValue) return this.reduce(value.localValue, env);
        return this.name(value.name, value, env);
      case 'member':
        return this.member(value, env);
      case 'call':
        return this.call(value, env);
      case 'lambda': {
        const closure = { ...value };
        this.closures.set(closure, env);
        return closure;
      }
      default:
        throw new Unknown();
    }
  }

  /**
   * JavaScript's comparisons, logic and `c ? a : b` over known operands: strict equality of
   * scalars (`==` only where it agrees with `===`: same kinds, or null against null), truthiness of
   * scalars, lists and objects. Anything else is unknown. `&&`, `||`, `??` and `?:` evaluate only
   * the operand they pick, as JavaScript does.
   */
  private operator(value: Extract<Value, { kind: 'operator' }>, env: Env): Value {
    const [first, second, third] = value.operands;
    const bool = (b: boolean): Value => ({ kind: 'boolean', value: b, loc: value.loc });
    switch (value.operator) {
      case '!':
        return bool(!truthy(this.reduce(first, env)));
      case '?:':
        return truthy(this.reduce(first, env)) ? this.reduce(second, env) : this.reduce(third, env);
      case '&&': {
        const left = this.reduce(first, env);
        return truthy(left) ? this.reduce(second, env) : left;
      }
      case '||': {
        const left = this.reduce(first, env);
        return truthy(left) ? left : this.reduce(second, env);
      }
      case '??': {
        const left = this.reduce(first, env);
        return left.kind === 'null' && left !== UNIT ? this.reduce(second, env) : left;
      }
      default: {
        const left = this.reduce(first, env);
        const right = this.reduce(second, env);
        const loose = value.operator === '==' || value.operator === '!=';
        // `1 == '1'` converts: only same-kind comparisons are read for `==` and `!=`.
        if (loose && left.kind !== right.kind) throw new Unknown();
        const same = sameScalar(left, right);
        return bool(value.operator === '===' || value.operator === '==' ? same : !same);
      }
    }
  }

  /** An object literal with its values evaluated and its spreads merged in (a later key wins). */
  private object(value: Extract<Value, { kind: 'object' }>, env: Env): Value {
    const entries: Extract<Value, { kind: 'object' }>['entries'] = [];
    const put = (entry: (typeof entries)[number]) => {
      const key = 'key' in entry ? entry.key : undefined;
      const at = entries.findIndex((e) => 'key' in e && e.key === key);
      if (at >= 0) entries.splice(at, 1);
      entries.push(entry);
    };
    for (const entry of value.entries) {
      if ('spread' in entry) {
        const spread = this.reduce(entry.spread, env);
        if (spread.kind !== 'object') throw new Unknown();
        spread.entries.forEach(put);
      } else {
        const key = entry.key ?? (entry.computedKey ? scalarText(this.reduce(entry.computedKey, env)) : undefined);
        if (key === undefined) throw new Unknown();
        put({ key, value: this.reduce(entry.value, env), keyLoc: entry.keyLoc, loc: entry.loc });
      }
    }
    return { ...value, entries };
  }

  /** A template's text, or list `+` list (`listOf(id) + columns` reads as a concatenation). */
  private template(parts: Value[], original: Extract<Value, { kind: 'template' }>): Value {
    if (parts.length > 0 && parts.every((p) => p.kind === 'list')) {
      return { kind: 'list', items: parts.flatMap((p) => (p as ListValue).items), loc: original.loc };
    }
    if (parts[0]?.kind === 'list' && !original.raw) {
      // `list + item`
      return { kind: 'list', items: [...(parts[0] as ListValue).items, ...parts.slice(1)], loc: original.loc };
    }
    let text = '';
    for (const part of parts) text += scalarText(part);
    if (original.trim?.mode === 'indent') text = trimIndent(text);
    else if (original.trim?.mode === 'margin') text = trimMargin(text, original.trim.prefix);
    return str(text, original);
  }

  /** A bare name: a local, a member of `this`, a constant; else it stays symbolic. */
  private name(name: string, value: Value, env: Env): Value {
    for (let e: Env | undefined = env; e; e = e.parent) {
      if (e.locals.has(name)) {
        const local = e.locals.get(name);
        if (local === undefined) throw new Unknown();
        return local;
      }
    }
    const found = env.thisScope?.constant([name]) ?? env.scope.constant([name]);
    if (found) return this.nested(() => this.reduce(found.value, { scope: found.scope, locals: new Map() }));
    return value;
  }

  private member(value: Extract<Value, { kind: 'member' }>, env: Env): Value {
    const path = localFree(value, env) ? pathOfValue(value) : undefined;
    const found = path ? env.scope.constant(path) : undefined;
    if (found) return this.nested(() => this.reduce(found.value, { scope: found.scope, locals: new Map() }));
    const receiver = this.reduce(value.receiver, env);
    if (receiver.kind === 'object' && receiver.dartMap && !value.indexed) return dartMapGetter(receiver, value);
    const sdkField = receiver.kind === 'call' ? dartSdkField(receiver, value.name) : undefined;
    if (sdkField) return sdkField;
    if (receiver.kind === 'object') {
      const entry = [...receiver.entries].reverse().find((e) => 'key' in e && e.key === value.name);
      // A key a known object literal lacks reads as JavaScript's `undefined`.
      if (!entry) return { kind: 'null', loc: value.loc };
      if (!('key' in entry)) throw new Unknown();
      return entry.value;
    }
    if (receiver.kind === 'list' && (value.name === 'size' || value.name === 'length')) return num(receiver.items.length, value);
    if (receiver.kind === 'string' && value.name === 'length') return num(receiver.value.length, value);
    if (receiver.kind === 'list' && value.name === 'lastIndex') return num(receiver.items.length - 1, value);
    // An object's property read through a local that holds the object (`spec.table`).
    const receiverPath = pathOfValue(receiver);
    const viaObject = receiverPath && receiver !== value.receiver ? env.scope.constant([...receiverPath, value.name]) : undefined;
    if (viaObject) return this.nested(() => this.reduce(viaObject.value, { scope: viaObject.scope, locals: new Map() }));
    return receiver === value.receiver ? value : { ...value, receiver };
  }

  private call(original: CallValue, env: Env): Value {
    // `f(a) { … }` reads as a call of `f(a)` with the lambda: one call with a trailing lambda.
    const value = original.callee.kind === 'call' && original.args.length === 0 && original.lambda && !original.callee.lambda
      ? { ...original.callee, lambda: original.lambda }
      : original;
    const name = calleeName(value);
    if (value.callee.kind === 'ref' && name !== undefined) {
      const builtIn = this.builtIn(name, value, env);
      if (builtIn) return builtIn;
      const fn = env.thisScope?.function?.([name]) ?? env.scope.function?.([name]);
      if (fn) return this.invoke(fn, value, env);
      return this.symbolic(value, env);
    }
    if (value.callee.kind === 'member' && name !== undefined) {
      const callee = value.callee;
      const path = localFree(callee, env) ? pathOfValue(callee) : undefined;
      const fn = path ? env.scope.function?.(path) : undefined;
      if (fn) return this.invoke(fn, value, env);
      if (path?.length === 2 && path[0] === 'Object') return this.objectFunction(path[1], value, env);
      const receiver = this.reduce(callee.receiver, env);
      // `x.let { … }` / `x.run { … }` hand x to the lambda (as `it` / as the only argument).
      if ((name === 'let' || name === 'also') && value.args.length === 0) {
        const lambda = this.lambdaOf(value, env);
        if (!lambda) throw new Unknown();
        const result = this.runLambda(lambda, [receiver]);
        return name === 'let' ? result : receiver;
      }
      if (receiver.kind === 'list') return this.listMethod(receiver, name, value, env);
      if (receiver.kind === 'string') return this.stringMethod(receiver, name, value, env);
      if ((receiver.kind === 'number' || receiver.kind === 'boolean') && name === 'toString') return scalarToString(receiver, value);
      // A member function of an object held by a local (`spec.putSql()`).
      const receiverPath = receiver !== callee.receiver ? pathOfValue(receiver) : undefined;
      const viaObject = receiverPath ? env.scope.function?.([...receiverPath, name]) : undefined;
      if (viaObject) return this.invoke(viaObject, value, env);
      return this.symbolic({ ...value, callee: { ...callee, receiver } }, env);
    }
    throw new Unknown();
  }

  /** JavaScript's `Object.fromEntries(pairs)`, `Object.keys(o)`, `Object.values(o)`, `Object.entries(o)`. */
  private objectFunction(name: string, value: CallValue, env: Env): Value {
    const arg = value.args.length === 1 && !value.args[0].spread ? this.reduce(value.args[0].value, env) : undefined;
    if (!arg) throw new Unknown();
    if (name === 'fromEntries') {
      if (arg.kind !== 'list') throw new Unknown();
      const entries = arg.items.map((pair) => {
        if (pair.kind !== 'list' || pair.items.length !== 2) throw new Unknown();
        const key = scalarText(pair.items[0]);
        return { key, value: pair.items[1], keyLoc: pair.items[0].loc, loc: pair.loc };
      });
      const unique = entries.filter((e, i) => !entries.slice(i + 1).some((later) => later.key === e.key));
      return { kind: 'object', entries: unique, loc: value.loc };
    }
    if (arg.kind !== 'object') throw new Unknown();
    const pairs = arg.entries.flatMap((e) => ('key' in e && e.key !== undefined ? [{ key: e.key, value: e.value, loc: e.loc }] : []));
    if (name === 'keys') return { kind: 'list', items: pairs.map((p) => str(p.key, p)), loc: value.loc };
    if (name === 'values') return { kind: 'list', items: pairs.map((p) => p.value), loc: value.loc };
    if (name === 'entries') return { kind: 'list', items: pairs.map((p) => ({ kind: 'list', items: [str(p.key, p), p.value], loc: p.loc })), loc: value.loc };
    throw new Unknown();
  }

  /** A call that is no function here (`Column("x")`): kept, with its arguments evaluated. */
  private symbolic(value: CallValue, env: Env): Value {
    if (value.lambda) throw new Unknown();
    return { ...value, args: value.args.map((a) => ({ ...a, value: this.reduce(a.value, env) })) };
  }

  private builtIn(name: string, value: CallValue, env: Env): Value | undefined {
    switch (name) {
      case 'buildList':
      case 'mutableListOf':
      case 'buildString': {
        if (name === 'mutableListOf' && !value.lambda) return undefined;
        const lambda = this.lambdaOf(value, env);
        if (!lambda) return undefined;
        const builder: Builder = name === 'buildString' ? { text: '' } : { items: [] };
        this.runLambda(lambda, [], builder);
        return name === 'buildString' ? str(builder.text!, value) : { kind: 'list', items: builder.items!, loc: value.loc };
      }
      case 'List': {
        const lambda = this.lambdaOf(value, env);
        const count = value.args[0] && this.reduce(value.args[0].value, env);
        if (!lambda || count?.kind !== 'number' || count.value > MAX_ITEMS) throw new Unknown();
        return { kind: 'list', items: Array.from({ length: count.value }, (_, i) => this.runLambda(lambda, [num(i, value)])), loc: value.loc };
      }
      case 'repeat': {
        const lambda = this.lambdaOf(value, env);
        const count = value.args[0] && this.reduce(value.args[0].value, env);
        if (!lambda || count?.kind !== 'number' || count.value > MAX_ITEMS) throw new Unknown();
        for (let i = 0; i < count.value; i++) this.runLambda(lambda, [num(i, value)]);
        return UNIT;
      }
      case 'add':
      case 'addAll':
      case 'append': {
        const builder = builderOf(env);
        if (!builder || value.args.length !== 1) return undefined;
        const item = this.reduce(value.args[0].value, env);
        if (name === 'append' && builder.text !== undefined) builder.text = capped(builder.text + scalarText(item));
        else if (name === 'add' && builder.items) pushCapped(builder.items, [item]);
        else if (name === 'addAll' && builder.items && item.kind === 'list') pushCapped(builder.items, item.items);
        else throw new Unknown();
        return UNIT;
      }
      default:
        return undefined;
    }
  }

  private listMethod(list: ListValue, name: string, value: CallValue, env: Env): Value {
    const lambda = () => {
      const l = this.lambdaOf(value, env);
      if (!l) throw new Unknown();
      return l;
    };
    switch (name) {
      case 'joinToString': {
        const text = (argName: string, position: number, fallback: string) => {
          const arg = argumentFor(value.args, argName, position);
          return arg ? scalarText(this.reduce(arg.value, env)) : fallback;
        };
        if (argumentFor(value.args, 'limit', 3)) throw new Unknown();
        const transformArg = argumentFor(value.args, 'transform', 5);
        const transform = value.lambda ? lambda() : transformArg ? this.reduce(transformArg.value, env) : undefined;
        if (transform && transform.kind !== 'lambda') throw new Unknown();
        const items = list.items.map((item) => scalarText(transform ? this.runLambda(transform, [item]) : item));
        return str(capped(text('prefix', 1, '') + items.join(text('separator', 0, ', ')) + text('postfix', 2, '')), value);
      }
      case 'map':
        return { kind: 'list', items: list.items.map((item) => this.runLambda(lambda(), [item])), loc: value.loc };
      case 'mapIndexed':
        return { kind: 'list', items: list.items.map((item, i) => this.runLambda(lambda(), [num(i, value), item])), loc: value.loc };
      case 'flatMap':
        return {
          kind: 'list',
          items: list.items.flatMap((item) => {
            const mapped = this.runLambda(lambda(), [item]);
            if (mapped.kind !== 'list') throw new Unknown();
            return mapped.items;
          }),
          loc: value.loc,
        };
      case 'filter':
        return {
          kind: 'list',
          items: list.items.filter((item) => {
            const kept = this.runLambda(lambda(), [item]);
            if (kept.kind !== 'boolean') throw new Unknown();
            return kept.value;
          }),
          loc: value.loc,
        };
      case 'forEach':
        for (const item of list.items) this.runLambda(lambda(), [item]);
        return UNIT;
      case 'plus': {
        const other = value.args[0] && this.reduce(value.args[0].value, env);
        if (!other) throw new Unknown();
        return { kind: 'list', items: other.kind === 'list' ? [...list.items, ...other.items] : [...list.items, other], loc: value.loc };
      }
      case 'drop':
      case 'take': {
        const n = value.args[0] && this.reduce(value.args[0].value, env);
        if (n?.kind !== 'number') throw new Unknown();
        return { kind: 'list', items: name === 'drop' ? list.items.slice(n.value) : list.items.slice(0, n.value), loc: value.loc };
      }
      case 'first':
      case 'last':
        if (value.args.length > 0 || value.lambda || list.items.length === 0) throw new Unknown();
        return name === 'first' ? list.items[0] : list.items[list.items.length - 1];
      case 'toList':
      case 'toMutableList':
        return list;
      case 'join': {
        // JavaScript's Array.prototype.join: `,` unless a separator is given.
        if (value.args.length > 1) throw new Unknown();
        const separator = value.args[0] ? scalarText(this.reduce(value.args[0].value, env)) : ',';
        return str(capped(list.items.map(scalarText).join(separator)), value);
      }
      case 'concat': {
        const items = [...list.items];
        for (const arg of value.args) {
          const other = this.reduce(arg.value, env);
          if (other.kind === 'list') pushCapped(items, other.items);
          else pushCapped(items, [other]);
        }
        return { kind: 'list', items, loc: value.loc };
      }
      default:
        throw new Unknown();
    }
  }

  private stringMethod(text: Extract<Value, { kind: 'string' }>, name: string, value: CallValue, env: Env): Value {
    const arg = (i: number) => {
      const a = value.args[i];
      if (!a) throw new Unknown();
      return this.reduce(a.value, env);
    };
    switch (name) {
      case 'lowercase':
      case 'toLowerCase':
        return str(text.value.toLowerCase(), value);
      case 'uppercase':
      case 'toUpperCase':
        return str(text.value.toUpperCase(), value);
      case 'replaceAll':
        return str(capped(text.value.split(scalarText(arg(0))).join(scalarText(arg(1)))), value);
      case 'trim':
        return str(text.value.trim(), value);
      case 'trimIndent':
        return str(trimIndent(text.value), value);
      case 'trimMargin':
        return str(trimMargin(text.value, value.args[0] ? scalarText(arg(0)) : '|'), value);
      case 'replace': {
        // Kotlin replaces every occurrence, JavaScript's string pattern only the first: the same
        // when there is at most one, and that is all that is evaluated.
        const parts = text.value.split(scalarText(arg(0)));
        if (parts.length > 2) throw new Unknown();
        return str(capped(parts.join(scalarText(arg(1)))), value);
      }
      case 'plus':
        return str(capped(text.value + scalarText(arg(0))), value);
      case 'toString':
        return text;
      default:
        throw new Unknown();
    }
  }

  /** The trailing lambda, or a lambda given as the last argument. */
  private lambdaOf(value: CallValue, env: Env): LambdaValue | undefined {
    const written = value.lambda ?? value.args[value.args.length - 1]?.value;
    if (!written) return undefined;
    const reduced = this.reduce(written, env);
    return reduced.kind === 'lambda' ? reduced : undefined;
  }

  private runLambda(lambda: Value, args: Value[], builder?: Builder): Value {
    if (lambda.kind !== 'lambda' || !lambda.body || !lambda.params) throw new Unknown();
    const closure = this.closures.get(lambda);
    if (!closure) throw new Unknown();
    const locals = new Map<string, Value | undefined>();
    // `{ it }` takes one argument; `{ a, b -> }` as many as given.
    lambda.params.forEach((p, i) => locals.set(p, args[i]));
    // `([key, value]) => …` over `Object.entries(…)`: each name takes the item at its position.
    lambda.destructured?.forEach((names, i) => {
      if (!names) return;
      const arg = args[i];
      if (arg?.kind !== 'list' || arg.items.length < names.length) throw new Unknown();
      names.forEach((name, j) => locals.set(name, arg.items[j]));
    });
    return this.nested(() => this.block(lambda.body!, { scope: closure.scope, thisScope: closure.thisScope, locals, parent: closure, builder, returnsValue: lambda.returnsValue }, true));
  }

  private invoke(fn: ResolvedFunction, value: CallValue, env: Env): Value {
    const code = fn.fact.code;
    if (!code || value.lambda) throw new Unknown();
    const locals = new Map<string, Value | undefined>();
    fn.fact.parameters.forEach((p, i) => {
      const arg = argumentFor(value.args, p.name, i);
      if (!arg || arg.spread) throw new Unknown(); // a default value is not read
      locals.set(p.name, this.reduce(arg.value, env));
    });
    return this.nested(() => this.block(code, { scope: fn.scope, thisScope: fn.thisScope, locals }, false));
  }

  /** Runs statements; a lambda's value is its last expression, a function's its `return`. */
  private block(statements: Statement[], env: Env, isLambda: boolean): Value {
    let last: Value = UNIT;
    for (const statement of statements) {
      switch (statement.kind) {
        case 'val':
          env.locals.set(statement.name, this.reduce(statement.value, env));
          last = UNIT;
          break;
        case 'expr':
          last = this.reduce(statement.value, env);
          break;
        case 'return':
          // In a Kotlin lambda it returns from the enclosing function; a JavaScript arrow returns its value.
          if (isLambda && !env.returnsValue) throw new Unknown();
          return statement.value ? this.reduce(statement.value, env) : UNIT;
        default:
          throw new Unknown();
      }
    }
    if (!isLambda) return UNIT;
    return last;
  }

  private nested<T>(work: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new Unknown();
    try {
      return work();
    } finally {
      this.depth--;
    }
  }
}

/**
 * A getter of a Dart `Map` literal: `.keys` and `.values` (in the literal's order, a later key
 * replacing an earlier one in place, as Dart's LinkedHashMap does), `.length`, `.isEmpty`,
 * `.isNotEmpty`. Unknown for a spread or a computed key (which keys it has is not known) and for any
 * other name.
 */
function dartMapGetter(map: Extract<Value, { kind: 'object' }>, value: Extract<Value, { kind: 'member' }>): Value {
  const entries = new Map<string, { keyLoc: Value['loc']; value: Value }>();
  for (const entry of map.entries) {
    if (!('key' in entry) || entry.key === undefined) throw new Unknown();
    entries.set(entry.key, { keyLoc: entry.keyLoc, value: entry.value });
  }
  switch (value.name) {
    case 'values':
      return { kind: 'list', items: [...entries.values()].map((e) => e.value), loc: value.loc };
    case 'keys':
      return { kind: 'list', items: [...entries].map(([key, e]) => ({ kind: 'string', value: key, raw: false, loc: e.keyLoc }) as Value), loc: value.loc };
    case 'length':
      return num(entries.size, value);
    case 'isEmpty':
    case 'isNotEmpty':
      return { kind: 'boolean', value: (entries.size === 0) === (value.name === 'isEmpty'), loc: value.loc };
    default:
      throw new Unknown();
  }
}

/**
 * A field of PowerSync's Dart `Schema`, `RawTable` or `Column` built by a call the evaluator holds:
 * each is final and set from its constructor's parameter (`schema.rawTables`, `table.name`,
 * `Column.text('x').name`).
 */
function dartSdkField(call: CallValue, field: string): Value | undefined {
  const callee = dottedName(call.callee)?.split('.') ?? [];
  const last = callee[callee.length - 1];
  const isSchema = last === 'Schema' && field === 'rawTables';
  const isRawTable = (last === 'RawTable' || (last === 'inferred' && callee[callee.length - 2] === 'RawTable')) && field === 'name';
  // `Column('x', ColumnType.text)`, `Column.text('x')`, `.integer`, `.real`: the name is the first argument.
  const isColumn = field === 'name' && (last === 'Column' || (callee[callee.length - 2] === 'Column' && ['text', 'integer', 'real'].includes(last)));
  if (isColumn) return call.args[0] && call.args[0].name === undefined ? call.args[0].value : undefined;
  if (!isSchema && !isRawTable) return undefined;
  return call.args.find((a) => a.name === field)?.value;
}

function builderOf(env: Env): Builder | undefined {
  for (let e: Env | undefined = env; e; e = e.parent) if (e.builder) return e.builder;
  return undefined;
}

/** JavaScript's truthiness of a known value; unknown for anything symbolic. */
function truthy(value: Value): boolean {
  switch (value.kind) {
    case 'string':
      return value.value.length > 0;
    case 'number':
      return value.value !== 0 && !Number.isNaN(value.value);
    case 'boolean':
      return value.value;
    case 'null':
      if (value === UNIT) throw new Unknown();
      return false;
    case 'list':
    case 'object':
    case 'lambda':
      return true;
    default:
      throw new Unknown();
  }
}

/** Whether two known scalars are equal (strictly); unknown unless both are scalars. */
function sameScalar(a: Value, b: Value): boolean {
  const scalar = (v: Value) => v.kind === 'string' || v.kind === 'number' || v.kind === 'boolean' || (v.kind === 'null' && v !== UNIT);
  if (!scalar(a) || !scalar(b)) throw new Unknown();
  if (a.kind !== b.kind) return false;
  if (a.kind === 'null') return true;
  return (a as { value: unknown }).value === (b as { value: unknown }).value;
}

/** A value's text in a template: strings, numbers and booleans as Kotlin prints them. */
function scalarText(value: Value): string {
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'number':
    case 'boolean':
      return String(value.value);
    case 'null':
      if (value === UNIT) throw new Unknown();
      return 'null';
    default:
      throw new Unknown();
  }
}

/**
 * `n.toString()` of an integer or a Boolean, as Kotlin prints it; a floating-point number
 * (Kotlin writes `1.0` where JavaScript writes `1`) or `toString(radix)` stays unknown.
 */
function scalarToString(receiver: Extract<Value, { kind: 'number' | 'boolean' }>, value: CallValue): Value {
  if (value.args.length > 0 || value.lambda) throw new Unknown();
  if (receiver.kind === 'number' && (!Number.isSafeInteger(receiver.value) || !/^-?(0[xXbB][0-9a-fA-F_]+|[0-9_]+)[lL]?$/.test(receiver.text))) throw new Unknown();
  return str(String(receiver.value), value);
}

/** Whether no segment of a dotted name is a local (then it may name a constant or an object). */
function localFree(value: Value, env: Env): boolean {
  let head: Value = value;
  while (head.kind === 'member') head = head.receiver;
  if (head.kind !== 'ref') return false;
  for (let e: Env | undefined = env; e; e = e.parent) if (e.locals.has(head.name)) return false;
  return true;
}

function pathOfValue(value: Value): string[] | undefined {
  if (value.kind === 'ref') return value.declaredLocally === undefined && value.localValue === undefined ? [value.name] : undefined;
  if (value.kind === 'member') {
    const left = pathOfValue(value.receiver);
    return left ? [...left, value.name] : undefined;
  }
  return undefined;
}

function str(text: string, at: { loc: Value['loc'] }): Value {
  return { kind: 'string', value: text, raw: false, loc: at.loc };
}

function num(n: number, at: { loc: Value['loc'] }): Value {
  return { kind: 'number', value: n, text: String(n), loc: at.loc };
}

function capped(text: string): string {
  if (text.length > MAX_TEXT) throw new Unknown();
  return text;
}

function pushCapped(items: Value[], added: Value[]): void {
  if (items.length + added.length > MAX_ITEMS) throw new Unknown();
  items.push(...added);
}
