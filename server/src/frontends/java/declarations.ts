import type { AnnotationFact, ClassFact, ClassKind, FileFacts, FunctionFact, ImportFact, PropertyFact, TypeRef } from '../../model/facts';
import { locationOf, type Node } from '../tree-sitter';
import { codeChildren, dottedName, PRIMITIVE_TYPES, type JavaExpressionReader } from './expressions';

/** What the Java readers share while walking one file. */
export interface JavaFileContext {
  uri: string;
  facts: FileFacts;
  expressions: JavaExpressionReader;
}

const CLASS_KINDS: Record<string, ClassKind> = {
  class_declaration: 'class',
  interface_declaration: 'interface',
  enum_declaration: 'enum',
  annotation_type_declaration: 'annotation',
};

/**
 * The annotations that make a Java field or parameter non-null to Room (its javac backend reads
 * these two; any other `@NonNull` leaves the type's nullability unknown, which Room treats as nullable).
 */
const NON_NULL_ANNOTATIONS = ['androidx.annotation.NonNull', 'org.jetbrains.annotations.NotNull'];

const ROOM_CALLBACK_METHODS = new Set(['onCreate', 'onOpen', 'onDestructiveMigration']);

/** Package, imports, classes with fields and annotations, constants, converters. */
export function readDeclarations(root: Node, ctx: JavaFileContext): void {
  for (const child of codeChildren(root)) {
    if (child.type === 'package_declaration') {
      const name = codeChildren(child).map(dottedName).find((n) => n !== undefined);
      if (name) {
        ctx.facts.packageName = name;
        ctx.facts.packageLoc = locationOf(ctx.uri, child);
      }
    } else if (child.type === 'import_declaration') {
      const fact = readImport(child, ctx);
      if (fact) ctx.facts.imports.push(fact);
    }
  }
  readMembers(root, [], ctx);
}

/** `import a.b.C;`, `import a.b.*;`, `import static a.b.C.NAME;` (a static import names a member like a class). */
function readImport(node: Node, ctx: JavaFileContext): ImportFact | undefined {
  const children = codeChildren(node);
  const path = children.map(dottedName).find((n) => n !== undefined);
  if (!path) return undefined;
  return { path, wildcard: children.some((c) => c.type === 'asterisk'), loc: locationOf(ctx.uri, node) };
}

/** Classes declared in a file or class body (and inside syntax errors, which keep whole declarations). */
function readMembers(body: Node, outer: string[], ctx: JavaFileContext): void {
  for (const child of codeChildren(body)) {
    if (CLASS_KINDS[child.type]) readClass(child, outer, ctx);
    else if (child.type === 'ERROR') readMembers(child, outer, ctx);
  }
}

function readClass(node: Node, outer: string[], ctx: JavaFileContext): void {
  const nameNode = node.childForFieldName('name');
  if (!nameNode) return;
  const kind = CLASS_KINDS[node.type];
  const { modifiers, annotations } = readModifiers(node, ctx);
  const fact: ClassFact = {
    name: nameNode.text,
    outer,
    kind,
    modifiers,
    annotations,
    superTypes: readSuperTypes(node, ctx),
    properties: [],
    enumEntries: [],
    functions: [],
    loc: locationOf(ctx.uri, node),
    nameLoc: locationOf(ctx.uri, nameNode),
  };
  ctx.facts.classes.push(fact);
  const path = [...outer, fact.name];
  const body = node.childForFieldName('body');
  if (!body) return;
  // An interface's (and an annotation type's) fields are constants whatever their modifiers say.
  const implicitlyStatic = kind === 'interface' || kind === 'annotation';
  const members = body.type === 'enum_body'
    ? [...codeChildren(body), ...codeChildren(body).filter((c) => c.type === 'enum_body_declarations').flatMap(codeChildren)]
    : codeChildren(body);
  for (const member of members) {
    switch (member.type) {
      case 'enum_constant': {
        const name = member.childForFieldName('name')?.text;
        if (name) fact.enumEntries.push(name);
        break;
      }
      case 'field_declaration':
      case 'constant_declaration':
        readField(member, fact, path, implicitlyStatic || member.type === 'constant_declaration', ctx);
        break;
      case 'method_declaration':
        fact.functions.push(readMethod(member, ctx));
        break;
      case 'ERROR':
        readMembers(member, path, ctx);
        break;
      default:
        if (CLASS_KINDS[member.type]) readClass(member, path, ctx);
    }
  }
  for (const fn of fact.functions) recordTypeConverter(fn, path.join('.'), ctx);
  recordRoomCallback(fact, path, ctx);
}

function readSuperTypes(node: Node, ctx: JavaFileContext): TypeRef[] {
  const types: TypeRef[] = [];
  const superclass = node.childForFieldName('superclass');
  const interfaces = node.childForFieldName('interfaces');
  // `interface A extends B, C` keeps its supertypes in an `extends_interfaces` child.
  const extendsInterfaces = codeChildren(node).find((c) => c.type === 'extends_interfaces');
  for (const holder of [superclass, interfaces, extendsInterfaces]) {
    if (!holder) continue;
    const list = codeChildren(holder).find((c) => c.type === 'type_list');
    for (const typeNode of list ? codeChildren(list) : codeChildren(holder)) {
      const type = ctx.expressions.readType(typeNode);
      if (type) types.push(type);
    }
  }
  return types;
}

/**
 * A field declaration: each declarator is a property of the class (a static one is no column and
 * is left out), and a `static final` one with an initializer is a constant of the class.
 */
