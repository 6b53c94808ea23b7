import type { Argument, CallValue, LambdaValue, ObjectEntry, OperatorValue, Statement, StringValue, Value } from '../../model/value';
import { locationOf, type Node } from './parser';
import { LocalScopes } from './scopes';

/**
 * How deeply nested an expression is read before the rest of it becomes unknown: no real
 * declaration nests this deep, and the reader recurses once per level.
 */
export const MAX_EXPRESSION_DEPTH = 200;

/** Local names followed for one scoped read at most, so a name used many times cannot blow up. */
const MAX_LOCAL_LOOKUPS = 400;

/** Node types that only wrap an expression for the type checker, or group it: their value is the inner one. */
const TRANSPARENT = new Set(['as_expression', 'satisfies_expression', 'non_null_expression', 'parenthesized_expression', 'type_assertion']);

/** Node types of function expressions, read as lambdas. */
export const FUNCTION_EXPRESSIONS = new Set(['arrow_function', 'function_expression', 'function', 'generator_function']);

/**
 * Turns TypeScript/JavaScript expression nodes into `Value` trees, keeping every location (the
 * contract of model/value.ts, as the Kotlin reader keeps it). `readScoped` also follows this
 * file's scopes: a name a `const` of an enclosing function declares carries that initializer as
 * `localValue`; a parameter, `let`, `var`, loop or destructured name carries `declaredLocally`;
 * a name no enclosing function declares is left for the model to resolve.
 */
export class ExpressionReader {
  private depth = 0;
  private scoped = false;
  private lookups = 0;
  /** Initializers being read through a local right now: a name leading back to one is a cycle. */
  private readonly active = new Set<number>();
  /** The file's local declarations, gathered once per block and function. */
  private readonly scopes = new LocalScopes();

  constructor(private readonly uri: string) {}

  read(node: Node): Value {
    if (this.depth >= MAX_EXPRESSION_DEPTH) return tooDeep(this.uri, node);
    this.depth++;
    try {
      return this.readNode(node);
    } finally {
      this.depth--;
    }
  }

  /** `read`, with names resolved through the enclosing functions' declarations (see the class comment). */
  readScoped(node: Node): Value {
    if (this.scoped) return this.read(node);
    this.scoped = true;
    this.lookups = 0;
    try {
      return this.read(node);
    } finally {
      this.scoped = false;
    }
  }

  private readNode(node: Node): Value {
    const loc = locationOf(this.uri, node);
    switch (node.type) {
      case 'string':
        return this.readString(node);
      case 'template_string':
        return this.readTemplate(node);
      case 'number':
        return { kind: 'number', value: parseJsNumber(node.text), text: node.text, loc };
      case 'true':
      case 'false':
        return { kind: 'boolean', value: node.type === 'true', loc };
      case 'null':
      case 'undefined':
        return { kind: 'null', loc };
      case 'identifier':
        return this.readIdentifier(node);
      case 'this':
        return { kind: 'ref', name: 'this', loc };
      case 'unary_expression': {
        const operand = node.childForFieldName('argument');
        if (operand && node.childForFieldName('operator')?.type === '-') {
          const inner = this.read(operand);
          if (inner.kind === 'number') return { kind: 'number', value: -inner.value, text: node.text, loc };
        }
        if (operand && node.childForFieldName('operator')?.type === '!') return { kind: 'operator', operator: '!', operands: [this.read(operand)], loc };
        return { kind: 'unknown', text: node.text, loc };
      }
      case 'ternary_expression': {
        const parts = ['condition', 'consequence', 'alternative'].map((field) => node.childForFieldName(field));
        if (parts.some((p) => !p)) return { kind: 'unknown', text: node.text, loc };
        return { kind: 'operator', operator: '?:', operands: parts.map((p) => this.read(p!)), loc };
      }
      case 'member_expression': {
        const object = node.childForFieldName('object');
        const property = node.childForFieldName('property');
        if (!object || !property) return { kind: 'unknown', text: node.text, loc };
        return { kind: 'member', receiver: this.read(object), name: property.text, loc };
      }
      case 'subscript_expression': {
        // `obj['key']` names the member `key`; any other index is known only at run time.
        const object = node.childForFieldName('object');
        const index = node.childForFieldName('index');
        const key = index ? this.read(index) : undefined;
        if (!object || key?.kind !== 'string') return { kind: 'unknown', text: node.text, loc };
        return { kind: 'member', receiver: this.read(object), name: key.value, loc };
      }
      case 'call_expression':
        return this.readCall(node, node.childForFieldName('function'));
      case 'new_expression':
        return this.readCall(node, node.childForFieldName('constructor'));
      case 'array':
        return {
          kind: 'list',
          items: codeChildren(node).map((item) => (item.type === 'spread_element' ? this.readSpread(item) : this.read(item))),
          loc,
        };
      case 'object':
        return this.readObject(node);
      case 'binary_expression':
        return this.readBinary(node);
      default:
        if (FUNCTION_EXPRESSIONS.has(node.type)) return this.readLambda(node);
        if (TRANSPARENT.has(node.type)) {
          // `x as T`, `x satisfies T`, `x!`, `(x)`: the expression comes first; `<T>x`: last.
          const children = codeChildren(node);
          const inner = node.type === 'type_assertion' ? children[children.length - 1] : children[0];
          return inner ? this.read(inner) : { kind: 'unknown', text: node.text, loc };
        }
        return { kind: 'unknown', text: node.text, loc };
    }
  }

