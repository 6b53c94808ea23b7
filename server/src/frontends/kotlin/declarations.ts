import type {
  AnnotationFact,
  ClassFact,
  ClassKind,
  FunctionFact,
  ImportFact,
  PropertyFact,
  TypeRef,
} from '../../model/facts';
import type { Value } from '../../model/value';
import type { KotlinFileContext } from './index';
import { locationOf, type Node } from './parser';
import { isNode, userTypeName } from './expressions';

/** Node types the grammar uses for a written type. */
const TYPE_NODES = new Set(['user_type', 'nullable_type', 'function_type', 'parenthesized_type', 'non_nullable_type', 'dynamic']);

const ROOM_CALLBACK_METHODS = new Set(['onCreate', 'onOpen', 'onDestructiveMigration']);

/** Where declarations are being read: the file itself or the body of a class, object or companion. */
interface Container {
  /** Class path of the container (companions included, as in qualified names). */
  path: string[];
  /** Owner path for constants (companions left out); undefined inside plain classes. */
  constantOwner?: string[];
  kind: ClassKind | 'file';
}

const FILE: Container = { path: [], constantOwner: [], kind: 'file' };

/** Package, imports, classes with properties and annotations, constants, type aliases, converters. */
export function readDeclarations(root: Node, ctx: KotlinFileContext): void {
  for (const child of named(root)) {
    if (child.type === 'package_header') {
      ctx.facts.packageName = dottedText(child);
      ctx.facts.packageLoc = locationOf(ctx.uri, child);
    }
    else if (child.type === 'import') ctx.facts.imports.push(readImport(child, ctx));
  }
  const { functions } = readBody(root, FILE, ctx);
  (ctx.facts.functions ??= []).push(...functions);
}

function readImport(node: Node, ctx: KotlinFileContext): ImportFact {
  const path = dottedText(node);
  const alias = named(node).find((c) => c.type === 'identifier')?.text;
  const wildcard = tokens(node).some((t) => t.text === '*');
  return { path, alias, wildcard, loc: locationOf(ctx.uri, node) };
}

/** Members of a file or class body; nested classes, constants and converters go to the facts. */
function readBody(body: Node, container: Container, ctx: KotlinFileContext): { properties: PropertyFact[]; functions: FunctionFact[] } {
  const properties: PropertyFact[] = [];
  const functions: FunctionFact[] = [];
  for (const child of named(body)) {
    switch (child.type) {
      case 'class_declaration':
      case 'object_declaration':
      case 'companion_object':
        readClass(child, container, ctx);
        break;
      case 'property_declaration': {
        const property = readProperty(child, container, ctx);
        if (property) properties.push(property);
        break;
      }
      case 'function_declaration':
        functions.push(readFunction(child, ctx));
        break;
      case 'type_alias':
        readTypeAlias(child, ctx);
        break;
      case 'ERROR':
        readSalvagedClasses(child, container, ctx);
        break;
    }
  }
  if (container.kind === 'file') for (const fn of functions) recordTypeConverter(fn, '', ctx);
  return { properties, functions };
}

/**
 * A syntax error keeps what it swallowed as children. Whole class declarations in it are still
 * sound; loose properties and functions are not (their enclosing class is unknown).
 */
function readSalvagedClasses(error: Node, container: Container, ctx: KotlinFileContext): void {
  for (const child of named(error)) {
    if (child.type === 'class_declaration' || child.type === 'object_declaration' || child.type === 'companion_object') readClass(child, container, ctx);
    else if (child.type === 'ERROR') readSalvagedClasses(child, container, ctx);
  }
}

