import type { Argument, CallValue, LambdaValue, ObjectEntry, Statement, StringValue, Value } from '../../model/value';
import { locationOf, type Node } from './parser';
import type { LocalNames } from './local-names';

/**
 * How deeply nested an expression is read before the rest of it becomes unknown: no real
 * declaration nests this deep, and the reader recurses once per level.
 */
export const MAX_EXPRESSION_DEPTH = 200;

/** The named children of a node, comments left out. */
export function codeChildren(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment' && c.type !== 'documentation_comment');
}

/**
 * Nodes that continue the expression before them: tree-sitter-dart writes `a.b(c)!` as the
 * siblings `a`, `.b`, `(c)`, `!`, not as nested nodes.
 */
const CONTINUATIONS = new Set(['selector', 'cascade_section']);

/** Named nodes that separate expressions among siblings (operators, labels, type parts) and are no expression. */
const SEPARATORS = new Set([
  'label', 'additive_operator', 'multiplicative_operator', 'relational_operator', 'equality_operator', 'logical_and_operator',
  'logical_or_operator', 'bitwise_operator', 'shift_operator', 'type_arguments', 'type_identifier', 'const_builtin', 'final_builtin',
  'inferred_type', 'assignment_operator', 'is_operator', 'as_operator', 'type_test', 'type_cast', 'prefix_operator', 'void_type',
  'function_type', 'nullable_type', 'identifier_list', 'annotation', 'marker_annotation',
]);

/**
 * The expressions among `children`: each a primary node with the selectors after it. Separators
 * end an expression without starting one.
 */
export function expressionRuns(children: readonly Node[]): Node[][] {
  const runs: Node[][] = [];
  let current: Node[] | undefined;
  for (const child of children) {
    if (CONTINUATIONS.has(child.type)) {
      if (current) current.push(child);
      continue;
    }
    if (SEPARATORS.has(child.type) || child.type === 'comment' || child.type === 'documentation_comment') {
      current = undefined;
      continue;
    }
    current = [child];
    runs.push(current);
  }
  return runs;
}

/** The one expression written among `children` (the last when there are several), or undefined. */
export function onlyExpression(children: readonly Node[]): Node[] | undefined {
  const runs = expressionRuns(children);
  return runs[runs.length - 1];
}

/**
 * Turns Dart expression nodes into `Value` trees, keeping every location (the contract of
 * model/value.ts). Names a function declares (parameters, locals) are looked up in `locals` when
 * one is given: a `final`/`const` local carries its initializer as `localValue`, any other local
 * is marked `declaredLocally`; other names are left for the model to resolve.
 */
/** The receiver text of a dot shorthand (`.id()`): the type comes from the context the value is used in. */
export const DOT_SHORTHAND = '.';

export class ExpressionReader {
  private depth = 0;
  /** Initializers being read through a local right now: a name leading back to one is a cycle. */
  private readonly active = new Set<number>();
  /** The closures and blocks entered below the run being read, outermost first (for local names). */
  private readonly scopes: Node[] = [];

  /**
   * The prefixes PowerSync's libraries are imported under (`import 'package:powersync/powersync.dart' as ps;`):
   * `ps.RawTable` reads as `RawTable`, the SDK's own name (its location still spans the prefix).
   */
  readonly sdkPrefixes = new Set<string>();

  constructor(private readonly uri: string) {}

  /** One node (a literal, a name, a nested expression node). */
  read(node: Node, locals?: LocalNames): Value {
    return this.readRun([node], locals);
  }

  /** A primary node and the selectors after it. */
  readRun(run: readonly Node[], locals?: LocalNames): Value {
    if (run.length === 0) return { kind: 'unknown', text: '', loc: { uri: this.uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } };
    if (this.depth >= MAX_EXPRESSION_DEPTH) return tooDeep(this.uri, run);
    this.depth++;
    try {
      let value = this.readPrimary(run[0], locals);
      for (let i = 1; i < run.length; i++) value = this.applySelector(value, run[0], run[i], locals);
      return value;
    } finally {
      this.depth--;
    }
  }