  private readIdentifier(node: Node): Value {
    const loc = locationOf(this.uri, node);
    // `undefined` is an identifier where it is not a literal (a parameter's default, say).
    if (node.text === 'undefined') return { kind: 'null', loc };
    const ref: Value = { kind: 'ref', name: node.text, loc };
    if (!this.scoped || ++this.lookups > MAX_LOCAL_LOOKUPS) return ref;
    const local = this.scopes.lookup(node);
    if (!local) return ref;
    if (local.kind === 'declared') return { ...ref, declaredLocally: local.reason };
    if (this.active.has(local.initializer.id)) return ref;
    this.active.add(local.initializer.id);
    try {
      return { ...ref, localValue: this.read(local.initializer) };
    } finally {
      this.active.delete(local.initializer.id);
    }
  }

  /** `'…'` or `"…"`: its value with escapes resolved, the quote, and where each escape stood. */
  private readString(node: Node): StringValue {
    const loc = locationOf(this.uri, node);
    const quote = node.text.startsWith("'") ? "'" : '"';
    const { value, escapes } = this.literalText(codeChildren(node));
    return { kind: 'string', value, raw: false, quote, ...(escapes.length > 0 ? { escapes } : {}), loc };
  }

  /**
   * A template literal: without substitutions one string (quote '`'); with them a template whose
   * literal parts are strings (sharing the template's location, as Kotlin's do) and whose
   * substitutions are the expressions.
   */
  private readTemplate(node: Node): Value {
    const loc = locationOf(this.uri, node);
    const parts: Value[] = [];
    let pending: Node[] = [];
    const flush = () => {
      if (pending.length === 0) return;
      const { value, escapes } = this.literalText(pending);
      if (value.length > 0) parts.push({ kind: 'string', value, raw: false, quote: '`', ...(escapes.length > 0 ? { escapes } : {}), loc });
      pending = [];
    };
    let substituted = false;
    for (const child of codeChildren(node)) {
      if (child.type === 'template_substitution') {
        substituted = true;
        flush();
        const expr = codeChildren(child)[0];
        parts.push(expr ? this.read(expr) : { kind: 'unknown', text: child.text, loc: locationOf(this.uri, child) });
      } else {
        pending.push(child);
      }
    }
    if (!substituted) {
      const { value, escapes } = this.literalText(codeChildren(node));
      return { kind: 'string', value, raw: false, quote: '`', ...(escapes.length > 0 ? { escapes } : {}), loc };
    }
    flush();
    return { kind: 'template', parts, raw: false, loc };
  }