function readClass(node: Node, container: Container, ctx: KotlinFileContext): void {
  const kind = classKind(node);
  const nameNode = node.childForFieldName('name') ?? undefined;
  const name = nameNode?.text ?? (kind === 'companion' ? 'Companion' : undefined);
  if (name === undefined) return;
  const { modifiers, annotations } = readModifiers(node, ctx);
  const fact: ClassFact = {
    name,
    outer: container.path,
    kind,
    modifiers,
    annotations,
    superTypes: readSuperTypes(node, ctx),
    properties: readConstructorProperties(node, ctx),
    constructorParameters: readConstructorParameters(node, ctx),
    enumEntries: [],
    functions: [],
    loc: locationOf(ctx.uri, node),
    nameLoc: locationOf(ctx.uri, nameNode ?? keywordOf(node) ?? node),
  };
  ctx.facts.classes.push(fact);

  const path = [...container.path, name];
  const inner: Container = { path, constantOwner: constantOwnerOf(kind, name, container), kind };
  for (const body of named(node).filter((c) => c.type === 'class_body' || c.type === 'enum_class_body')) {
    const members = readBody(body, inner, ctx);
    fact.properties.push(...members.properties);
    fact.functions.push(...members.functions);
    fact.enumEntries.push(...enumEntriesOf(body));
  }
  for (const fn of fact.functions) recordTypeConverter(fn, path.join('.'), ctx);
  recordRoomCallback(fact, path, ctx);
}

function classKind(node: Node): ClassKind {
  if (node.type === 'object_declaration') return 'object';
  if (node.type === 'companion_object') return 'companion';
  if (tokens(node).some((t) => t.type === 'interface')) return 'interface';
  const modifiers = named(node).find((c) => c.type === 'modifiers');
  const classModifiers = modifiers ? named(modifiers).filter((m) => m.type === 'class_modifier').map((m) => m.text) : [];
  if (classModifiers.includes('enum')) return 'enum';
  if (classModifiers.includes('annotation')) return 'annotation';
  return 'class';
}

/** Constants live in objects and companions; a companion's constants belong to its class. */
function constantOwnerOf(kind: ClassKind, name: string, container: Container): string[] | undefined {
  const outerOwner = container.constantOwner ?? container.path.filter((segment) => segment !== 'Companion');
  if (kind === 'companion') return outerOwner;
  if (kind === 'object') return [...outerOwner, name];
  return undefined;
}

function keywordOf(node: Node): Node | undefined {
  return tokens(node).find((t) => t.type === 'object' || t.type === 'class' || t.type === 'interface');
}

function readSuperTypes(node: Node, ctx: KotlinFileContext): TypeRef[] {
  const specifiers = named(node).find((c) => c.type === 'delegation_specifiers');
  if (!specifiers) return [];
  const types: TypeRef[] = [];
  for (const specifier of named(specifiers)) {
    const typeNode = superTypeNode(specifier);
    const type = typeNode ? ctx.expressions.readType(typeNode) : undefined;
    if (type) types.push(type);
  }
  return types;
}

/** The type of `Base(args)`, `Iface` or `Iface by impl`, without constructor arguments. */
function superTypeNode(specifier: Node): Node | undefined {
  for (const child of named(specifier)) {
    if (TYPE_NODES.has(child.type)) return child;
    if (child.type === 'constructor_invocation' || child.type === 'explicit_delegation') {
      return named(child).find((c) => TYPE_NODES.has(c.type));
    }
  }
  return undefined;
}

function enumEntriesOf(body: Node): string[] {
  return named(body)
    .filter((c) => c.type === 'enum_entry')
    .map((entry) => named(entry).find((c) => c.type === 'identifier')?.text)
    .filter((n): n is string => n !== undefined);
}

function readConstructorProperties(node: Node, ctx: KotlinFileContext): PropertyFact[] {
  const parameters = named(node).find((c) => c.type === 'primary_constructor')?.namedChildren.find((c) => c?.type === 'class_parameters');
  if (!parameters) return [];
  const properties: PropertyFact[] = [];
  for (const parameter of named(parameters)) {
    if (parameter.type !== 'class_parameter') continue;
    const property = readConstructorProperty(parameter, ctx);
    if (property) properties.push(property);
  }
  return properties;
}

function readConstructorParameters(node: Node, ctx: KotlinFileContext): NonNullable<ClassFact['constructorParameters']> {
  const parameters = named(node).find((c) => c.type === 'primary_constructor')?.namedChildren.find((c) => c?.type === 'class_parameters');
  const out: NonNullable<ClassFact['constructorParameters']> = [];
  for (const parameter of parameters ? named(parameters) : []) {
    if (parameter.type !== 'class_parameter') continue;
    const name = named(parameter).find((c) => c.type === 'identifier')?.text;
    const typeNode = named(parameter).find((c) => TYPE_NODES.has(c.type));
    if (name !== undefined) out.push({ name, type: typeNode ? ctx.expressions.readType(typeNode) : undefined });
  }
  return out;
}

