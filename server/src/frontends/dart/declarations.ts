import path from 'node:path';
import type { AnnotationFact, ClassFact, ConstantFact, FileFacts, FunctionFact, ImportFact, PropertyFact, TypeRef } from '../../model/facts';
import { locationOf, type Node } from './parser';
import { codeChildren, expressionRuns, type ExpressionReader } from './expressions';
import { functionNameOf, parametersOf } from './local-names';

/** What the declaration and call readers of one Dart file share. */
export interface DartFileContext {
  uri: string;
  filePath: string;
  text: string;
  facts: FileFacts;
  expressions: ExpressionReader;
}

/** U+2024 ONE DOT LEADER: stands for `.` in a module id, so the model's dotted names never split a path. */
const DOT_STAND_IN = '\u2024';

/**
 * The module id of a Dart library, used as its `packageName`: the file's path (`/`-separated)
 * without `.dart`, every `.` replaced by U+2024 so the model's dotted names never split a path.
 * `/w/lib/db/schema.dart` → `/w/lib/db/schema`. A library sees every name another one it imports
 * declares, so a name `A` imported from `./db/schema.dart` is `/w/lib/db/schema.A`.
 */
export function dartModuleIdOf(filePath: string): string {
  return filePath.replace(/\\/g, '/').replace(/\.dart$/i, '').replace(/\./g, DOT_STAND_IN);
}

/**
 * The module an import URI names from the file at `filePath`: a relative URI resolved against the
 * file's folder; a `package:` URI as written (the pubspec reader maps `package:name/` to the
 * package's `lib/`); undefined for `dart:` libraries.
 */
export function dartModuleIdOfUri(uri: string, filePath: string): string | undefined {
  if (uri.startsWith('dart:')) return undefined;
  if (uri.startsWith('package:')) return uri.replace(/\.dart$/i, '').replace(/\./g, DOT_STAND_IN);
  if (/^[a-z]+:/i.test(uri)) return undefined;
  const folder = path.posix.dirname(filePath.replace(/\\/g, '/'));
  return dartModuleIdOf(path.posix.join(folder, uri));
}

/** Imports, exports, top-level constants, functions and classes. */
export function readDeclarations(root: Node, ctx: DartFileContext): void {
  ctx.facts.packageName = dartModuleIdOf(ctx.filePath);
  const children = codeChildren(root);
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    switch (child.type) {
      case 'import_or_export':
        readImportOrExport(child, ctx);
        break;
      case 'static_final_declaration_list': {
        // `final Schema schema = …;`, `const List<String> x = …;`: the keyword stands before the type.
        let k = i - 1;
        while (k >= 0 && TYPE_PARTS.has(children[k].type)) k--;
        readConstants(child, children[k], [], ctx, k >= 0 && isConstOrFinal(children[k]));
        break;
      }
      case 'function_signature':
      case 'getter_signature': {
        const body = children[i + 1]?.type === 'function_body' ? children[i + 1] : undefined;
        if (body) readFunctionOrGetter(child, body, [], ctx, ctx.facts.functions ??= []);
        break;
      }
      case 'class_definition':
        readClass(child, ctx);
        break;
      default:
        break;
    }
  }
}

/** The nodes of a declared type between `final`/`const` and the names (`List<String>?`, `void Function()`). */
const TYPE_PARTS = new Set(['type_identifier', 'type_arguments', 'nullable_type', 'function_type', 'void_type', 'record_type', 'inferred_type']);

function isConstOrFinal(node: Node | undefined): boolean {
  return node?.type === 'const_builtin' || node?.type === 'final_builtin';
}

/** The libraries of PowerSync's Dart SDK: `powersync` (1.x re-exporting `powersync_core`, and 2.x), `powersync_core`, `powersync_sqlcipher`. */
const POWERSYNC_LIBRARY = /^package:powersync(?:_core|_sqlcipher)?\//;

/** `import 'x.dart' [as p] [show A, B | hide C];` and `export 'x.dart';`. */
function readImportOrExport(node: Node, ctx: DartFileContext): void {
  const inner = codeChildren(node)[0];
  if (!inner) return;
  const uriNode = findFirst(inner, 'uri');
  const literal = uriNode ? codeChildren(uriNode).find((c) => c.type === 'string_literal') : undefined;
  const value = literal ? ctx.expressions.read(literal) : undefined;
  if (value?.kind !== 'string') return;
  const module = dartModuleIdOfUri(value.value, ctx.filePath);
  if (!module) return;
  const loc = locationOf(ctx.uri, node);
  if (inner.type === 'library_export') {
    const shown = combinatorNames(inner, 'show');
    if (shown) for (const name of shown) (ctx.facts.reExports ??= []).push({ module, name, as: name });
    else (ctx.facts.reExports ??= []).push({ module });
    return;
  }
  const specification = codeChildren(inner).find((c) => c.type === 'import_specification') ?? inner;
  const prefix = codeChildren(specification).find((c) => c.type === 'identifier');
  if (prefix) {
    ctx.facts.imports.push({ path: module, alias: prefix.text, wildcard: false, loc });
    if (POWERSYNC_LIBRARY.test(value.value)) ctx.expressions.sdkPrefixes.add(prefix.text);
    return;
  }
  const shown = combinatorNames(specification, 'show');
  const imports: ImportFact[] = shown
    ? shown.map((name) => ({ path: `${module}.${name}`, wildcard: false, loc }))
    : [{ path: module, wildcard: true, loc }];
  ctx.facts.imports.push(...imports);
}