  /** The text of string fragments and escape sequences, escapes resolved and recorded at their value offset. */
  private literalText(children: Node[]): { value: string; escapes: { at: number; source: string }[] } {
    let value = '';
    const escapes: { at: number; source: string }[] = [];
    for (const child of children) {
      if (child.type === 'escape_sequence') {
        escapes.push({ at: value.length, source: child.text });
        value += unescapeJs(child.text);
      } else if (child.type === 'string_fragment' || child.type === 'html_character_reference') {
        value += child.text;
      }
    }
    return { value, escapes };
  }

  private readCall(node: Node, calleeNode: Node | null): Value {
    const loc = locationOf(this.uri, node);
    if (!calleeNode) return { kind: 'unknown', text: node.text, loc };
    // What a callee's names stand for locally is not needed (`tx` in `tx.execute(…)`): read it as written.
    const scoped = this.scoped;
    this.scoped = false;
    let callee: Value;
    try {
      callee = this.read(calleeNode);
    } finally {
      this.scoped = scoped;
    }
    const argsNode = node.childForFieldName('arguments');
    // A tagged template (`String.raw\`…\``) is a call with the template as its one argument.
    const args = argsNode?.type === 'template_string'
      ? [{ value: this.read(argsNode), loc: locationOf(this.uri, argsNode) }]
      : this.readArguments(argsNode);
    const typeArgsNode = node.childForFieldName('type_arguments');
    const typeArgs = typeArgsNode ? codeChildren(typeArgsNode).map((t) => t.text) : [];
    const call: CallValue = { kind: 'call', callee, args, typeArgs, loc };
    return call;
  }

  readArguments(argsNode: Node | null | undefined): Argument[] {
    if (!argsNode) return [];
    return codeChildren(argsNode).map((arg): Argument => {
      const loc = locationOf(this.uri, arg);
      if (arg.type === 'spread_element') {
        const inner = codeChildren(arg)[0];
        return { value: inner ? this.read(inner) : { kind: 'unknown', text: arg.text, loc }, spread: true, loc };
      }
      return { value: this.read(arg), loc };
    });
  }

  /** `{ key: value, shorthand, ...spread, ['literal']: v, [computed]: v, method() {} }`. */
  private readObject(node: Node): Value {
    const entries: ObjectEntry[] = [];
    for (const child of codeChildren(node)) {
      const loc = locationOf(this.uri, child);
      if (child.type === 'pair') {
        const keyNode = child.childForFieldName('key');
        const valueNode = child.childForFieldName('value');
        if (!keyNode || !valueNode) continue;
        const key = this.keyOf(keyNode);
        const computed = key === undefined ? this.computedKey(keyNode) : undefined;
        entries.push({ key, ...(computed ? { computedKey: computed } : {}), value: this.read(valueNode), keyLoc: locationOf(this.uri, keyNode), loc });
      } else if (child.type === 'shorthand_property_identifier') {
        entries.push({ key: child.text, value: this.readIdentifier(child), keyLoc: loc, loc });
      } else if (child.type === 'spread_element') {
        const inner = codeChildren(child)[0];
        entries.push({ spread: inner ? this.read(inner) : { kind: 'unknown', text: child.text, loc }, loc });
      } else if (child.type === 'method_definition') {
        const keyNode = child.childForFieldName('name');
        if (!keyNode) continue;
        entries.push({ key: this.keyOf(keyNode), value: this.readLambda(child), keyLoc: locationOf(this.uri, keyNode), loc });
      }
    }
    return { kind: 'object', entries, loc: locationOf(this.uri, node) };
  }

  /** A property name as written: an identifier, a string or number literal, or a computed key holding a string literal. */
  private keyOf(keyNode: Node): string | undefined {
    if (keyNode.type === 'property_identifier' || keyNode.type === 'private_property_identifier' || keyNode.type === 'number') return keyNode.text;
    if (keyNode.type === 'string') return this.readString(keyNode).value;
    if (keyNode.type === 'computed_property_name') {
      const inner = codeChildren(keyNode)[0];
      const value = inner ? this.read(inner) : undefined;
      return value?.kind === 'string' ? value.value : undefined;
    }
    return undefined;
  }

