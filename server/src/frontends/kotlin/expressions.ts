import type { Argument, CallValue, LambdaValue, ListValue, Statement, Value } from '../../model/value';
import type { AnnotationFact, TypeRef } from '../../model/facts';
import { locationOf, type Node } from './parser';

/** Functions whose call builds a list; their arguments are the items. */
const LIST_BUILDERS = new Set([
  'listOf', 'arrayOf', 'mutableListOf', 'setOf', 'mutableSetOf', 'arrayListOf', 'listOfNotNull',
  'emptyList', 'emptyArray', 'emptySet', 'linkedSetOf', 'hashSetOf',
]);

/**
 * How deeply nested an expression is read before the rest of it becomes unknown: no real
 * declaration nests this deep, and the reader recurses once per level.
 */
export const MAX_EXPRESSION_DEPTH = 200;

/** Turns Kotlin expression nodes into `Value` trees, keeping every location. */
export class ExpressionReader {
  private depth = 0;

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

  private readNode(node: Node): Value {
    const loc = locationOf(this.uri, node);
    switch (node.type) {
      case 'string_literal':
      case 'multiline_string_literal':
        return this.readString(node);
      case 'character_literal':
        return { kind: 'string', value: unquoteChar(node.text), raw: false, loc };
      case 'number_literal':
      case 'float_literal':
        return { kind: 'number', value: parseKotlinNumber(node.text), text: node.text, loc };
      case 'unary_expression': {
        const operand = node.childForFieldName('argument') ?? node.namedChild(0);
        const op = node.child(0)?.text;
        if (operand && op === '-') {
          const inner = this.read(operand);
          if (inner.kind === 'number') return { kind: 'number', value: -inner.value, text: node.text, loc };
        }
        return { kind: 'unknown', text: node.text, loc };
      }
      case 'identifier':
        if (node.text === 'true' || node.text === 'false') return { kind: 'boolean', value: node.text === 'true', loc };
        if (node.text === 'null') return { kind: 'null', loc };
        return { kind: 'ref', name: node.text, loc };
      case 'boolean_literal':
        return { kind: 'boolean', value: node.text === 'true', loc };
      case 'null_literal':
        return { kind: 'null', loc };
      case 'parenthesized_expression': {
        const inner = node.namedChild(0);
        return inner ? this.read(inner) : { kind: 'unknown', text: node.text, loc };
      }
      case 'navigation_expression':
        return this.readNavigation(node);
      case 'call_expression':
        return this.readCall(node);
      case 'collection_literal':
        // Comments between the items are children too (`[A::class, // why\n B::class]`).
        return { kind: 'list', items: node.namedChildren.filter(isCode).map((c) => this.read(c)), loc };
      case 'binary_expression':
        return this.readBinary(node);
      case 'lambda_literal':
      case 'annotated_lambda':
        return this.readLambda(node);
      default:
        return { kind: 'unknown', text: node.text, loc };
    }
  }

  /** A lambda with its parameters and statements (`{ x -> … }`, `{ add(it) }`). */
  private readLambda(node: Node): LambdaValue {
    const loc = locationOf(this.uri, node);
    const literal = node.type === 'annotated_lambda' ? node.namedChildren.find((c) => c?.type === 'lambda_literal') : node;
    if (!literal) return { kind: 'lambda', loc };
    const children = literal.namedChildren.filter(isNode);
    const paramsNode = children.find((c) => c.type === 'lambda_parameters');
    const params = paramsNode
      ? paramsNode.namedChildren.filter(isNode).map((p) => p.namedChildren.find((c) => c?.type === 'identifier')?.text ?? '_')
      : ['it'];
    return { kind: 'lambda', params, body: this.readStatements(children.filter((c) => c !== paramsNode)), loc };
  }

