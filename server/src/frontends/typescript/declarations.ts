import path from 'node:path';
import type { ConstantFact, FileFacts, FunctionFact, ImportFact } from '../../model/facts';
import { locationOf, type Node } from './parser';
import { codeChildren, FUNCTION_EXPRESSIONS, parameterNames, type ExpressionReader } from './expressions';
import { changedReason, mutationOf } from './scopes';

/** What the TypeScript readers share while walking one file. */
export interface TypeScriptFileContext {
  uri: string;
  /** The file's path, from its URI: imports are resolved against its folder. */
  filePath: string;
  text: string;
  facts: FileFacts;
  expressions: ExpressionReader;
}

/** The extensions a module's file may have; an import names the module without one (or with `.js` for a `.ts` file). */
const MODULE_EXTENSION = /\.(?:d\.)?(?:[mc]?tsx?|[mc]?jsx?)$/i;

/** U+2024 ONE DOT LEADER: stands for `.` in a module id, so the model's dotted names never split a path. */
const DOT_STAND_IN = '\u2024';

/**
 * The module id of a file, used as its `packageName`: the path (`/`-separated) without its
 * extension and without a trailing `/index` (so `./db` and `./db/index` name one module), with
 * every `.` replaced by U+2024 (`․`). The model joins a package and a name with `.` and splits
 * qualified names at `.`; a path's dots (`schema.config.ts`, `my.app/`) must never be split, so
 * none remains. `/w/src/db/index.ts` → `/w/src/db`; `/w/app.v2/schema.config.ts` → `/w/app․v2/schema․config`.
 * An import `import { A } from './db'` in `/w/src/app.ts` then names `/w/src/db.A`, which is
 * the qualified name of the constant `A` the module declares.
 */
export function moduleIdOf(filePath: string): string {
  let id = filePath.replace(/\\/g, '/').replace(MODULE_EXTENSION, '');
  id = id.replace(/\/+$/, '');
  if (id.endsWith('/index')) id = id.slice(0, -'/index'.length);
  return id.replace(/\./g, DOT_STAND_IN);
}

/**
 * The module id an import specifier names from the file at `filePath`: a relative specifier
 * (`./x`, `../x.js`) resolved against the file's folder as `moduleIdOf` writes paths; a bare one
 * (`@powersync/web`, or a path alias such as `@/db`, which needs tsconfig to resolve and is left
 * as written) with its dots replaced.
 */
export function moduleIdOfSpecifier(specifier: string, filePath: string): string {
  if (specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../')) {
    const folder = path.posix.dirname(filePath.replace(/\\/g, '/'));
    return moduleIdOf(path.posix.join(folder, specifier));
  }
  return specifier.replace(/\./g, DOT_STAND_IN);
}

/** Module id, imports, top-level constants and functions. */
export function readDeclarations(root: Node, ctx: TypeScriptFileContext): void {
  ctx.facts.packageName = moduleIdOf(ctx.filePath);
  for (const child of codeChildren(root)) {
    if (child.type === 'import_statement') ctx.facts.imports.push(...readImport(child, ctx));
    else readTopLevel(child, ctx);
  }
}

/**
 * `import { A, B as C } from './x'`: one import per named specifier, `${module}.A`, aliased to the
 * local name when renamed. A default import and `import * as ns` are not recorded: what they
 * bind is a module's default export or the module itself, which no fact names (yet).
 */
function readImport(node: Node, ctx: TypeScriptFileContext): ImportFact[] {
  const source = node.childForFieldName('source');
  const clause = codeChildren(node).find((c) => c.type === 'import_clause');
  if (!source || !clause) return [];
  const specifier = ctx.expressions.read(source);
  if (specifier.kind !== 'string') return [];
  const module = moduleIdOfSpecifier(specifier.value, ctx.filePath);
  const imports: ImportFact[] = [];
  for (const named of codeChildren(clause).filter((c) => c.type === 'named_imports')) {
    for (const spec of codeChildren(named)) {
      if (spec.type !== 'import_specifier') continue;
      const name = spec.childForFieldName('name');
      const alias = spec.childForFieldName('alias');
      if (name?.type !== 'identifier') continue;
      imports.push({
        path: `${module}.${name.text}`,
        ...(alias && alias.text !== name.text ? { alias: alias.text } : {}),
        wildcard: false,
        loc: locationOf(ctx.uri, node),
      });
    }
  }
  return imports;
}

/**
 * `export { A, B as C } from './x'` and `export * from './x'`: the names this module hands on
 * from another (a barrel `index.ts`). `export * as ns from` binds a namespace: not recorded.
 */
function readReExport(node: Node, ctx: TypeScriptFileContext): void {
  const source = node.childForFieldName('source');
  const specifier = source ? ctx.expressions.read(source) : undefined;
  if (specifier?.kind !== 'string') return;
  const module = moduleIdOfSpecifier(specifier.value, ctx.filePath);
  const clause = codeChildren(node).find((c) => c.type === 'export_clause');
  if (!clause) {
    if (!codeChildren(node).some((c) => c.type === 'namespace_export')) (ctx.facts.reExports ??= []).push({ module });
    return;
  }
  for (const spec of codeChildren(clause)) {
    if (spec.type !== 'export_specifier') continue;
    const name = spec.childForFieldName('name')?.text;
    const alias = spec.childForFieldName('alias')?.text;
    if (name) (ctx.facts.reExports ??= []).push({ module, name, as: alias ?? name });
  }
}