/** A `val`/`var` constructor parameter; plain parameters are not properties. */
function readConstructorProperty(node: Node, ctx: KotlinFileContext): PropertyFact | undefined {
  const binding = tokens(node).find((t) => t.type === 'val' || t.type === 'var');
  const nameNode = named(node).find((c) => c.type === 'identifier');
  if (!binding || !nameNode) return undefined;
  const { modifiers, annotations } = readModifiers(node, ctx);
  const typeNode = named(node).find((c) => TYPE_NODES.has(c.type));
  const initializer = afterToken(node, '=');
  return {
    name: nameNode.text,
    type: typeNode ? ctx.expressions.readType(typeNode) : undefined,
    annotations,
    modifiers,
    fromConstructor: true,
    mutable: binding.type === 'var',
    hasBackingField: true,
    initializer: initializer ? ctx.expressions.read(initializer) : undefined,
    loc: locationOf(ctx.uri, node),
    nameLoc: locationOf(ctx.uri, nameNode),
  };
}

/** A body or top-level property; in objects, companions and at top level it may also be a constant. */
function readProperty(node: Node, container: Container, ctx: KotlinFileContext): PropertyFact | undefined {
  const binding = tokens(node).find((t) => t.type === 'val' || t.type === 'var');
  const variable = named(node).find((c) => c.type === 'variable_declaration');
  const nameNode = variable ? named(variable).find((c) => c.type === 'identifier') : undefined;
  if (!binding || !variable || !nameNode) return undefined;
  const { modifiers, annotations } = readModifiers(node, ctx);
  const typeNode = named(variable).find((c) => TYPE_NODES.has(c.type));
  const initializerNode = afterToken(node, '=');
  const initializer = initializerNode ? ctx.expressions.read(initializerNode) : undefined;
  const mutable = binding.type === 'var';
  const property: PropertyFact = {
    name: nameNode.text,
    type: typeNode ? ctx.expressions.readType(typeNode) : undefined,
    annotations,
    modifiers,
    fromConstructor: false,
    mutable,
    hasBackingField: hasBackingField(node, variable, modifiers, mutable, container),
    initializer,
    getter: expressionGetter(node, ctx),
    loc: locationOf(ctx.uri, node),
    nameLoc: locationOf(ctx.uri, nameNode),
  };
  const isConst = modifiers.includes('const');
  const delegated = named(node).some((c) => c.type === 'property_delegate');
  if (container.constantOwner && initializer && !delegated && (isConst || !mutable)) {
    ctx.facts.constants.push({ name: property.name, owner: container.constantOwner, isConst, value: initializer, loc: property.loc });
  }
  return property;
}

/**
 * Kotlin gives a property a backing field unless it is abstract, delegated, an extension, or every
 * accessor has a body that never mentions `field`.
 */
function hasBackingField(node: Node, variable: Node, modifiers: string[], mutable: boolean, container: Container): boolean {
  if (container.kind === 'interface' || modifiers.includes('abstract')) return false;
  const children = named(node);
  if (children.some((c) => c.type === 'property_delegate')) return false;
  const isExtension = children.slice(0, children.indexOf(variable)).some((c) => TYPE_NODES.has(c.type));
  if (isExtension) return false;
  if (afterToken(node, '=') || modifiers.includes('lateinit')) return true;
  const getter = children.find((c) => c.type === 'getter');
  const setter = children.find((c) => c.type === 'setter');
  const defaultGetter = !getter || !hasBody(getter);
  const defaultSetter = mutable && (!setter || !hasBody(setter));
  if (defaultGetter || defaultSetter) return true;
  return mentionsField(getter) || mentionsField(setter);
}

/** The expression of `get() = expr`; undefined for block getters and default ones. */
function expressionGetter(property: Node, ctx: KotlinFileContext): Value | undefined {
  const body = named(property).find((c) => c.type === 'getter')?.namedChildren.find((c) => c?.type === 'function_body');
  const expression = body?.namedChild(0);
  return expression && expression.type !== 'block' ? ctx.expressions.read(expression) : undefined;
}

function hasBody(accessor: Node): boolean {
  return named(accessor).some((c) => c.type === 'function_body');
}

