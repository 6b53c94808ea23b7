import type { Node } from './parser';

/** What an enclosing scope says about a name: a `const` with its initializer, or a binding whose value this file cannot tell. */
export type LocalBinding = { kind: 'const'; initializer: Node } | { kind: 'declared'; reason: string };

/** Node types that start a function's scope (its parameters are declared there). */
const FUNCTIONS = new Set(['function_declaration', 'generator_function_declaration', 'arrow_function', 'function_expression', 'function', 'generator_function', 'method_definition']);

/** Node types whose statements are a block scope. */
const BLOCKS = new Set(['statement_block', 'switch_case', 'switch_default', 'class_static_block']);

/** A name declared in a block: where its statement starts, and what it binds. */
interface BlockDeclaration {
  start: number;
  binding: LocalBinding;
}

/**
 * The local declarations of one file, gathered once per block and per function the first time a
 * name is looked up in them (a file's SQL calls name the same locals again and again).
 */
export class LocalScopes {
  private readonly blocks = new Map<number, Map<string, BlockDeclaration[]>>();
  private readonly parameters = new Map<number, Set<string> | undefined>();
  private readonly changes = new Map<string, Node | null>();

  /** Where the block changes `name` after `after` (mutationOf), remembered per block and name. */
  private changeOf(block: Node, name: string, after: number): Node | undefined {
    const key = `${block.id}\u0000${name}\u0000${after}`;
    let change = this.changes.get(key);
    if (change === undefined) this.changes.set(key, (change = mutationOf(block, name, after) ?? null));
    return change ?? undefined;
  }

  /**
   * The local declaration the identifier `use` refers to, found by walking its enclosing scopes
   * outwards (closures see their enclosing functions' locals); undefined when no enclosing
   * function or block declares it, so the name is the module's (a top-level declaration or an
   * import, which the model resolves). Only `const x = …` declared before the use carries a
   * value; parameters, `let`, `var`, loop variables, destructured names and local functions and
   * classes carry why not.
   */
  lookup(use: Node): LocalBinding | undefined {
    const name = use.text;
    let child = use;
    for (let scope = use.parent; scope; child = scope, scope = scope.parent) {
      if (scope.type === 'program') return undefined;
      if (BLOCKS.has(scope.type)) {
        const before = child.startIndex;
        const found = this.blockDeclarations(scope).get(name)?.find((d) => d.start < before);
        if (found?.binding.kind === 'const') {
          // A const object or array that the block changes later (`m[k] = …`, `list.push(…)`) is no constant value.
          const changed = this.changeOf(scope, name, found.binding.initializer.endIndex);
          if (changed) return { kind: 'declared', reason: changedReason(name, changed) };
        }
        if (found) return found.binding;
      } else if (FUNCTIONS.has(scope.type)) {
        if (this.parameterNames(scope)?.has(name)) return { kind: 'declared', reason: `'${name}' is a parameter of ${functionLabel(scope)}` };
      } else if (scope.type === 'for_in_statement' || scope.type === 'for_statement') {
        const left = scope.childForFieldName('left') ?? scope.childForFieldName('initializer');
        if (left && scope.childForFieldName('body')?.id === child.id && bindsName(left, name)) return { kind: 'declared', reason: `'${name}' is a loop variable` };
      } else if (scope.type === 'catch_clause') {
        const parameter = scope.childForFieldName('parameter');
        if (parameter && bindsName(parameter, name)) return { kind: 'declared', reason: `'${name}' is a caught error` };
      }
    }
    return undefined;
  }

  /** Every name a block's statements declare, in statement order (a name may be declared once per block). */
  private blockDeclarations(block: Node): Map<string, BlockDeclaration[]> {
    let found = this.blocks.get(block.id);
    if (found) return found;
    found = new Map();
    for (const statement of block.namedChildren) {
      if (!statement) continue;
      for (const name of namesDeclaredBy(statement)) {
        const binding = declaredIn(statement, name);
        if (binding) found.set(name, [...(found.get(name) ?? []), { start: statement.startIndex, binding }]);
      }
    }
    this.blocks.set(block.id, found);
    return found;
  }

  private parameterNames(fn: Node): Set<string> | undefined {
    if (this.parameters.has(fn.id)) return this.parameters.get(fn.id);
    const names = new Set<string>();
    const single = fn.childForFieldName('parameter');
    const params = single ? [single] : fn.childForFieldName('parameters')?.namedChildren ?? [];
    for (const p of params) if (p) collectNames(p.childForFieldName('pattern') ?? p, names, 0);
    const result = names.size > 0 ? names : undefined;
    this.parameters.set(fn.id, result);
    return result;
  }
}