  /** `[TODOS_TABLE]: …`: the expression a computed key is, for the model to evaluate. */
  private computedKey(keyNode: Node): Value | undefined {
    if (keyNode.type !== 'computed_property_name') return undefined;
    const inner = codeChildren(keyNode)[0];
    return inner ? this.read(inner) : undefined;
  }

  /** `...items` in an array: a spread of what it names, or unknown when nothing follows the dots. */
  private readSpread(node: Node): Value {
    const inner = codeChildren(node)[0];
    const loc = locationOf(this.uri, node);
    return inner ? { kind: 'spread', value: this.read(inner), loc } : { kind: 'unknown', text: node.text, loc };
  }

  /** An arrow function, function expression or method: its parameters and statements. */
  readLambda(node: Node): LambdaValue {
    const loc = locationOf(this.uri, node);
    const body = node.childForFieldName('body');
    // Its `return` gives its value (model/interpret.ts), unlike a Kotlin lambda's.
    const lambda: LambdaValue = { kind: 'lambda', params: parameterNames(node), returnsValue: true, loc };
    const destructured = arrayPatternNames(node);
    if (destructured.some((names) => names !== undefined)) lambda.destructured = destructured;
    if (!body) return lambda;
    if (body.type === 'statement_block') lambda.body = this.readStatements(codeChildren(body));
    else lambda.body = [{ kind: 'return', value: this.read(body), loc: locationOf(this.uri, body) }];
    return lambda;
  }

  /** Statements of a block, as the bounded evaluator follows them. */
  readStatements(nodes: Node[]): Statement[] {
    const statements: Statement[] = [];
    for (const node of nodes) {
      const loc = locationOf(this.uri, node);
      if (node.type === 'lexical_declaration' && node.childForFieldName('kind')?.type === 'const') {
        for (const declarator of codeChildren(node).filter((c) => c.type === 'variable_declarator')) {
          const name = declarator.childForFieldName('name');
          const value = declarator.childForFieldName('value');
          const at = locationOf(this.uri, declarator);
          statements.push(name?.type === 'identifier' && value ? { kind: 'val', name: name.text, value: this.read(value), loc: at } : { kind: 'other', loc: at });
        }
      } else if (node.type === 'return_statement') {
        const value = codeChildren(node)[0];
        statements.push({ kind: 'return', ...(value ? { value: this.read(value) } : {}), loc });
      } else if (node.type === 'expression_statement') {
        const expr = codeChildren(node)[0];
        statements.push(expr ? { kind: 'expr', value: this.read(expr), loc } : { kind: 'other', loc });
      } else if (node.type !== 'empty_statement') {
        statements.push({ kind: 'other', loc });
      }
    }
    return statements;
  }

  private readBinary(node: Node): Value {
    const loc = locationOf(this.uri, node);
    const operator = node.childForFieldName('operator')?.type;
    if (operator && OPERATORS.has(operator)) {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left && right) return { kind: 'operator', operator: operator as OperatorValue['operator'], operands: [this.read(left), this.read(right)], loc };
    }
    const operands = operator === '+' ? concatOperands(node) : undefined;
    if (!operands) return { kind: 'unknown', text: node.text, loc };
    return { kind: 'template', parts: operands.flatMap((o) => flattenConcat(this.read(o))), raw: false, loc };
  }
}

/** Binary operators read as OperatorValues (comparisons and logic; the evaluator runs them). */
const OPERATORS = new Set(['===', '!==', '==', '!=', '&&', '||', '??']);

/**
 * The parameter names of a function node (`_` for a destructured one); undefined when it has none
 * written the reader knows (never: an empty list for `()`).
 */