/** drizzle-kit's config file (`drizzle.config.ts`, `.js`, `.mjs`, …). */
const DRIZZLE_CONFIG_FILE = /(?:^|[\\/])drizzle\.config\.[cm]?[jt]s$/;

/** `export default defineConfig({ … })` or `export default { … } [satisfies Config]`: the options object. */
function readDrizzleConfig(value: Node, ctx: TypeScriptFileContext): void {
  let options = ctx.expressions.read(value);
  if (options.kind === 'call' && options.callee.kind === 'ref' && options.callee.name === 'defineConfig' && options.args.length === 1) options = options.args[0].value;
  ctx.facts.drizzleConfig = { options, loc: locationOf(ctx.uri, value) };
}

/** A top-level statement: `[export] const …`, `[export] function …`; anything else declares nothing we read. */
function readTopLevel(node: Node, ctx: TypeScriptFileContext): void {
  let declaration = node;
  const modifiers: string[] = [];
  if (node.type === 'export_statement') {
    const inner = node.childForFieldName('declaration');
    if (!inner) {
      const value = node.childForFieldName('value');
      if (value && DRIZZLE_CONFIG_FILE.test(ctx.filePath)) readDrizzleConfig(value, ctx);
      else readReExport(node, ctx);
      return;
    }
    modifiers.push('export');
    // `export default function f`: importers call it by a name of their own.
    if (node.children.some((c) => c?.type === 'default')) modifiers.push('default');
    declaration = inner;
  }
  if (declaration.type === 'lexical_declaration' && declaration.childForFieldName('kind')?.type === 'const') {
    readConstants(declaration, node, modifiers, ctx);
  } else if (declaration.type === 'function_declaration' || declaration.type === 'generator_function_declaration') {
    const name = declaration.childForFieldName('name')?.text;
    if (name) (ctx.facts.functions ??= []).push(readFunction(name, declaration, declaration, modifiers, ctx));
  } else if (declaration.type === 'ERROR' && !declaration.hasError) {
    for (const child of codeChildren(declaration)) readTopLevel(child, ctx);
  }
}

/**
 * Every `const name = value` of a top-level declaration is a constant; one whose value is an arrow
 * function or function expression is also a function (its code read for the evaluator).
 * `let` and `var` are not constants (they may be reassigned), and destructuring declares none.
 */
function readConstants(declaration: Node, statement: Node, modifiers: string[], ctx: TypeScriptFileContext): void {
  const declarators = codeChildren(declaration).filter((c) => c.type === 'variable_declarator');
  for (const declarator of declarators) {
    const name = declarator.childForFieldName('name');
    const valueNode = declarator.childForFieldName('value');
    if (name?.type !== 'identifier' || !valueNode) continue;
    const loc = locationOf(ctx.uri, declarators.length === 1 ? statement : declarator);
    // A module-level object or array the file changes later holds no value known before run time.
    const changed = mutationOf(root(statement), name.text, valueNode.endIndex);
    const value: ConstantFact['value'] = changed
      ? { kind: 'unknown', text: valueNode.text.slice(0, 80), reason: changedReason(name.text, changed), loc: locationOf(ctx.uri, valueNode) }
      : ctx.expressions.read(valueNode);
    const constant: ConstantFact = { name: name.text, owner: [], isConst: true, value, loc };
    ctx.facts.constants.push(constant);
    const fn = unwrapped(valueNode);
    if (FUNCTION_EXPRESSIONS.has(fn.type)) (ctx.facts.functions ??= []).push(readFunction(name.text, fn, statement, modifiers, ctx));
  }
}

/** The file's root node. */
function root(node: Node): Node {
  let current = node;
  while (current.parent) current = current.parent;
  return current;
}

/** The expression inside `(…)`, `… as T`, `… satisfies T`. */
function unwrapped(node: Node): Node {
  let current = node;
  while (['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression'].includes(current.type)) {
    const inner = codeChildren(current)[0];
    if (!inner) break;
    current = inner;
  }
  return current;
}

function readFunction(name: string, fn: Node, statement: Node, modifiers: string[], ctx: TypeScriptFileContext): FunctionFact {
  const own = [...modifiers];
  for (let i = 0; i < fn.childCount; i++) {
    const token = fn.child(i);
    if (token && !token.isNamed && token.type === 'async') own.push('async');
  }
  const body = fn.childForFieldName('body');
  const fact: FunctionFact = {
    name,
    modifiers: own,
    annotations: [],
    parameters: parameterNames(fn).map((p) => ({ name: p })),
    loc: locationOf(ctx.uri, statement),
  };
  if (body?.type === 'statement_block') {
    const statements = codeChildren(body);
    fact.body = { loc: locationOf(ctx.uri, body), statements: statements.map((s) => ({ loc: locationOf(ctx.uri, s), superCall: false })) };
    fact.code = ctx.expressions.readStatements(statements);
  } else if (body) {
    fact.code = [{ kind: 'return', value: ctx.expressions.read(body), loc: locationOf(ctx.uri, body) }];
  }
  return fact;
}