  /** Statements of a block or lambda, as the bounded evaluator follows them. */
  readStatements(nodes: Node[]): Statement[] {
    return nodes.filter((n) => n.type !== 'line_comment' && n.type !== 'block_comment').map((node): Statement => {
      const loc = locationOf(this.uri, node);
      if (node.type === 'property_declaration') {
        const variable = node.namedChildren.find((c) => c?.type === 'variable_declaration');
        const name = variable?.namedChildren.find((c) => c?.type === 'identifier')?.text;
        const mutable = node.children.some((c) => c?.type === 'var');
        const init = node.namedChildren.filter(isNode).find((c, i, all) => i === all.length - 1 && c !== variable && c.type !== 'modifiers');
        return name && !mutable && init ? { kind: 'val', name, value: this.read(init), loc } : { kind: 'other', loc };
      }
      if (node.type === 'return_expression') {
        const value = node.namedChildren.find((c) => c !== null && c.type !== 'label');
        return { kind: 'return', ...(value ? { value: this.read(value) } : {}), loc };
      }
      if (/(declaration|assignment|statement|loop)$/.test(node.type)) return { kind: 'other', loc };
      return { kind: 'expr', value: this.read(node), loc };
    });
  }

  readArguments(valueArguments: Node | null | undefined): Argument[] {
    if (!valueArguments) return [];
    const args: Argument[] = [];
    for (const arg of valueArguments.namedChildren.filter(isNode)) {
      if (arg.type !== 'value_argument') continue;
      const children = arg.namedChildren.filter(isNode);
      // A named argument is `identifier = expr`: the identifier is followed by an `=` token.
      let name: string | undefined;
      let exprNode: Node | undefined = children[children.length - 1];
      if (children.length >= 2 && children[0].type === 'identifier' && hasToken(arg, '=')) {
        name = children[0].text;
        exprNode = children[1];
      }
      if (!exprNode) continue;
      let spread = false;
      if (exprNode.type === 'spread_expression') {
        spread = true;
        exprNode = exprNode.namedChild(0) ?? exprNode;
      }
      args.push({ name, value: this.read(exprNode), spread: spread || undefined, loc: locationOf(this.uri, arg) });
    }
    return args;
  }

  readAnnotation(node: Node): AnnotationFact | undefined {
    let target: string | undefined;
    let name: string | undefined;
    let args: Argument[] = [];
    for (const child of node.namedChildren.filter(isNode)) {
      if (child.type === 'use_site_target') target = child.text.replace(/:$/, '');
      else if (child.type === 'user_type') name = userTypeName(child);
      else if (child.type === 'constructor_invocation') {
        const type = child.namedChildren.find((c) => c?.type === 'user_type');
        name = type ? userTypeName(type) : undefined;
        args = this.readArguments(child.namedChildren.find((c) => c?.type === 'value_arguments'));
      }
    }
    if (!name) return undefined;
    return { name, args, target, loc: locationOf(this.uri, node) };
  }

  readType(node: Node): TypeRef | undefined {
    if (this.depth >= MAX_EXPRESSION_DEPTH) return undefined;
    this.depth++;
    try {
      return this.readTypeNode(node);
    } finally {
      this.depth--;
    }
  }

  private readTypeNode(node: Node): TypeRef | undefined {
    const loc = locationOf(this.uri, node);
    if (node.type === 'nullable_type') {
      const inner = node.namedChild(0);
      const t = inner ? this.readType(inner) : undefined;
      return t ? { ...t, nullable: true, text: node.text, loc } : undefined;
    }
    if (node.type === 'user_type') {
      const args: TypeRef[] = [];
      const typeArgs = node.namedChildren.find((c) => c?.type === 'type_arguments');
      if (typeArgs) {
        for (const projection of typeArgs.namedChildren.filter(isNode)) {
          const inner = projection.namedChildren.find((c) => c && c.type !== 'type_projection_modifiers' && c.type !== 'variance_modifier');
          const t = inner ? this.readType(inner) : undefined;
          if (t) args.push(t);
        }
      }
      return { name: userTypeName(node), args, nullable: false, text: node.text, loc };
    }
    if (node.type === 'parenthesized_type' || node.type === 'type_modifiers') {
      const inner = node.namedChildren.find((c) => c && c.type !== 'type_modifiers');
      return inner ? this.readType(inner) : undefined;
    }
    if (node.type === 'function_type') return { name: 'Function', args: [], nullable: false, text: node.text, loc };
    return undefined;
  }