/** The names of a `show` combinator; undefined when there is none (a `hide` still lets the rest through). */
function combinatorNames(node: Node, keyword: 'show' | 'hide'): string[] | undefined {
  let names: string[] | undefined;
  for (const combinator of codeChildren(node).filter((c) => c.type === 'combinator')) {
    if (!combinator.text.trimStart().startsWith(keyword)) continue;
    (names ??= []).push(...codeChildren(combinator).filter((c) => c.type === 'identifier').map((c) => c.text));
  }
  return names;
}

/**
 * `const a = …;`, `final b = …;` (top level, or `static` in a class): constants. `var` and instance
 * fields are not: they may change.
 */
function readConstants(list: Node, keyword: Node | undefined, owner: string[], ctx: DartFileContext, constOrFinal: boolean): void {
  if (!constOrFinal) return;
  for (const declaration of codeChildren(list).filter((c) => c.type === 'static_final_declaration')) {
    const children = codeChildren(declaration);
    const name = children[0];
    if (name?.type !== 'identifier') continue;
    const run = expressionRuns(children.slice(1))[0];
    if (!run) continue;
    const constant: ConstantFact = {
      name: name.text,
      owner,
      isConst: keyword?.type === 'const_builtin',
      value: ctx.expressions.readRun(run),
      loc: locationOf(ctx.uri, declaration),
    };
    ctx.facts.constants.push(constant);
  }
}

/**
 * A function (its code read for the evaluator) or a getter. A getter with an expression body
 * (`String get table => 'todos';`) is also a constant: reading it gives the same value each time
 * as long as the expression names only constants, which the model checks as it evaluates.
 */
function readFunctionOrGetter(signature: Node, body: Node, owner: string[], ctx: DartFileContext, into: FunctionFact[], annotations: AnnotationFact[] = [], modifiers: string[] = []): FunctionFact | undefined {
  const inner = signature.type === 'method_signature' ? codeChildren(signature).find((c) => c.type.endsWith('_signature')) ?? signature : signature;
  const name = functionNameOf(inner);
  if (!name) return undefined;
  const fact: FunctionFact = {
    name,
    modifiers: [...modifiers, ...(inner.type === 'getter_signature' ? ['get'] : [])],
    annotations,
    parameters: parametersOf(inner).map((p) => ({ name: p })),
    loc: spanning(ctx.uri, signature, body),
  };
  const returnType = codeChildren(inner).find((c) => c.type === 'type_identifier' || c.type === 'void_type');
  if (returnType) fact.returnType = typeRef(returnType, inner, ctx);
  const block = codeChildren(body).find((c) => c.type === 'block');
  if (block) {
    const statements = codeChildren(block);
    fact.body = { loc: locationOf(ctx.uri, block), statements: statements.map((s) => ({ loc: locationOf(ctx.uri, s), superCall: false })) };
    fact.code = ctx.expressions.readStatements(statements);
  } else {
    const value = ctx.expressions.readChildren(body);
    if (value) fact.code = [{ kind: 'return', value, loc: value.loc }];
    if (value && inner.type === 'getter_signature' && owner.length === 0) {
      ctx.facts.constants.push({ name, owner, isConst: false, value, loc: fact.loc });
    }
  }
  into.push(fact);
  return fact;
}

/**
 * A class: its supertypes, annotations, `static const`/`static final` fields (constants owned by
 * the class), getters (properties whose getter value Drift tables are read from) and methods.
 */