  /** The expression among a node's children (a declaration's initializer, an argument, a body). */
  readChildren(node: Node, locals?: LocalNames): Value | undefined {
    const run = onlyExpression(codeChildren(node));
    return run ? this.readRun(run, locals) : undefined;
  }

  private readPrimary(node: Node, locals: LocalNames | undefined): Value {
    const loc = locationOf(this.uri, node);
    switch (node.type) {
      case 'string_literal':
        return this.readString(node, locals);
      case 'decimal_integer_literal':
      case 'decimal_floating_point_literal':
      case 'hex_integer_literal': {
        const value = Number(node.text.replace(/_/g, ''));
        return Number.isFinite(value) ? { kind: 'number', value, text: node.text, loc } : { kind: 'unknown', text: node.text, loc };
      }
      case 'true':
      case 'false':
        return { kind: 'boolean', value: node.type === 'true', loc };
      case 'null_literal':
        return { kind: 'null', loc };
      case 'identifier':
      case 'type_identifier':
        return this.readIdentifier(node, locals);
      case 'this':
        return { kind: 'ref', name: 'this', loc };
      case 'list_literal':
      case 'set_or_map_literal':
        return this.readCollection(node, locals);
      case 'const_object_expression':
      case 'new_expression':
        return this.readConstruction(node, locals);
      case 'dot_shorthand': {
        // Dart 3.10's `.id()`: a member of the type the context expects, which only the context knows.
        const name = codeChildren(node).find((c) => c.type === 'identifier');
        if (!name) return { kind: 'unknown', text: node.text, loc };
        return { kind: 'member', receiver: { kind: 'unknown', text: DOT_SHORTHAND, loc }, name: name.text, loc };
      }
      case 'parenthesized_expression':
      case 'await_expression':
      case 'type_cast_expression':
      case 'unary_expression':
        return this.readWrapped(node, locals);
      case 'conditional_expression': {
        const runs = expressionRuns(codeChildren(node));
        if (runs.length !== 3) return { kind: 'unknown', text: node.text, loc };
        return { kind: 'operator', operator: '?:', operands: runs.map((r) => this.readRun(r, locals)), loc };
      }
      case 'if_null_expression':
      case 'logical_and_expression':
      case 'logical_or_expression':
      case 'equality_expression':
        return this.readOperator(node, locals);
      case 'additive_expression':
        return this.readConcatenation(node, locals);
      case 'function_expression':
        return this.readLambda(node, locals);
      case 'symbol_literal':
        // `#id`: a Symbol, no string; kept readable for Drift's `references(Table, #column)`.
        return { kind: 'unknown', text: node.text, reason: 'it is a Symbol literal', symbol: node.text.replace(/^#\s*/, ''), loc };
      default:
        return { kind: 'unknown', text: node.text.slice(0, 200), loc };
    }
  }

  private readIdentifier(node: Node, locals: LocalNames | undefined): Value {
    const loc = locationOf(this.uri, node);
    const ref: Value = { kind: 'ref', name: node.text, loc };
    const local = locals?.lookup(node, this.scopes);
    if (!local) return ref;
    if (local.kind === 'declared') return { ...ref, declaredLocally: local.reason };
    if (this.active.has(local.initializer[0].id)) return ref;
    this.active.add(local.initializer[0].id);
    try {
      return { ...ref, localValue: this.readRun(local.initializer, locals) };
    } finally {
      this.active.delete(local.initializer[0].id);
    }
  }

  /** `.name`, `?.name`, `(args)`, `!`, `[index]`, `..cascade`. */
  private applySelector(value: Value, first: Node, selector: Node, locals: LocalNames | undefined): Value {
    const loc = spanning(this.uri, first, selector);
    if (selector.type === 'cascade_section') return value; // `a..b()` is `a`
    const inner = codeChildren(selector)[0];
    if (!inner) return value; // `!`: the same value
    if (inner.type === 'argument_part') {
      const argsNode = codeChildren(inner).find((c) => c.type === 'arguments');
      const typeArgsNode = codeChildren(inner).find((c) => c.type === 'type_arguments');
      const args = this.readArguments(argsNode, locals);
      // Dart's `Iterable.join()` joins with nothing, where the evaluator's (JavaScript's) `join()` puts `,`.
      if (value.kind === 'member' && value.name === 'join' && args.length === 0) args.push({ value: { kind: 'string', value: '', raw: false, loc }, loc });
      const call: CallValue = {
        kind: 'call',
        callee: value,
        args,
        typeArgs: typeArgsNode ? codeChildren(typeArgsNode).map((t) => t.text) : [],
        loc,
      };
      return call;
    }
    if (inner.type === 'unconditional_assignable_selector' || inner.type === 'conditional_assignable_selector') {
      const part = codeChildren(inner)[0];
      if (part?.type === 'identifier') {
        if (value.kind === 'ref' && this.sdkPrefixes.has(value.name) && value.declaredLocally === undefined && value.localValue === undefined) return { kind: 'ref', name: part.text, loc };
        return { kind: 'member', receiver: value, name: part.text, loc };
      }
      if (part?.type === 'index_selector') {
        const key = this.readChildren(part, locals);
        if (key?.kind === 'string') return { kind: 'member', receiver: value, name: key.value, indexed: true, loc };
      }
    }
    return { kind: 'unknown', text: `${first.text}…${selector.text}`.slice(0, 200), loc };
  }

  readArguments(argsNode: Node | undefined, locals?: LocalNames): Argument[] {
    if (!argsNode) return [];
    const out: Argument[] = [];
    for (const arg of codeChildren(argsNode)) {
      const loc = locationOf(this.uri, arg);
      if (arg.type === 'named_argument') {
        const label = codeChildren(arg).find((c) => c.type === 'label');
        const name = label ? codeChildren(label)[0]?.text : undefined;
        const value = this.readChildren(arg, locals) ?? { kind: 'unknown', text: arg.text, loc };
        out.push({ ...(name ? { name } : {}), value, loc });
      } else if (arg.type === 'argument') {
        out.push({ value: this.readChildren(arg, locals) ?? { kind: 'unknown', text: arg.text, loc }, loc });
      }
    }
    return out;
  }

  /** `const A(…)`, `new A.named(…)`. */
  private readConstruction(node: Node, locals: LocalNames | undefined): Value {
    const loc = locationOf(this.uri, node);
    const children = codeChildren(node);
    const type = children.find((c) => c.type === 'type_identifier');
    const argsNode = children.find((c) => c.type === 'arguments');
    if (!type || !argsNode) return { kind: 'unknown', text: node.text.slice(0, 200), loc };
    let callee: Value = { kind: 'ref', name: type.text, loc: locationOf(this.uri, type) };
    const named = children.find((c) => c.type === 'identifier' && c.startIndex > type.startIndex && c.endIndex <= argsNode.startIndex);
    if (named) callee = { kind: 'member', receiver: callee, name: named.text, loc: spanning(this.uri, type, named) };
    const typeArgsNode = children.find((c) => c.type === 'type_arguments');
    return { kind: 'call', callee, args: this.readArguments(argsNode, locals), typeArgs: typeArgsNode ? codeChildren(typeArgsNode).map((t) => t.text) : [], loc };
  }

  /** `(x)`, `await x`, `x as T`, `-1`, `!x`: the inner value where it stays known. */
  private readWrapped(node: Node, locals: LocalNames | undefined): Value {
    const loc = locationOf(this.uri, node);
    const children = codeChildren(node);
    const run = expressionRuns(children)[0];
    if (!run) return { kind: 'unknown', text: node.text.slice(0, 200), loc };
    if (node.type !== 'unary_expression') return this.readRun(run, locals);
    const operator = children.find((c) => c.type === 'prefix_operator');
    const operatorKind = operator ? codeChildren(operator)[0]?.type : undefined;
    const inner = this.readRun(run, locals);
    if (operatorKind === 'minus_operator' && inner.kind === 'number') return { kind: 'number', value: -inner.value, text: node.text, loc };
    if (operatorKind === 'negation_operator') return { kind: 'operator', operator: '!', operands: [inner], loc };
    return { kind: 'unknown', text: node.text.slice(0, 200), loc };
  }

  /** `a ?? b`, `a && b`, `a || b`, `a == b`, `a != b`. */
  private readOperator(node: Node, locals: LocalNames | undefined): Value {
    const loc = locationOf(this.uri, node);
    const runs = expressionRuns(codeChildren(node));
    if (runs.length !== 2) return { kind: 'unknown', text: node.text.slice(0, 200), loc };
    let operator: '??' | '&&' | '||' | '==' | '!=';
    if (node.type === 'if_null_expression') operator = '??';
    else if (node.type === 'logical_and_expression') operator = '&&';
    else if (node.type === 'logical_or_expression') operator = '||';
    else operator = codeChildren(node).find((c) => c.type === 'equality_operator')?.text === '!=' ? '!=' : '==';
    return { kind: 'operator', operator, operands: runs.map((r) => this.readRun(r, locals)), loc };
  }

  /** `a + b + c` (strings): a template of the operands, flattened; anything but `+` is unknown. */
  private readConcatenation(node: Node, locals: LocalNames | undefined): Value {
    const loc = locationOf(this.uri, node);
    const parts: Value[] = [];
    let current: Node | undefined = node;
    // tree-sitter-dart nests `a + b + c` to the right: a loop keeps a long concatenation off the stack.
    while (current) {
      const children = codeChildren(current);
      const operators = children.filter((c) => c.type === 'additive_operator');
      if (operators.some((o) => o.text !== '+')) return { kind: 'unknown', text: node.text.slice(0, 200), loc };
      const runs = expressionRuns(children);
      const last = runs[runs.length - 1];
      const nested = last && last.length === 1 && last[0].type === 'additive_expression' ? last[0] : undefined;
      for (const run of nested ? runs.slice(0, -1) : runs) parts.push(...flatten(this.readRun(run, locals)));
      current = nested;
    }
    return { kind: 'template', parts, raw: false, loc };
  }

  /** `[a, ...b]` (a list), `{'k': v}` (a map, read as an object of its string keys), `{a}` (a set, as a list). */
  private readCollection(node: Node, locals: LocalNames | undefined): Value {
    const loc = locationOf(this.uri, node);
    const children = codeChildren(node);
    if (children.some((c) => c.type === 'pair')) {
      const entries: ObjectEntry[] = [];
      for (const child of children) {
        const entryLoc = locationOf(this.uri, child);
        if (child.type === 'pair') {
          const keyNode = child.childForFieldName('key');
          const valueNodes = child.childrenForFieldName('value').filter((c): c is Node => c !== null);
          if (!keyNode || valueNodes.length === 0) return { kind: 'unknown', text: node.text.slice(0, 200), loc };
          const key = this.read(keyNode, locals);
          const value = this.readRun(valueNodes, locals);
          entries.push({ key: key.kind === 'string' ? key.value : undefined, ...(key.kind === 'string' ? {} : { computedKey: key }), value, keyLoc: locationOf(this.uri, keyNode), loc: entryLoc });
        } else if (child.type === 'spread_element') {
          entries.push({ spread: this.readChildren(child, locals) ?? { kind: 'unknown', text: child.text, loc: entryLoc }, loc: entryLoc });
        } else if (child.type !== 'type_arguments') {
          // `if`/`for` elements: which entries the map gets is known only at run time.
          return { kind: 'unknown', text: node.text.slice(0, 200), reason: 'the map is built with if/for elements', loc };
        }
      }
      return { kind: 'object', entries, dartMap: true, loc };
    }
    const items: Value[] = [];
    for (const run of expressionRuns(children)) {
      const first = run[0];
      const itemLoc = locationOf(this.uri, first);
      if (first.type === 'spread_element') {
        items.push({ kind: 'spread', value: this.readChildren(first, locals) ?? { kind: 'unknown', text: first.text, loc: itemLoc }, loc: itemLoc });
      } else if (first.type === 'if_element') {
        items.push({ kind: 'spread', value: this.readIfElement(first, locals), loc: itemLoc });
      } else if (first.type === 'for_element') {
        // Which items the element adds is known only at run time.
        items.push({ kind: 'spread', value: { kind: 'unknown', text: first.text.slice(0, 200), reason: 'the list is built with a for element', loc: itemLoc }, loc: itemLoc });
      } else {
        items.push(this.readRun(run, locals));
      }
    }
    return { kind: 'list', items, loc };
  }

  /**
   * `if (c) a else b` in a list: the spread of `c ? [a] : [b]` (`[]` without `else`), so that the
   * evaluator adds the element a constant condition picks. Nested `if`/`for` elements stay unknown.
   */
  private readIfElement(node: Node, locals: LocalNames | undefined): Value {
    const loc = locationOf(this.uri, node);
    const runs = expressionRuns(codeChildren(node));
    const nested = runs.slice(1).some((r) => r[0].type === 'if_element' || r[0].type === 'for_element' || r[0].type === 'spread_element');
    if (runs.length < 2 || runs.length > 3 || nested) {
      return { kind: 'unknown', text: node.text.slice(0, 200), reason: 'the list is built with an if element', loc };
    }
    const element = (run: Node[] | undefined): Value => ({ kind: 'list', items: run ? [this.readRun(run, locals)] : [], loc: run ? locationOf(this.uri, run[0]) : loc });
    return { kind: 'operator', operator: '?:', operands: [this.readRun(runs[0], locals), element(runs[1]), element(runs[2])], loc };
  }

  /** `(a) => expr` or `(a) { … }`. */
  private readLambda(node: Node, locals: LocalNames | undefined): LambdaValue {
    const loc = locationOf(this.uri, node);
    const params = parameterNames(node.childForFieldName('parameters') ?? undefined);
    const body = node.childForFieldName('body');
    const lambda: LambdaValue = { kind: 'lambda', params, returnsValue: true, loc };
    if (!body) return lambda;
    const block = codeChildren(body).find((c) => c.type === 'block');
    this.scopes.push(node);
    if (block) this.scopes.push(block);
    try {
      if (block) lambda.body = this.readStatements(codeChildren(block), locals);
      else {
        const value = this.readChildren(body, locals);
        if (value) lambda.body = [{ kind: 'return', value, loc: value.loc }];
      }
    } finally {
      this.scopes.length -= block ? 2 : 1;
    }
    return lambda;
  }

  /** Statements for the bounded evaluator: `final x = …`, `return …`, expressions; anything else stops it. */
  readStatements(statements: readonly Node[], locals?: LocalNames): Statement[] {
    const out: Statement[] = [];
    for (const statement of statements) {
      const loc = locationOf(this.uri, statement);
      if (statement.type === 'return_statement') {
        const value = this.readChildren(statement, locals);
        out.push({ kind: 'return', ...(value ? { value } : {}), loc });
      } else if (statement.type === 'expression_statement') {
        const value = this.readChildren(statement, locals);
        out.push(value ? { kind: 'expr', value, loc } : { kind: 'other', loc });
      } else if (statement.type === 'local_variable_declaration') {
        const definition = codeChildren(statement).find((c) => c.type === 'initialized_variable_definition');
        const isFinal = definition ? codeChildren(definition).some((c) => c.type === 'final_builtin' || c.type === 'const_builtin') : false;
        const name = definition?.childForFieldName('name');
        const valueNodes = definition?.childrenForFieldName('value').filter((c): c is Node => c !== null) ?? [];
        if (isFinal && name && valueNodes.length > 0) out.push({ kind: 'val', name: name.text, value: this.readRun(valueNodes, locals), loc });
        else out.push({ kind: 'other', loc });
      } else {
        out.push({ kind: 'other', loc });
      }
    }
    return out;
  }

  /**
   * A string literal: adjacent literals (`'a' 'b'`) are one node here, each part with its own
   * quotes. One part without interpolation is a string; otherwise a template whose literal parts
   * are strings and whose `$x` / `${…}` are the expressions.
   */
  private readString(node: Node, locals: LocalNames | undefined): Value {
    const loc = locationOf(this.uri, node);
    const pieces = stringPieces(node);
    if (!pieces) return { kind: 'unknown', text: node.text.slice(0, 200), loc };
    const parts: Value[] = [];
    for (const piece of pieces) {
      const pieceLoc = { uri: this.uri, range: { start: piece.start, end: piece.end } };
      let value = '';
      const escapes: { at: number; source: string }[] = [];
      let substituted = false;
      const pieceParts: Value[] = [];
      const flush = () => {
        if (value.length > 0 || !substituted) {
          pieceParts.push(stringValue(value, escapes.splice(0), piece, pieceLoc));
        }
        value = '';
      };
      for (const segment of piece.segments) {
        if (segment.kind === 'text') value += segment.text;
        else if (segment.kind === 'escape') {
          escapes.push({ at: value.length, source: segment.source });
          value += segment.value;
        } else {
          if (value.length > 0) flush();
          substituted = true;
          const inner = segment.node;
          const identifier = codeChildren(inner).find((c) => c.type === 'identifier_dollar_escaped');
          pieceParts.push(identifier
            ? this.readIdentifier(identifier, locals)
            : this.readChildren(inner, locals) ?? { kind: 'unknown', text: inner.text, loc: locationOf(this.uri, inner) });
        }
      }
      if (value.length > 0 || !substituted) flush();
      parts.push(...pieceParts);
    }
    if (parts.length === 1) return parts[0].kind === 'string' ? { ...parts[0], loc } : parts[0];
    return { kind: 'template', parts, raw: false, loc };
  }
}

/** One quoted part of a Dart string literal (adjacent literals make several). */
export interface StringPiece {
  /** `'`, `"`, `'''` or `"""`, after an `r` for a raw string. */
  quote: string;
  raw: boolean;
  /** The first line's white space and line break, which a multi-line string leaves out of its value. */
  skipped?: string;
  start: { line: number; character: number };
  end: { line: number; character: number };
  segments: (
    | { kind: 'text'; text: string }
    | { kind: 'escape'; source: string; value: string }
    | { kind: 'substitution'; node: Node }
  )[];
}

const QUOTE = /^(r?)('''|"""|'|")/;

/**
 * The pieces of a string literal node: the grammar gives the quotes, escapes and substitutions as
 * children; the literal text is what lies between them.
 */
export function stringPieces(node: Node): StringPiece[] | undefined {
  const pieces: StringPiece[] = [];
  let open: StringPiece | undefined;
  let cursor = node.startIndex;
  const text = node.text;
  const base = node.startIndex;
  const between = (from: number, to: number) => text.slice(from - base, to - base);
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (!child) continue;
    if (!open) {
      const match = QUOTE.exec(child.text);
      if (child.isNamed || !match || match[0] !== child.text) {
        if (child.type === 'comment') continue;
        return undefined;
      }
      open = { quote: match[2], raw: match[1] === 'r', start: { line: child.startPosition.row, character: child.startPosition.column }, end: { line: 0, character: 0 }, segments: [] };
      cursor = child.endIndex;
      continue;
    }
    const gap = between(cursor, child.startIndex);
    if (gap) open.segments.push({ kind: 'text', text: gap });
    cursor = child.endIndex;
    if (!child.isNamed && child.text === open.quote) {
      open.end = { line: child.endPosition.row, character: child.endPosition.column };
      pieces.push(open);
      open = undefined;
    } else if (!child.isNamed) {
      // A quote that does not close this string (`'` inside `'''…'''`) is part of its text.
      open.segments.push({ kind: 'text', text: child.text });
    } else if (child.type === 'escape_sequence') {
      if (open.raw) open.segments.push({ kind: 'text', text: child.text });
      else {
        const value = unescapeDart(child.text);
        if (value === undefined) return undefined;
        open.segments.push({ kind: 'escape', source: child.text, value });
      }
    } else if (child.type === 'template_substitution') {
      if (open.raw) open.segments.push({ kind: 'text', text: child.text });
      else open.segments.push({ kind: 'substitution', node: child });
    } else {
      return undefined;
    }
  }
  if (open || pieces.length === 0) return undefined;
  for (const piece of pieces) {
    const merged: StringPiece['segments'] = [];
    for (const segment of piece.segments) {
      const last = merged[merged.length - 1];
      if (segment.kind === 'text' && last?.kind === 'text') last.text += segment.text;
      else merged.push(segment.kind === 'text' ? { ...segment } : segment);
    }
    piece.segments = merged;
    // A multi-line string whose first line holds only white space starts after that line (the Dart
    // language specification, "Strings": that line, its line break included, is ignored).
    const first = merged[0];
    const blank = piece.quote.length === 3 && first?.kind === 'text' ? /^[ \t]*\r?\n/.exec(first.text) : null;
    if (blank && first?.kind === 'text') {
      piece.skipped = blank[0];
      first.text = first.text.slice(blank[0].length);
      if (first.text === '') merged.shift();
    }
  }
  return pieces;
}

/** A literal part of a Dart string, with what a fix needs to write into it. */
function stringValue(value: string, escapes: { at: number; source: string }[], piece: StringPiece, loc: StringValue['loc']): StringValue {
  return {
    kind: 'string',
    value,
    raw: piece.raw,
    quote: piece.quote[0] as '"' | "'",
    delimiters: { open: `${piece.raw ? 'r' : ''}${piece.quote}`, close: piece.quote, multiline: piece.quote.length === 3, ...(piece.skipped ? { skipped: piece.skipped } : {}) },
    ...(escapes.length > 0 ? { escapes } : {}),
    loc,
  };
}

/** The character a Dart escape sequence stands for; undefined for one that is not valid Dart. */
export function unescapeDart(source: string): string | undefined {
  const body = source.slice(1);
  switch (body[0]) {
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'v': return '\v';
    case 'x': {
      const code = Number.parseInt(body.slice(1), 16);
      return body.length === 3 && Number.isFinite(code) ? String.fromCharCode(code) : undefined;
    }
    case 'u': {
      const hex = body.startsWith('u{') ? body.slice(2, -1) : body.slice(1);
      const code = Number.parseInt(hex, 16);
      return /^[0-9A-Fa-f]{1,6}$/.test(hex) && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
    }
    default:
      return body.length === 1 ? body : undefined;
  }
}

/** The names of a formal parameter list (`this.x` and `{required String a}` included). */
export function parameterNames(list: Node | undefined): string[] {
  if (!list) return [];
  const names: string[] = [];
  const visit = (node: Node) => {
    for (const child of codeChildren(node)) {
      if (child.type === 'formal_parameter') {
        const name = child.childForFieldName('name') ?? codeChildren(child).filter((c) => c.type === 'identifier').pop()
          ?? codeChildren(codeChildren(child).find((c) => c.type === 'constructor_param') ?? child).find((c) => c.type === 'identifier');
        if (name) names.push(name.text);
      } else if (child.type === 'optional_formal_parameters') {
        visit(child);
      }
    }
  };
  visit(list);
  return names;
}

/** The operands of a concatenation (`a + b` whose operands are templates too). */
function flatten(value: Value): Value[] {
  return value.kind === 'template' && value.trim === undefined ? value.parts : [value];
}

function spanning(uri: string, first: Node, last: Node) {
  return { uri, range: { start: { line: first.startPosition.row, character: first.startPosition.column }, end: { line: last.endPosition.row, character: last.endPosition.column } } };
}

function tooDeep(uri: string, run: readonly Node[]): Value {
  return {
    kind: 'unknown',
    text: run[0].text.slice(0, 80),
    reason: `it nests deeper than ${MAX_EXPRESSION_DEPTH} levels`,
    loc: spanning(uri, run[0], run[run.length - 1]),
  };
}