export function parameterNames(fn: Node): string[] {
  const single = fn.childForFieldName('parameter');
  if (single) return [single.text];
  const params = fn.childForFieldName('parameters');
  if (!params) return [];
  return codeChildren(params).map((p) => {
    const pattern = p.childForFieldName('pattern') ?? (p.type === 'identifier' ? p : null);
    return pattern?.type === 'identifier' ? pattern.text : '_';
  }).filter((_, i, all) => all[i] !== 'this');
}

/**
 * Per parameter of a function node, the names of an array pattern whose elements are all plain
 * names (`[table, columns]`); undefined for any other parameter (a name, an object pattern, a
 * pattern with defaults, holes, rests or nesting, whose names then stay unknown).
 */
function arrayPatternNames(fn: Node): (string[] | undefined)[] {
  if (fn.childForFieldName('parameter')) return [undefined];
  const params = fn.childForFieldName('parameters');
  if (!params) return [];
  return codeChildren(params).map((p) => {
    const pattern = p.childForFieldName('pattern') ?? p;
    if (pattern.type !== 'array_pattern' || p.childForFieldName('value')) return undefined;
    const elements = codeChildren(pattern);
    // A hole (`[, b]`) leaves a comma without an element: its positions are not the written ones.
    const commas = pattern.children.filter((c) => c?.type === ',').length;
    if (elements.length === 0 || commas >= elements.length || elements.some((e) => e.type !== 'identifier')) return undefined;
    return elements.map((e) => e.text);
  });
}

/** Left to right, the operands of a chain of `+` that nests to the left (a loop: a long concatenation costs no stack). */
function concatOperands(node: Node): Node[] | undefined {
  const rights: Node[] = [];
  let current = node;
  while (current.type === 'binary_expression' && current.childForFieldName('operator')?.type === '+') {
    const left = current.childForFieldName('left');
    const right = current.childForFieldName('right');
    if (!left || !right) return undefined;
    rights.push(right);
    current = left;
  }
  return [current, ...rights.reverse()];
}

function flattenConcat(v: Value): Value[] {
  if (v.kind === 'template' && !v.trim) return v.parts;
  return [v];
}

/** An expression past MAX_EXPRESSION_DEPTH: unknown, with a short text (the node's may be huge). */
function tooDeep(uri: string, node: Node): Value {
  return { kind: 'unknown', text: `(nested deeper than ${MAX_EXPRESSION_DEPTH} levels)`, loc: locationOf(uri, node) };
}

/** Named children that are code, not comments (comments may sit among any node's children). */
export function codeChildren(node: Node): Node[] {
  const out: Node[] = [];
  for (const child of node.namedChildren) if (child && child.type !== 'comment') out.push(child);
  return out;
}

/** A JavaScript numeric literal: decimal, `0x`, `0o`, `0b`, `_` separators, a BigInt's `n`. */
export function parseJsNumber(text: string): number {
  const t = text.replace(/_/g, '').replace(/n$/, '');
  if (/^0[xX]/.test(t)) return parseInt(t.slice(2), 16);
  if (/^0[oO]/.test(t)) return parseInt(t.slice(2), 8);
  if (/^0[bB]/.test(t)) return parseInt(t.slice(2), 2);
  return Number(t);
}

/** The character(s) an escape sequence stands for; a line continuation stands for none. */
export function unescapeJs(seq: string): string {
  const c = seq.slice(1);
  switch (c) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'v': return '\v';
    case '0': return '\0';
    case '\n': case '\r\n': case '\r': case '\u2028': case '\u2029': return '';
    default:
      if (/^x[0-9A-Fa-f]{2}$/.test(c)) return String.fromCharCode(parseInt(c.slice(1), 16));
      if (/^u[0-9A-Fa-f]{4}$/.test(c)) return String.fromCharCode(parseInt(c.slice(1), 16));
      if (/^u\{[0-9A-Fa-f]+\}$/.test(c)) {
        const code = parseInt(c.slice(2, -1), 16);
        return code <= 0x10ffff ? String.fromCodePoint(code) : c;
      }
      return c;
  }
}
