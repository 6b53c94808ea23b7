import type { Argument, CallValue, Value } from '../../model/value';
import { locationOf, type Node } from './parser';
import { concatOperands, isNode, type ExpressionReader } from './expressions';

/** How deep local vals and helper functions are followed before giving up. */
const MAX_DEPTH = 16;

/** Nodes read for one top-level expansion at most: names used many times must not blow up. */
const MAX_NODES = 4000;

/** Parameters of a helper function being inlined, bound to the caller's argument values. */
interface Frame {
  fn: Node;
  bindings: Map<string, Value>;
}

/**
 * Reads an expression the way `ExpressionReader` does, but follows what only this file can tell:
 * local `val`s, class properties and one-return helper functions (with their parameters bound),
 * so that `Room.databaseBuilder(name = dbFilePath)` or `execute(sql)` can be read through the
 * locals that build them. Names it cannot follow stay refs; parameters and `var`s become unknown,
 * so a same-named constant elsewhere is never picked up by mistake.
 */
export class LocalValueExpander {
  private readonly frames: Frame[] = [];
  private depth = 0;
  private budget = MAX_NODES;
  /** Initializers being expanded right now: a name that leads back to one is a cycle. */
  private readonly active = new Set<number>();
  /** Initializers that were read through a local, so callers know those strings were used. */
  readonly followed: Node[] = [];

  constructor(private readonly uri: string, private readonly reader: ExpressionReader) {}

  expand(node: Node): Value {
    if (this.depth === 0) this.budget = MAX_NODES;
    if (this.depth > MAX_DEPTH || --this.budget < 0) return this.unknown(node);
    this.depth++;
    try {
      return this.expandNode(node);
    } finally {
      this.depth--;
    }
  }