/** The names a block statement declares: its variables, or a local function's or class's name. */
function namesDeclaredBy(statement: Node): string[] {
  if (statement.type === 'lexical_declaration' || statement.type === 'variable_declaration') {
    const names = new Set<string>();
    for (const declarator of statement.namedChildren) {
      const pattern = declarator?.type === 'variable_declarator' ? declarator.childForFieldName('name') : null;
      if (pattern) collectNames(pattern, names, 0);
    }
    return [...names];
  }
  if (statement.type === 'function_declaration' || statement.type === 'class_declaration') {
    const name = statement.childForFieldName('name')?.text;
    return name ? [name] : [];
  }
  return [];
}

/** Every name a binding pattern binds, into `names`. */
function collectNames(pattern: Node, names: Set<string>, depth: number): void {
  if (depth > MAX_PATTERN_DEPTH) return;
  if (pattern.type === 'identifier' || pattern.type === 'shorthand_property_identifier_pattern') {
    names.add(pattern.text);
    return;
  }
  if (pattern.type === 'pair_pattern') {
    const value = pattern.childForFieldName('value');
    if (value) collectNames(value, names, depth + 1);
    return;
  }
  if (pattern.type === 'assignment_pattern' || pattern.type === 'object_assignment_pattern') {
    const left = pattern.childForFieldName('left');
    if (left) collectNames(left, names, depth + 1);
    return;
  }
  if (pattern.type === 'required_parameter' || pattern.type === 'optional_parameter') {
    const inner = pattern.childForFieldName('pattern');
    if (inner) collectNames(inner, names, depth + 1);
    return;
  }
  if (pattern.type === 'object_pattern' || pattern.type === 'array_pattern' || pattern.type === 'rest_pattern') {
    for (const child of pattern.namedChildren) if (child) collectNames(child, names, depth + 1);
  }
}

/** What a statement of a block declares by `name`, if anything. */
function declaredIn(statement: Node, name: string): LocalBinding | undefined {
  if (statement.type === 'lexical_declaration' || statement.type === 'variable_declaration') {
    const kind = statement.type === 'variable_declaration' ? 'var' : statement.childForFieldName('kind')?.type ?? 'let';
    for (const declarator of statement.namedChildren) {
      if (declarator?.type !== 'variable_declarator') continue;
      const pattern = declarator.childForFieldName('name');
      if (!pattern || !bindsName(pattern, name)) continue;
      const value = declarator.childForFieldName('value');
      if (pattern.type !== 'identifier') return { kind: 'declared', reason: `'${name}' is destructured from a value` };
      if (kind === 'const' && value) return { kind: 'const', initializer: value };
      return { kind: 'declared', reason: `'${name}' is a local ${kind} variable` };
    }
    return undefined;
  }
  if ((statement.type === 'function_declaration' || statement.type === 'class_declaration') && statement.childForFieldName('name')?.text === name) {
    return { kind: 'declared', reason: `'${name}' is a local ${statement.type === 'class_declaration' ? 'class' : 'function'}` };
  }
  return undefined;
}

/** Patterns nested deeper than this are not searched (no real code nests them so; the search recurses). */
const MAX_PATTERN_DEPTH = 64;

/** Whether a binding pattern (`x`, `{ a, b: c }`, `[d, ...e]`, `x = 1`) binds `name`. */
function bindsName(pattern: Node, name: string, depth = 0): boolean {
  if (depth > MAX_PATTERN_DEPTH) return false;
  switch (pattern.type) {
    case 'identifier':
    case 'shorthand_property_identifier_pattern':
      return pattern.text === name;
    case 'lexical_declaration':
    case 'variable_declaration':
      return pattern.namedChildren.some((d) => d?.type === 'variable_declarator' && !!d.childForFieldName('name') && bindsName(d.childForFieldName('name')!, name, depth + 1));
    case 'object_pattern':
    case 'array_pattern':
    case 'rest_pattern':
    case 'assignment_pattern':
    case 'object_assignment_pattern':
    case 'pair_pattern':
    case 'required_parameter':
    case 'optional_parameter': {
      if (pattern.type === 'pair_pattern' || pattern.type === 'assignment_pattern' || pattern.type === 'object_assignment_pattern') {
        const target = pattern.childForFieldName('value') ?? pattern.childForFieldName('left');
        return !!target && bindsName(target, name, depth + 1);
      }
      if (pattern.type === 'required_parameter' || pattern.type === 'optional_parameter') {
        const inner = pattern.childForFieldName('pattern');
        return !!inner && bindsName(inner, name, depth + 1);
      }
      return pattern.namedChildren.some((c) => !!c && bindsName(c, name, depth + 1));
    }
    default:
      return false;
  }
}