function mentionsField(node: Node | undefined): boolean {
  if (!node) return false;
  if (node.type === 'identifier' && node.text === 'field') return true;
  return named(node).some(mentionsField);
}

function readFunction(node: Node, ctx: KotlinFileContext): FunctionFact {
  const { modifiers, annotations } = readModifiers(node, ctx);
  const children = named(node);
  const parametersIndex = children.findIndex((c) => c.type === 'function_value_parameters');
  const parameters: FunctionFact['parameters'] = [];
  for (const parameter of parametersIndex >= 0 ? named(children[parametersIndex]) : []) {
    if (parameter.type !== 'parameter') continue;
    const name = named(parameter).find((c) => c.type === 'identifier')?.text;
    const typeNode = named(parameter).find((c) => TYPE_NODES.has(c.type));
    if (name !== undefined) parameters.push({ name, type: typeNode ? ctx.expressions.readType(typeNode) : undefined });
  }
  const returnNode = parametersIndex >= 0 ? children.slice(parametersIndex + 1).find((c) => TYPE_NODES.has(c.type)) : undefined;
  return {
    name: node.childForFieldName('name')?.text ?? '',
    modifiers,
    annotations,
    parameters,
    returnType: returnNode ? ctx.expressions.readType(returnNode) : undefined,
    body: readBlockBody(children.find((c) => c.type === 'function_body'), ctx),
    code: readCode(children.find((c) => c.type === 'function_body'), ctx),
    loc: locationOf(ctx.uri, node),
  };
}

/** A function's body for the bounded evaluator: a block's statements, or an expression as one return. */
function readCode(body: Node | undefined, ctx: KotlinFileContext): FunctionFact['code'] {
  const inner = body ? named(body)[0] : undefined;
  if (!inner) return undefined;
  if (inner.type === 'block') return ctx.expressions.readStatements(named(inner));
  return [{ kind: 'return', value: ctx.expressions.read(inner), loc: locationOf(ctx.uri, inner) }];
}

function readBlockBody(body: Node | undefined, ctx: KotlinFileContext): FunctionFact['body'] {
  const block = body && named(body).find((c) => c.type === 'block');
  if (!block) return undefined;
  const statements = named(block)
    .filter((c) => c.type !== 'line_comment' && c.type !== 'block_comment')
    .map((statement) => ({ loc: locationOf(ctx.uri, statement), superCall: startsWithSuper(statement) }));
  return { loc: locationOf(ctx.uri, block), statements };
}

/** `super.onOpen(…)` and the like: the receiver at the far left of the statement is `super`. */
function startsWithSuper(node: Node): boolean {
  let left: Node | null = node;
  while (left && left.type !== 'super_expression' && left.namedChildCount > 0) left = left.namedChild(0);
  return left?.type === 'super_expression';
}

function readTypeAlias(node: Node, ctx: KotlinFileContext): void {
  const name = node.childForFieldName('type')?.text;
  const typeNode = named(node).find((c) => TYPE_NODES.has(c.type));
  const type = typeNode ? ctx.expressions.readType(typeNode) : undefined;
  if (name && type) ctx.facts.typeAliases.push({ name, type, loc: locationOf(ctx.uri, node) });
}

/** `@TypeConverter` (Room's, simple or qualified) functions with one parameter. */
function recordTypeConverter(fn: FunctionFact, className: string, ctx: KotlinFileContext): void {
  // Room 3.0 renamed it `@ColumnTypeConverter` (androidx.room3).
  if (!fn.annotations.some((a) => isRoomName(a.name, 'TypeConverter') || isRoomName(a.name, 'ColumnTypeConverter'))) return;
  if (fn.parameters.length !== 1) return;
  ctx.facts.typeConverters.push({ className, functionName: fn.name, from: fn.parameters[0].type, to: fn.returnType, loc: fn.loc });
}

function recordRoomCallback(fact: ClassFact, path: string[], ctx: KotlinFileContext): void {
  const extendsCallback = fact.superTypes.some((t) => t.name === 'Callback' || isRoomName(t.name, 'RoomDatabase.Callback'));
  if (!extendsCallback) return;
  const overrides = fact.functions
    .filter((fn) => fn.modifiers.includes('override') && ROOM_CALLBACK_METHODS.has(fn.name))
    .map((fn) => fn.name);
  ctx.facts.roomCallbacks.push({ className: path.join('.'), overrides, loc: fact.loc });
}