function readClass(node: Node, ctx: DartFileContext): void {
  const nameNode = node.childForFieldName('name');
  if (!nameNode) return;
  const name = nameNode.text;
  const owner = [name];
  const superTypes: TypeRef[] = [];
  const superclass = node.childForFieldName('superclass');
  if (superclass) {
    for (const child of codeChildren(superclass)) {
      if (child.type === 'type_identifier') superTypes.push(typeRef(child, superclass, ctx));
      else if (child.type === 'mixins') superTypes.push(...codeChildren(child).filter((c) => c.type === 'type_identifier').map((c) => typeRef(c, child, ctx)));
    }
  }
  const interfaces = node.childForFieldName('interfaces');
  if (interfaces) superTypes.push(...codeChildren(interfaces).filter((c) => c.type === 'type_identifier').map((c) => typeRef(c, interfaces, ctx)));
  const fact: ClassFact = {
    name,
    outer: [],
    kind: 'class',
    modifiers: codeChildren(node).some((c) => c.type === 'abstract') || /^\s*abstract\b/.test(node.text) ? ['abstract'] : [],
    annotations: leadingAnnotations(node, ctx),
    superTypes,
    properties: [],
    enumEntries: [],
    functions: [],
    loc: locationOf(ctx.uri, node),
    nameLoc: locationOf(ctx.uri, nameNode),
  };
  const body = node.childForFieldName('body');
  const members = body ? codeChildren(body) : [];
  let annotations: AnnotationFact[] = [];
  for (let i = 0; i < members.length; i++) {
    const member = members[i];
    if (member.type === 'annotation') {
      annotations.push(readAnnotation(member, ctx));
      continue;
    }
    if (member.type === 'declaration') {
      const isStatic = /^\s*static\b/.test(member.text);
      const list = codeChildren(member).find((c) => c.type === 'static_final_declaration_list');
      const keyword = codeChildren(member).find((c) => isConstOrFinal(c));
      if (list && isStatic) readConstants(list, keyword, owner, ctx, keyword !== undefined);
      else if (!isStatic) {
        // An instance field (`late final id = text()();`): recorded by name, its value not read.
        const fields = list ?? codeChildren(member).find((c) => c.type === 'initialized_identifier_list');
        const first = fields ? findFirst(fields, 'identifier') : undefined;
        if (first) {
          fact.properties.push({
            name: first.text, annotations, modifiers: [], fromConstructor: false, mutable: keyword === undefined, hasBackingField: true,
            loc: locationOf(ctx.uri, member), nameLoc: locationOf(ctx.uri, first),
          });
        }
      }
    } else if (member.type === 'method_signature') {
      const next = members[i + 1]?.type === 'function_body' ? members[i + 1] : undefined;
      const isStatic = /^\s*static\b/.test(member.text);
      if (next) {
        const fn = readFunctionOrGetter(member, next, owner, ctx, fact.functions, annotations, isStatic ? ['static'] : []);
        if (fn?.modifiers.includes('get') && !isStatic) fact.properties.push(getterProperty(fn, member, next, annotations, ctx));
        if (fn?.modifiers.includes('get') && isStatic && fn.code?.[0]?.kind === 'return' && fn.code[0].value) {
          ctx.facts.constants.push({ name: fn.name, owner, isConst: false, value: fn.code[0].value, loc: fn.loc });
        }
        i++;
      }
    }
    annotations = [];
  }
  ctx.facts.classes.push(fact);
}

function getterProperty(fn: FunctionFact, signature: Node, body: Node, annotations: AnnotationFact[], ctx: DartFileContext): PropertyFact {
  const getter = fn.code?.[0]?.kind === 'return' ? fn.code[0].value : undefined;
  const nameNode = findFirst(signature, 'identifier', (n) => n.text === fn.name);
  return {
    name: fn.name,
    ...(fn.returnType ? { type: fn.returnType } : {}),
    annotations,
    modifiers: [],
    fromConstructor: false,
    mutable: false,
    hasBackingField: false,
    ...(getter ? { getter } : {}),
    loc: spanning(ctx.uri, signature, body),
    nameLoc: nameNode ? locationOf(ctx.uri, nameNode) : locationOf(ctx.uri, signature),
  };
}

/** Annotations written before a class: the grammar puts them inside the class node. */
function leadingAnnotations(node: Node, ctx: DartFileContext): AnnotationFact[] {
  return codeChildren(node).filter((c) => c.type === 'annotation').map((a) => readAnnotation(a, ctx));
}

function readAnnotation(node: Node, ctx: DartFileContext): AnnotationFact {
  const name = node.childForFieldName('name')?.text ?? codeChildren(node).find((c) => c.type === 'identifier')?.text ?? '';
  const args = codeChildren(node).find((c) => c.type === 'arguments');
  return { name, args: ctx.expressions.readArguments(args), loc: locationOf(ctx.uri, node) };
}

function typeRef(node: Node, context: Node, ctx: DartFileContext): TypeRef {
  const args = node.nextNamedSibling?.type === 'type_arguments' && node.nextNamedSibling.parent?.id === context.id ? node.nextNamedSibling : undefined;
  return {
    name: node.text,
    args: args ? codeChildren(args).filter((c) => c.type === 'type_identifier').map((c) => typeRef(c, args, ctx)) : [],
    nullable: false,
    text: args ? `${node.text}${args.text}` : node.text,
    loc: locationOf(ctx.uri, node),
  };
}

function findFirst(node: Node, type: string, accept: (n: Node) => boolean = () => true): Node | undefined {
  for (const child of codeChildren(node)) {
    if (child.type === type && accept(child)) return child;
    const found = findFirst(child, type, accept);
    if (found) return found;
  }
  return undefined;
}

function spanning(uri: string, first: Node, last: Node) {
  return { uri, range: { start: { line: first.startPosition.row, character: first.startPosition.column }, end: { line: last.endPosition.row, character: last.endPosition.column } } };
}