  private readString(node: Node): Value {
    const loc = locationOf(this.uri, node);
    const raw = node.type === 'multiline_string_literal';
    const parts: Value[] = [];
    let text = '';
    let literal = true;
    const escapes: { at: number; source: string }[] = [];
    const children = node.namedChildren.filter(isNode);
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (child.type === 'string_content') {
        let content = child.text;
        // The grammar leaves `$name` templates as a lone "$" content followed by the name.
        if (content === '$' && i + 1 < children.length && children[i + 1].type === 'string_content') {
          const next = children[i + 1].text;
          const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(next)?.[0];
          if (ident) {
            if (text) parts.push({ kind: 'string', value: text, raw, loc });
            text = '';
            literal = false;
            const nextLoc = locationOf(this.uri, children[i + 1]);
            parts.push({ kind: 'ref', name: ident, loc: nextLoc });
            content = next.slice(ident.length);
            i++;
          }
        }
        text += content;
      } else if (child.type === 'escape_sequence') {
        if (!raw) escapes.push({ at: text.length, source: child.text });
        text += raw ? child.text : unescapeKotlin(child.text);
      } else if (child.type === 'interpolation') {
        const expr = child.namedChild(0);
        if (text) parts.push({ kind: 'string', value: text, raw, loc });
        text = '';
        literal = false;
        parts.push(expr ? this.read(expr) : { kind: 'unknown', text: child.text, loc: locationOf(this.uri, child) });
      }
    }
    if (literal) return { kind: 'string', value: text, raw, ...(escapes.length > 0 ? { escapes } : {}), loc };
    if (text) parts.push({ kind: 'string', value: text, raw, loc });
    return { kind: 'template', parts, raw, loc };
  }

  private readNavigation(node: Node): Value {
    const loc = locationOf(this.uri, node);
    const children = node.namedChildren.filter(isNode);
    const receiverNode = children[0];
    const last = children[children.length - 1];
    if (!receiverNode || !last || children.length < 2) return { kind: 'unknown', text: node.text, loc };
    const name = last.type === 'identifier' ? last.text : undefined;
    if (name === undefined) return { kind: 'unknown', text: node.text, loc };
    const receiver = this.read(receiverNode);
    if (name === 'class') {
      const path = dottedPath(receiver);
      return path ? { kind: 'classRef', path, loc } : { kind: 'unknown', text: node.text, loc };
    }
    // `Foo::class.java` and `.javaObjectType` name the same class.
    if ((name === 'java' || name === 'javaObjectType') && receiver.kind === 'classRef') return receiver;
    return { kind: 'member', receiver, name, loc };
  }

  private readCall(node: Node): Value {
    const loc = locationOf(this.uri, node);
    const children = node.namedChildren.filter(isNode);
    const calleeNode = children[0];
    if (!calleeNode) return { kind: 'unknown', text: node.text, loc };
    const argsNode = children.find((c) => c.type === 'value_arguments');
    const lambdaNode = children.find((c) => c.type === 'annotated_lambda' || c.type === 'lambda_literal');
    const typeArgsNode = children.find((c) => c.type === 'type_arguments');
    const callee = this.read(calleeNode);
    const args = this.readArguments(argsNode);
    const typeArgs = typeArgsNode
      ? typeArgsNode.namedChildren.filter(isNode).map((p) => p.text)
      : [];

    // "…".trimIndent() / "…".trimMargin("|")
    if (callee.kind === 'member' && (callee.name === 'trimIndent' || callee.name === 'trimMargin')) {
      const inner = callee.receiver;
      if (inner.kind === 'string' || inner.kind === 'template') {
        let prefix = '|';
        if (callee.name === 'trimMargin' && args[0]) {
          if (args[0].value.kind !== 'string') return { kind: 'unknown', text: node.text, loc };
          prefix = args[0].value.value;
        }
        const parts = inner.kind === 'string' ? [inner] : inner.parts;
        return {
          kind: 'template',
          parts,
          trim: callee.name === 'trimIndent' ? { mode: 'indent' } : { mode: 'margin', prefix },
          raw: inner.raw,
          loc,
        };
      }
    }
    if (callee.kind === 'ref' && LIST_BUILDERS.has(callee.name)) {
      const list: ListValue = { kind: 'list', items: args.map((a) => (a.spread ? { kind: 'unknown', text: '*', loc: a.loc } as Value : a.value)), loc };
      return list;
    }
    const call: CallValue = {
      kind: 'call',
      callee,
      args,
      typeArgs,
      loc,
    };
    if (lambdaNode) call.lambda = this.readLambda(lambdaNode);
    return call;
  }

  private readBinary(node: Node): Value {
    const loc = locationOf(this.uri, node);
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const op = operatorOf(node);
    if (left && right && op === '+') {
      // `a + b + c` nests to the left: its operands are gathered in a loop, so a long
      // concatenation costs no stack.
      const operands = concatOperands(node);
      if (!operands) return { kind: 'unknown', text: node.text, loc };
      return { kind: 'template', parts: operands.flatMap((o) => flattenConcat(this.read(o))), raw: false, loc };
    }
    // `arrayOf<String>("a")` reads as `(arrayOf < String) > ("a")` in this grammar.
    if (left && right && op === '>' && left.type === 'binary_expression' && operatorOf(left) === '<') {
      const fn = left.childForFieldName('left');
      if (fn?.type === 'identifier' && LIST_BUILDERS.has(fn.text) && right.type === 'parenthesized_expression') {
        const inner = right.namedChild(0);
        return { kind: 'list', items: inner ? [this.read(inner)] : [], loc };
      }
    }
    return { kind: 'unknown', text: node.text, loc };
  }
}