function readField(node: Node, cls: ClassFact, path: string[], implicitlyStatic: boolean, ctx: JavaFileContext): void {
  const { modifiers, annotations } = readModifiers(node, ctx);
  const typeNode = node.childForFieldName('type');
  const baseType = typeNode ? ctx.expressions.readType(typeNode) : undefined;
  const isStatic = implicitlyStatic || modifiers.includes('static');
  const isFinal = implicitlyStatic || modifiers.includes('final');
  for (const declarator of codeChildren(node).filter((c) => c.type === 'variable_declarator')) {
    const nameNode = declarator.childForFieldName('name');
    if (!nameNode) continue;
    const valueNode = declarator.childForFieldName('value');
    const initializer = valueNode ? ctx.expressions.read(valueNode) : undefined;
    const loc = locationOf(ctx.uri, node);
    if (isStatic) {
      if (isFinal && initializer) ctx.facts.constants.push({ name: nameNode.text, owner: path, isConst: true, value: initializer, loc });
      continue;
    }
    // `int a[]` declares an array, like `int[] a`.
    const dimensions = declarator.childForFieldName('dimensions');
    const type = baseType && dimensions
      ? { ...baseType, name: baseType.name + '[]'.repeat((dimensions.text.match(/\[/g) ?? []).length), nullable: true }
      : baseType;
    const property: PropertyFact = {
      name: nameNode.text,
      type: type && withNullability(type, annotations, ctx),
      annotations,
      modifiers,
      fromConstructor: false,
      mutable: !isFinal,
      hasBackingField: true,
      initializer,
      loc,
      nameLoc: locationOf(ctx.uri, nameNode),
    };
    cls.properties.push(property);
  }
}

/** A reference type is nullable to Room unless a non-null annotation Room knows is on the declaration. */
function withNullability(type: TypeRef, annotations: AnnotationFact[], ctx: JavaFileContext): TypeRef {
  if (PRIMITIVE_TYPES.has(type.name)) return { ...type, nullable: false };
  return { ...type, nullable: !annotations.some((a) => isNonNullAnnotation(a.name, ctx.facts.imports)) };
}

function isNonNullAnnotation(written: string, imports: readonly ImportFact[]): boolean {
  if (written.includes('.')) return NON_NULL_ANNOTATIONS.includes(written);
  const explicit = imports.find((i) => !i.wildcard && i.path.endsWith(`.${written}`));
  if (explicit) return NON_NULL_ANNOTATIONS.includes(explicit.path);
  const candidates = NON_NULL_ANNOTATIONS.filter((n) => imports.some((i) => i.wildcard && `${i.path}.${written}` === n));
  // Through a wildcard import only when no other wildcard import could supply the name.
  return candidates.length === 1 && imports.filter((i) => i.wildcard).length === 1;
}

function readMethod(node: Node, ctx: JavaFileContext): FunctionFact {
  const { modifiers, annotations } = readModifiers(node, ctx);
  const parameters: FunctionFact['parameters'] = [];
  const list = node.childForFieldName('parameters');
  for (const parameter of list ? codeChildren(list) : []) {
    if (parameter.type !== 'formal_parameter') continue;
    const name = parameter.childForFieldName('name')?.text;
    const typeNode = parameter.childForFieldName('type');
    const type = typeNode ? ctx.expressions.readType(typeNode) : undefined;
    const own = readModifiers(parameter, ctx).annotations;
    if (name !== undefined) parameters.push({ name, type: type && withNullability(type, own, ctx) });
  }
  const returnNode = node.childForFieldName('type');
  const returnType = returnNode ? ctx.expressions.readType(returnNode) : undefined;
  return {
    name: node.childForFieldName('name')?.text ?? '',
    modifiers,
    annotations,
    parameters,
    returnType: returnType && withNullability(returnType, annotations, ctx),
    loc: locationOf(ctx.uri, node),
  };
}

/** `@TypeConverter` (Room's, simple or qualified) methods with one parameter. */
function recordTypeConverter(fn: FunctionFact, className: string, ctx: JavaFileContext): void {
  // Room 3.0 renamed it `@ColumnTypeConverter` (androidx.room3).
  if (!fn.annotations.some((a) => isRoomName(a.name, 'TypeConverter') || isRoomName(a.name, 'ColumnTypeConverter'))) return;
  if (fn.parameters.length !== 1) return;
  ctx.facts.typeConverters.push({ className, functionName: fn.name, from: fn.parameters[0].type, to: fn.returnType, loc: fn.loc });
}

function recordRoomCallback(fact: ClassFact, path: string[], ctx: JavaFileContext): void {
  const extendsCallback = fact.superTypes.some((t) => t.name === 'Callback' || isRoomName(t.name, 'RoomDatabase.Callback'));
  if (!extendsCallback) return;
  const overrides = fact.functions.filter((fn) => ROOM_CALLBACK_METHODS.has(fn.name)).map((fn) => fn.name);
  ctx.facts.roomCallbacks.push({ className: path.join('.'), overrides, loc: fact.loc });
}

function isRoomName(written: string, name: string): boolean {
  return written === name || written === `androidx.room.${name}` || written === `androidx.room3.${name}`;
}

/** Modifier keywords (`public`, `static`, `final`, `transient`, …) and annotations of a declaration. */
function readModifiers(node: Node, ctx: JavaFileContext): { modifiers: string[]; annotations: AnnotationFact[] } {
  const modifiers: string[] = [];
  const annotations: AnnotationFact[] = [];
  const list = codeChildren(node).find((c) => c.type === 'modifiers');
  for (const child of list ? list.children : []) {
    if (!child) continue;
    if (child.type === 'annotation' || child.type === 'marker_annotation') {
      const annotation = ctx.expressions.readAnnotation(child);
      if (annotation) annotations.push(annotation);
    } else if (child.type !== 'line_comment' && child.type !== 'block_comment') {
      modifiers.push(child.text);
    }
  }
  return { modifiers, annotations };
}