/** `Name`, `androidx.room.Name` or `androidx.room3.Name`. */
function isRoomName(written: string, name: string): boolean {
  return written === name || written === `androidx.room.${name}` || written === `androidx.room3.${name}`;
}

/** Modifier keywords and annotations of a declaration, from its `modifiers` child. */
function readModifiers(node: Node, ctx: KotlinFileContext): { modifiers: string[]; annotations: AnnotationFact[] } {
  const modifiers: string[] = [];
  const annotations: AnnotationFact[] = [];
  annotations.push(...strandedAnnotations(node, ctx));
  const list = named(node).find((c) => c.type === 'modifiers');
  for (const child of list ? named(list) : []) {
    if (child.type === 'annotation') annotations.push(...readAnnotations(child, ctx));
    else modifiers.push(child.text);
  }
  return { modifiers, annotations };
}

/**
 * The grammar sometimes reads annotations on lines of their own before a declaration as an
 * `annotated_expression` sibling (`@A(…)` / `@B(X::class)` / `abstract class C`), with the last
 * annotation's arguments as a parenthesized expression. They belong to the declaration.
 */
function strandedAnnotations(node: Node, ctx: KotlinFileContext): AnnotationFact[] {
  const previous = node.previousNamedSibling;
  if (!previous || previous.type !== 'annotated_expression') return [];
  if (previous.endPosition.row > node.startPosition.row) return [];
  const out: AnnotationFact[] = [];
  let current: Node | undefined = previous;
  while (current && current.type === 'annotated_expression') {
    const children = named(current);
    const annotation = children.find((c) => c.type === 'annotation');
    const rest = children.filter((c) => c.type !== 'annotation');
    if (!annotation) break;
    const facts = readAnnotations(annotation, ctx);
    const next = rest[rest.length - 1];
    if (next?.type === 'parenthesized_expression' && facts.length === 1 && facts[0].args.length === 0) {
      // `@B` followed by `(X::class)`: those are B's arguments.
      const inner = next.namedChild(0);
      if (inner) facts[0] = { ...facts[0], args: [{ value: ctx.expressions.read(inner), loc: locationOf(ctx.uri, inner) }] };
    }
    out.push(...facts);
    current = next?.type === 'annotated_expression' ? next : undefined;
  }
  return out;
}

/** One annotation, or several for the `@[A B(…)]` form. */
function readAnnotations(node: Node, ctx: KotlinFileContext): AnnotationFact[] {
  const parts = named(node).filter((c) => c.type === 'user_type' || c.type === 'constructor_invocation');
  if (parts.length <= 1) {
    const single = ctx.expressions.readAnnotation(node);
    return single ? [single] : [];
  }
  const target = named(node).find((c) => c.type === 'use_site_target')?.text.replace(/:$/, '');
  return parts.map((part) => {
    const type = part.type === 'user_type' ? part : named(part).find((c) => c.type === 'user_type');
    const args = ctx.expressions.readArguments(named(part).find((c) => c.type === 'value_arguments'));
    return { name: type ? userTypeName(type) : '', args, target, loc: locationOf(ctx.uri, part) };
  }).filter((a) => a.name !== '');
}

/** The named node right after an anonymous token such as `=`. */
function afterToken(node: Node, token: string): Node | undefined {
  let seen = false;
  for (const child of node.children) {
    if (!child) continue;
    if (!child.isNamed && child.text === token) seen = true;
    else if (seen && child.isNamed) return child;
  }
  return undefined;
}

/** `a.b.c` from the identifiers of a qualified_identifier (directly or one level down). */
function dottedText(node: Node): string {
  const qualified = node.type === 'qualified_identifier' ? node : named(node).find((c) => c.type === 'qualified_identifier');
  if (!qualified) return '';
  return named(qualified).filter((c) => c.type === 'identifier').map((c) => c.text).join('.');
}

function named(node: Node): Node[] {
  return node.namedChildren.filter(isNode);
}

function tokens(node: Node): Node[] {
  return node.children.filter((c): c is Node => c !== null && !c.isNamed);
}
