import type { Node } from './parser';
import { codeChildren, expressionRuns, parameterNames } from './expressions';

/** A node around the walk's place that scopes names, with its type read once and its parent. */
export interface Scope {
  node: Node;
  type: string;
  depth: number;
  parent?: Node;
}

/** What a name means where it is used inside a function. */
export type LocalName =
  /** A `final` or `const` local with its initializer (a primary node and its selectors). */
  | { kind: 'value'; initializer: Node[] }
  /** A parameter, a `var`, a loop variable: its value is known only at run time. */
  | { kind: 'declared'; reason: string };

/**
 * The names the functions of one file declare, looked up from the place a name is used: the
 * blocks around it (declarations before the use), loop variables, and the parameters of the
 * functions and closures around it. A name none of them declares is left to the model.
 */
export class LocalNames {
  /** The scopes around the run being read, outermost first (kept by the walk). */
  private scopes: readonly Scope[] = [];

  /** The scopes around the run whose names are looked up next. */
  within(scopes: readonly Scope[]): void {
    this.scopes = scopes;
  }

  /**
   * What `use` means. `inner` are the closures and blocks the expression reader entered inside the
   * run (outermost first); the walk's ancestors hold the rest, so no parent is looked up in the tree.
   */
  lookup(use: Node, inner: readonly Node[] = []): LocalName | undefined {
    const name = use.text;
    const chain: Scope[] = [];
    for (let i = inner.length - 1; i >= 0; i--) chain.push({ node: inner[i], type: inner[i].type, depth: -1 });
    for (let i = this.scopes.length - 1; i >= 0; i--) chain.push(this.scopes[i]);
    for (const { node, type, parent } of chain) {
      switch (type) {
        case 'block': {
          const found = this.inBlock(node, use.startIndex, name);
          if (found) return found;
          break;
        }
        case 'for_statement': {
          const parts = codeChildren(node).find((c) => c.type === 'for_loop_parts');
          if (parts && declaresInLoop(parts, name)) return { kind: 'declared', reason: `'${name}' is a loop variable` };
          break;
        }
        case 'function_expression':
          if (parameterNames(node.childForFieldName('parameters') ?? undefined).includes(name)) return { kind: 'declared', reason: `'${name}' is a parameter of a closure` };
          break;
        case 'function_body': {
          const siblings = parent ? codeChildren(parent) : [];
          const at = siblings.findIndex((c) => c.id === node.id);
          const signature = at > 0 ? siblings[at - 1] : undefined;
          const params = signature ? parametersOf(signature) : [];
          if (params.includes(name)) return { kind: 'declared', reason: `'${name}' is a parameter of ${functionNameOf(signature!) ?? 'its function'}` };
          break;
        }
        case 'program':
        case 'class_body':
          return undefined;
        default:
          break;
      }
    }
    return undefined;
  }

  /** A declaration of `name` among the statements of `block` that end before the use. */
  private inBlock(block: Node, useStart: number, name: string): LocalName | undefined {
    let found: LocalName | undefined;
    for (const statement of codeChildren(block)) {
      if (statement.endIndex > useStart) break;
      if (statement.type === 'local_variable_declaration') {
        const declared = declaredIn(statement, name);
        if (declared) found = declared;
      } else if (statement.type === 'local_function_declaration' && functionNameOf(statement) === name) {
        found = { kind: 'declared', reason: `'${name}' is a local function` };
      }
    }
    return found;
  }
}

/** `final x = …` / `const x = …` (a value), `var x = …` or `late x` (declared), in one declaration statement. */
function declaredIn(statement: Node, name: string): LocalName | undefined {
  for (const definition of codeChildren(statement)) {
    if (definition.type !== 'initialized_variable_definition') continue;
    const children = codeChildren(definition);
    const isFinal = children.some((c) => c.type === 'final_builtin' || c.type === 'const_builtin');
    const names = children.filter((c) => c.type === 'identifier' || c.type === 'initialized_identifier');
    const first = definition.childForFieldName('name');
    if (first?.text === name) {
      const value = definition.childrenForFieldName('value').filter((c): c is Node => c !== null);
      if (isFinal && value.length > 0) return { kind: 'value', initializer: value };
      return { kind: 'declared', reason: `'${name}' is a local variable that may change` };
    }
    // `final a = 1, b = 2;`: the later names.
    for (const other of names) {
      const id = other.type === 'initialized_identifier' ? codeChildren(other)[0] : other;
      if (id?.text !== name || other === first) continue;
      const run = other.type === 'initialized_identifier' ? expressionRuns(codeChildren(other).slice(1))[0] : undefined;
      if (isFinal && run) return { kind: 'value', initializer: run };
      return { kind: 'declared', reason: `'${name}' is a local variable that may change` };
    }
  }
  return undefined;
}

function declaresInLoop(parts: Node, name: string): boolean {
  if (parts.childForFieldName('name')?.text === name) return true;
  return codeChildren(parts).some((c) => (c.type === 'local_variable_declaration' && declaredIn(c, name) !== undefined)
    || (c.type === 'initialized_variable_definition' && c.childForFieldName('name')?.text === name));
}

/** The parameter names of a function or method signature node. */
export function parametersOf(signature: Node): string[] {
  const list = findDescendant(signature, 'formal_parameter_list', 3);
  return parameterNames(list);
}

/** The declared name of a function, method, getter or local function signature. */
export function functionNameOf(node: Node): string | undefined {
  const direct = node.childForFieldName('name');
  if (direct) return direct.text;
  for (const child of codeChildren(node)) {
    if (child.type.endsWith('_signature') || child.type === 'function_signature') {
      const name = functionNameOf(child);
      if (name) return name;
    }
  }
  return undefined;
}

function findDescendant(node: Node, type: string, depth: number): Node | undefined {
  for (const child of codeChildren(node)) {
    if (child.type === type) return child;
    if (depth > 0 && child.type !== 'function_body' && child.type !== 'block') {
      const found = findDescendant(child, type, depth - 1);
      if (found) return found;
    }
  }
  return undefined;
}