  private expandNode(node: Node): Value {
    switch (node.type) {
      case 'identifier': {
        if (node.text === 'true' || node.text === 'false' || node.text === 'null') return this.reader.read(node);
        const local = this.lookup(node.text, node);
        if (local === undefined) return this.reader.read(node);
        return local;
      }
      case 'string_literal':
      case 'multiline_string_literal':
        return this.expandString(node);
      case 'parenthesized_expression': {
        const inner = node.namedChild(0);
        return inner ? this.expand(inner) : this.unknown(node);
      }
      case 'as_expression': {
        const left = node.childForFieldName('left') ?? node.namedChild(0);
        return left ? this.expand(left) : this.unknown(node);
      }
      case 'unary_expression': {
        // `x!!` is a postfix unary in this grammar; its value is the operand's.
        const operand = node.childForFieldName('argument') ?? node.namedChild(0);
        if (operand && tokens(node).includes('!!')) return this.expand(operand);
        return this.reader.read(node);
      }
      case 'index_expression': {
        const [receiver, ...indices] = node.namedChildren.filter(isNode);
        if (!receiver || indices.length !== 1) return this.unknown(node);
        const loc = locationOf(this.uri, node);
        const call: CallValue = {
          kind: 'call',
          callee: { kind: 'member', receiver: this.expand(receiver), name: 'get', loc },
          args: [{ value: this.expand(indices[0]), loc: locationOf(this.uri, indices[0]) }],
          typeArgs: [],
          loc,
        };
        return call;
      }
      case 'binary_expression': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const operands = left && right && operatorOf(node) === '+' ? concatOperands(node) : undefined;
        if (operands) {
          return { kind: 'template', parts: operands.flatMap((o) => flatten(this.expand(o))), raw: false, loc: locationOf(this.uri, node) };
        }
        return this.reader.read(node);
      }
      case 'navigation_expression': {
        const children = node.namedChildren.filter(isNode);
        const last = children[children.length - 1];
        if (children.length !== 2 || last.type !== 'identifier' || ['class', 'java', 'javaObjectType'].includes(last.text)) return this.reader.read(node);
        return { kind: 'member', receiver: this.expand(children[0]), name: last.text, loc: locationOf(this.uri, node) };
      }
      case 'call_expression':
        return this.expandCall(node);
      default:
        return this.reader.read(node);
    }
  }

  private expandCall(node: Node): Value {
    const children = node.namedChildren.filter(isNode);
    const calleeNode = children[0];
    const argsNode = children.find((c) => c.type === 'value_arguments');
    if (!calleeNode) return this.unknown(node);
    const loc = locationOf(this.uri, node);

    // `"…".trimIndent()` keeps the reader's template-with-trim shape, over the expanded string.
    if (calleeNode.type === 'navigation_expression') {
      const nav = calleeNode.namedChildren.filter(isNode);
      const method = nav[nav.length - 1]?.text;
      if ((method === 'trimIndent' || method === 'trimMargin') && nav.length === 2) {
        const read = this.reader.read(node);
        if (read.kind !== 'template' || !read.trim) return read;
        const inner = this.expand(nav[0]);
        if (inner.kind !== 'string' && inner.kind !== 'template') return read;
        return { ...read, parts: inner.kind === 'string' ? [inner] : inner.parts };
      }
    }
    if (calleeNode.type === 'identifier') {
      const inlined = this.inlineHelper(calleeNode.text, node, argsNode);
      if (inlined) return inlined;
    }
    const read = this.reader.read(node);
    if (read.kind !== 'call') return read; // list builders, trims: the reader's shape is right
    const callee: Value =
      calleeNode.type === 'navigation_expression' ? this.expand(calleeNode) : read.callee;
    return { ...read, callee, args: this.expandArguments(argsNode, read.args), loc };
  }

  /** The reader's arguments with each value expanded. */
  private expandArguments(argsNode: Node | undefined, read: Argument[]): Argument[] {
    if (!argsNode) return read;
    const exprs = argumentExpressions(argsNode);
    if (exprs.length !== read.length) return read;
    return read.map((arg, i) => (arg.spread ? arg : { ...arg, value: this.expand(exprs[i]) }));
  }

  /** Inlines a same-file function with a single return, binding its parameters to the arguments. */
  private inlineHelper(name: string, call: Node, argsNode: Node | undefined): Value | undefined {
    const fn = this.visibleFunction(name, call);
    if (!fn || this.frames.some((f) => f.fn.id === fn.id)) return undefined;
    const result = singleReturn(fn);
    if (!result) return undefined;
    const params = parametersOf(fn);
    const exprs = argsNode ? argumentExpressions(argsNode) : [];
    const names = argsNode ? argumentNames(argsNode) : [];
    const bindings = new Map<string, Value>();
    exprs.forEach((expr, i) => {
      const target = names[i] ?? params[i]?.name;
      if (target !== undefined) bindings.set(target, this.expand(expr));
    });
    const frame: Frame = { fn, bindings };
    this.frames.push(frame);
    try {
      for (const p of params) {
        if (!bindings.has(p.name) && p.defaultValue) bindings.set(p.name, this.expand(p.defaultValue));
      }
      return this.expand(result);
    } finally {
      this.frames.pop();
    }
  }

  private expandString(node: Node): Value {
    const read = this.reader.read(node);
    if (read.kind !== 'template') return read;
    const parts = read.parts.map((part) => {
      if (part.kind === 'string') return part;
      const exprNode = descendantAt(node, part.loc.range.start, part.loc.range.end);
      if (exprNode) return this.expand(exprNode);
      // `$name` templates: the grammar gives no node for the name alone.
      if (part.kind === 'ref') return this.lookup(part.name, node) ?? part;
      return part;
    });
    return { ...read, parts: parts.flatMap((p) => (p.kind === 'template' && !p.trim ? p.parts : [p])) };
  }

  /**
   * The value a name has at `from`: the nearest enclosing declaration wins. Undefined when the
   * file declares no such local (the model then resolves it as a constant).
   */
  private lookup(name: string, from: Node): Value | undefined {
    let child: Node = from;
    for (let scope = from.parent; scope; child = scope, scope = scope.parent) {
      switch (scope.type) {
        case 'block':
        case 'statements':
        case 'lambda_literal':
        case 'source_file':
        case 'class_body': {
          const ordered = scope.type !== 'class_body' && scope.type !== 'source_file';
          for (const stmt of scope.namedChildren.filter(isNode)) {
            if (ordered && stmt.startIndex >= child.startIndex) break;
            if (stmt.type !== 'property_declaration') continue;
            const decl = declaredProperty(stmt);
            if (decl?.name !== name) continue;
            const init = decl.initializer;
            if (decl.mutable || !init || stmt.id === child.id || this.active.has(init.id)) {
              return this.unknown(from, decl.mutable ? `'${name}' is a var, whose value is known only at run time`
                : !init ? `'${name}' is a local declared without a value` : `'${name}' is defined through itself`);
            }
            this.followed.push(init);
            this.active.add(init.id);
            try {
              return this.expand(init);
            } finally {
              this.active.delete(init.id);
            }
          }
          if (scope.type === 'lambda_literal' && lambdaParameterNames(scope).includes(name)) return this.unknown(from, `'${name}' is a lambda parameter, known only at run time`);
          break;
        }
        case 'function_declaration': {
          const params = parametersOf(scope);
          if (params.some((p) => p.name === name)) {
            const frame = [...this.frames].reverse().find((f) => f.fn.id === scope!.id);
            const fnName = scope.childForFieldName('name')?.text;
            return frame?.bindings.get(name) ?? this.unknown(from, `'${name}' is a parameter of ${fnName ?? 'its function'}, known only where it is called`);
          }
          break;
        }
        case 'class_declaration': {
          const ctor = scope.namedChildren.find((c) => c?.type === 'primary_constructor');
          const params = ctor?.namedChildren.find((c) => c?.type === 'class_parameters');
          for (const p of params?.namedChildren.filter(isNode) ?? []) {
            if (p.namedChildren.find((c) => c?.type === 'identifier')?.text === name) {
              const className = scope.namedChildren.find((c) => c?.type === 'type_identifier' || c?.type === 'identifier')?.text;
              return this.unknown(from, `'${name}' is a constructor parameter of ${className ?? 'its class'}, known only per instance`);
            }
          }
          break;
        }
        default:
          break;
      }
    }
    return undefined;
  }

  /** A function named `name` declared at top level or in a class enclosing `from`, if unique. */
  private visibleFunction(name: string, from: Node): Node | undefined {
    for (let scope: Node | null = from.parent; scope; scope = scope.parent) {
      if (scope.type !== 'class_body' && scope.type !== 'source_file') continue;
      const found = scope.namedChildren.filter(
        (c): c is Node => c !== null && c.type === 'function_declaration' && c.childForFieldName('name')?.text === name,
      );
      if (found.length === 1) return found[0];
      if (found.length > 1) return undefined; // overloads: not simple
    }
    return undefined;
  }

  private unknown(node: Node, reason?: string): Value {
    return { kind: 'unknown', text: node.text, ...(reason ? { reason } : {}), loc: locationOf(this.uri, node) };
  }
}