function functionLabel(fn: Node): string {
  const own = fn.childForFieldName('name')?.text;
  if (own) return own;
  const declarator = fn.parent?.type === 'variable_declarator' ? fn.parent.childForFieldName('name') : null;
  return declarator?.type === 'identifier' ? declarator.text : 'a function';
}

/** Methods that change the array, map or set they are called on. */
const MUTATING_METHODS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'delete', 'add', 'clear']);
/** `Object.assign(target, …)` and its kin change their first argument. */
const MUTATING_FUNCTIONS = new Set(['Object.assign', 'Object.defineProperty', 'Object.defineProperties', 'Object.setPrototypeOf']);
/** Nodes looked at before giving up; a block that large is taken as changing the name (unknown, not a guess). */
const MAX_MUTATION_SCAN = 200_000;

/**
 * Where code inside `root`, after offset `after`, changes what `name` holds: a member or index
 * assignment (`name.x = …`, `name[k] += …`, `name.a.b++`), `delete name.x`, a mutating method
 * (`name.push(…)`, `name.set(…)`) or `Object.assign(name, …)`. Undefined when nothing does. A name
 * shadowed in a nested scope counts too: silent beats wrong.
 */
export function mutationOf(root: Node, name: string, after: number): Node | undefined {
  const changed = mutationsIn(root);
  if (changed === TOO_LARGE) return root;
  return changed.get(name)?.find((node) => node.endIndex > after);
}

/** Marks a root too large to scan: every name in it counts as changed. */
const TOO_LARGE = new Map<string, Node[]>();
/** One walk per root (a file, a block), remembered by the node's id within its tree. */
const scanned = new WeakMap<object, Map<number, Map<string, Node[]>>>();

/** Every place in `root` that changes a name (see mutationOf), by the name changed. */
function mutationsIn(root: Node): Map<string, Node[]> {
  let byRoot = scanned.get(root.tree);
  if (!byRoot) scanned.set(root.tree, (byRoot = new Map()));
  const known = byRoot.get(root.id);
  if (known) return known;
  const found = new Map<string, Node[]>();
  const cursor = root.walk();
  let seen = 0;
  let result = found;
  try {
    for (let more = true; more;) {
      const node = cursor.currentNode;
      if (++seen > MAX_MUTATION_SCAN) {
        result = TOO_LARGE;
        break;
      }
      const name = changedName(node);
      if (name !== undefined) found.set(name, [...(found.get(name) ?? []), node]);
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          more = false;
          break;
        }
      }
    }
  } finally {
    cursor.delete();
  }
  byRoot.set(root.id, result);
  return result;
}

/** The name a node changes, if it is a change of one (see mutationOf). */
function changedName(node: Node): string | undefined {
  switch (node.type) {
    case 'assignment_expression':
    case 'augmented_assignment_expression': {
      const left = node.childForFieldName('left');
      return left && (left.type === 'member_expression' || left.type === 'subscript_expression') ? baseName(left) : undefined;
    }
    case 'update_expression': {
      const argument = node.childForFieldName('argument');
      return argument && argument.type !== 'identifier' ? baseName(argument) : undefined;
    }
    case 'unary_expression':
      return node.childForFieldName('operator')?.text === 'delete' ? baseName(node.childForFieldName('argument')) : undefined;
    case 'call_expression': {
      const fn = node.childForFieldName('function');
      if (fn?.type !== 'member_expression') return undefined;
      const property = fn.childForFieldName('property')?.text ?? '';
      if (MUTATING_METHODS.has(property)) return baseName(fn.childForFieldName('object'));
      if (!MUTATING_FUNCTIONS.has(fn.text.replace(/\s+/g, ''))) return undefined;
      const first = node.childForFieldName('arguments')?.namedChildren[0];
      return first ? baseName(first) : undefined;
    }
    default:
      return undefined;
  }
}

/** The identifier a member or index chain starts from: `a` for `a.b[c].d`. */
function baseName(node: Node | null | undefined): string | undefined {
  let current = node ?? undefined;
  for (let depth = 0; current && depth < 256; depth++) {
    if (current.type === 'identifier') return current.text;
    if (current.type === 'member_expression' || current.type === 'subscript_expression') current = current.childForFieldName('object') ?? undefined;
    else if (current.type === 'parenthesized_expression' || current.type === 'non_null_expression') current = current.namedChildren[0] ?? undefined;
    else return undefined;
  }
  return undefined;
}

/** Why a changed const has no value Rawsync can use. */
export function changedReason(name: string, change: Node): string {
  return `'${name}' is changed after it is declared (line ${change.startPosition.row + 1})`;
}