/** Left to right, the operands of a chain of `+` that nests to the left; undefined when one is missing. */
export function concatOperands(node: Node): Node[] | undefined {
  const rights: Node[] = [];
  let current = node;
  while (current.type === 'binary_expression' && operatorOf(current) === '+') {
    const left = current.childForFieldName('left');
    const right = current.childForFieldName('right');
    if (!left || !right) return undefined;
    rights.push(right);
    current = left;
  }
  return [current, ...rights.reverse()];
}

/** An expression past MAX_EXPRESSION_DEPTH: unknown, with a short text (the node's may be huge). */
function tooDeep(uri: string, node: Node): Value {
  return { kind: 'unknown', text: `(nested deeper than ${MAX_EXPRESSION_DEPTH} levels)`, loc: locationOf(uri, node) };
}

function flattenConcat(v: Value): Value[] {
  if (v.kind === 'template' && !v.trim) return v.parts;
  return [v];
}

function operatorOf(node: Node): string | undefined {
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (child && !child.isNamed) return child.text;
  }
  return undefined;
}

function hasToken(node: Node, token: string): boolean {
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (child && !child.isNamed && child.text === token) return true;
  }
  return false;
}

export function isNode(n: Node | null): n is Node {
  return n !== null;
}

/** A node that is not a comment (comments may sit among any node's children). */
export function isCode(n: Node | null): n is Node {
  return n !== null && n.type !== 'line_comment' && n.type !== 'block_comment';
}

export function userTypeName(node: Node): string {
  return node.namedChildren
    .filter((c): c is Node => c !== null && c.type === 'identifier')
    .map((c) => c.text)
    .join('.');
}

function dottedPath(v: Value): string[] | undefined {
  if (v.kind === 'ref') return [v.name];
  if (v.kind === 'member') {
    const left = dottedPath(v.receiver);
    return left ? [...left, v.name] : undefined;
  }
  return undefined;
}

function parseKotlinNumber(text: string): number {
  const t = text.replace(/_/g, '').replace(/[lLuU]+$/, '').replace(/[fF]$/, '');
  if (/^0[xX]/.test(t)) return parseInt(t.slice(2), 16);
  if (/^0[bB]/.test(t)) return parseInt(t.slice(2), 2);
  const n = Number(t);
  return Number.isNaN(n) ? NaN : n;
}

function unescapeKotlin(seq: string): string {
  switch (seq) {
    case '\\n': return '\n';
    case '\\t': return '\t';
    case '\\r': return '\r';
    case '\\b': return '\b';
    case '\\\\': return '\\';
    case '\\"': return '"';
    case "\\'": return "'";
    case '\\$': return '$';
    default:
      if (seq.startsWith('\\u')) return String.fromCharCode(parseInt(seq.slice(2), 16));
      return seq;
  }
}

function unquoteChar(text: string): string {
  const inner = text.slice(1, -1);
  return inner.startsWith('\\') ? unescapeKotlin(inner) : inner;
}