/** `val x = …` / `var x = …` with a plain name. */
export function declaredProperty(node: Node): { name: string; mutable: boolean; initializer?: Node; nameNode: Node } | undefined {
  const decl = node.namedChildren.find((c) => c?.type === 'variable_declaration');
  const nameNode = decl?.namedChildren.find((c) => c?.type === 'identifier');
  if (!decl || !nameNode) return undefined;
  const mutable = tokens(node).includes('var');
  let initializer: Node | undefined;
  let seenEquals = false;
  for (let i = 0; i < node.childCount; i++) {
    const c = node.child(i);
    if (!c) continue;
    if (!c.isNamed && c.text === '=') seenEquals = true;
    else if (seenEquals && c.isNamed) {
      initializer = c;
      break;
    }
  }
  return { name: nameNode.text, mutable, initializer, nameNode };
}

/** The expression of the only `return` of a function (or of its `= expr` body), if simple. */
function singleReturn(fn: Node): Node | undefined {
  const body = fn.namedChildren.find((c) => c?.type === 'function_body');
  if (!body) return undefined;
  const first = body.namedChild(0);
  if (!first) return undefined;
  if (first.type !== 'block') return first;
  const returns: Node[] = [];
  const stack: Node[] = [first];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'return_expression') returns.push(n);
    if (n.type === 'lambda_literal' || n.type === 'function_declaration' || n.type === 'anonymous_function') continue;
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  const stmts = first.namedChildren.filter(isNode);
  const last = stmts[stmts.length - 1];
  if (returns.length !== 1 || !last || last.id !== returns[0].id) return undefined;
  return last.namedChild(0) ?? undefined;
}

function parametersOf(fn: Node): { name: string; defaultValue?: Node }[] {
  const list = fn.namedChildren.find((c) => c?.type === 'function_value_parameters');
  const out: { name: string; defaultValue?: Node }[] = [];
  for (const p of list?.namedChildren.filter(isNode) ?? []) {
    if (p.type !== 'parameter') continue;
    const [nameNode, , defaultValue] = p.namedChildren.filter(isNode);
    if (nameNode?.type === 'identifier') out.push({ name: nameNode.text, defaultValue });
  }
  return out;
}

function lambdaParameterNames(lambda: Node): string[] {
  const params = lambda.namedChildren.find((c) => c?.type === 'lambda_parameters');
  if (!params) return ['it'];
  const names: string[] = [];
  const stack: Node[] = [params];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'identifier' && n.parent?.type === 'variable_declaration') names.push(n.text);
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return names;
}

/** The expression node of each `value_argument`, in order. */
export function argumentExpressions(argsNode: Node): Node[] {
  const out: Node[] = [];
  for (const arg of argsNode.namedChildren.filter(isNode)) {
    if (arg.type !== 'value_argument') continue;
    const children = arg.namedChildren.filter(isNode);
    let expr = children[children.length - 1];
    if (expr?.type === 'spread_expression') expr = expr.namedChild(0) ?? expr;
    if (expr) out.push(expr);
  }
  return out;
}

function argumentNames(argsNode: Node): (string | undefined)[] {
  return argsNode.namedChildren
    .filter((a): a is Node => a !== null && a.type === 'value_argument')
    .filter((a) => a.namedChildren.length > 0)
    .map((a) => {
      const children = a.namedChildren.filter(isNode);
      return children.length >= 2 && children[0].type === 'identifier' && tokens(a).includes('=') ? children[0].text : undefined;
    });
}

function descendantAt(root: Node, start: { line: number; character: number }, end: { line: number; character: number }): Node | undefined {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.id !== root.id && n.startPosition.row === start.line && n.startPosition.column === start.character
      && n.endPosition.row === end.line && n.endPosition.column === end.character && n.type !== 'string_content') return n;
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return undefined;
}

/** The anonymous tokens directly under a node (`=`, `!!`, `var`). */
export function tokens(node: Node): string[] {
  const out: string[] = [];
  for (let i = 0; i < node.childCount; i++) {
    const c = node.child(i);
    if (c && !c.isNamed) out.push(c.text);
  }
  return out;
}

function operatorOf(node: Node): string | undefined {
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (child && !child.isNamed) return child.text;
  }
  return undefined;
}

function flatten(v: Value): Value[] {
  return v.kind === 'template' && !v.trim ? v.parts : [v];
}
