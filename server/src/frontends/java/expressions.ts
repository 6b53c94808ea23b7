import type { Argument, Value } from '../../model/value';
import type { AnnotationFact, TypeRef } from '../../model/facts';
import { locationOf, type Node } from '../tree-sitter';

/** How deeply nested an expression is read before the rest of it becomes unknown. */
const MAX_EXPRESSION_DEPTH = 200;

/** Java's primitive types: never null, whatever annotations say. */
export const PRIMITIVE_TYPES = new Set(['int', 'long', 'short', 'byte', 'char', 'float', 'double', 'boolean']);

const NUMBER_LITERALS = new Set([
  'decimal_integer_literal', 'hex_integer_literal', 'octal_integer_literal', 'binary_integer_literal',
  'decimal_floating_point_literal', 'hex_floating_point_literal',
]);

/**
 * Turns Java expression nodes into `Value` trees: literals, names, field accesses, string
 * concatenation, class literals, annotation element values (arrays, nested annotations).
 * Method calls, casts, conditionals and arithmetic are unknown.
 */
export class JavaExpressionReader {
  private depth = 0;

  constructor(private readonly uri: string) {}

  read(node: Node): Value {
    if (this.depth >= MAX_EXPRESSION_DEPTH) {
      return { kind: 'unknown', text: `(nested deeper than ${MAX_EXPRESSION_DEPTH} levels)`, loc: locationOf(this.uri, node) };
    }
    this.depth++;
    try {
      return this.readNode(node);
    } finally {
      this.depth--;
    }
  }

  private readNode(node: Node): Value {
    const loc = locationOf(this.uri, node);
    const unknown: Value = { kind: 'unknown', text: node.text, loc };
    switch (node.type) {
      case 'string_literal':
        return this.readString(node) ?? unknown;
      case 'character_literal': {
        const value = unescapeJava(node.text.slice(1, -1));
        return value === undefined ? unknown : { kind: 'string', value, raw: false, loc };
      }
      case 'true':
      case 'false':
        return { kind: 'boolean', value: node.type === 'true', loc };
      case 'null_literal':
        return { kind: 'null', loc };
      case 'identifier':
        return { kind: 'ref', name: node.text, loc };
      case 'field_access': {
        const object = node.childForFieldName('object');
        const field = node.childForFieldName('field');
        if (!object || !field || field.type !== 'identifier') return unknown;
        const receiver = this.read(object);
        return receiver.kind === 'unknown' ? unknown : { kind: 'member', receiver, name: field.text, loc };
      }
      case 'scoped_identifier': {
        const path = dottedName(node);
        return path ? pathValue(path.split('.'), loc) : unknown;
      }
      case 'parenthesized_expression': {
        const inner = codeChildren(node)[0];
        return inner ? this.read(inner) : unknown;
      }
      case 'unary_expression': {
        const operand = node.childForFieldName('operand');
        const op = node.childForFieldName('operator')?.text ?? node.child(0)?.text;
        const inner = operand ? this.read(operand) : undefined;
        if (inner?.kind === 'number' && (op === '-' || op === '+')) {
          return { kind: 'number', value: op === '-' ? -inner.value : inner.value, text: node.text, loc };
        }
        return unknown;
      }
      case 'binary_expression':
        return this.readBinary(node) ?? unknown;
      case 'class_literal': {
        const type = codeChildren(node)[0];
        const path = type && (type.type === 'type_identifier' || type.type === 'scoped_type_identifier') ? typeName(type) : undefined;
        return path ? { kind: 'classRef', path: path.split('.'), loc } : unknown;
      }
      case 'element_value_array_initializer':
      case 'array_initializer':
        return { kind: 'list', items: codeChildren(node).map((c) => this.read(c)), loc };
      case 'array_creation_expression': {
        const init = node.childForFieldName('value') ?? codeChildren(node).find((c) => c.type === 'array_initializer');
        return init ? this.read(init) : unknown;
      }
      case 'annotation':
      case 'marker_annotation': {
        // A nested annotation (`@Index(…)` inside `@Entity`) reads like Kotlin's `Index(…)`.
        const annotation = this.readAnnotation(node);
        if (!annotation) return unknown;
        const nameNode = node.childForFieldName('name')!;
        return { kind: 'call', callee: pathValue(annotation.name.split('.'), locationOf(this.uri, nameNode)), args: annotation.args, typeArgs: [], loc };
      }
      default:
        if (NUMBER_LITERALS.has(node.type)) {
          const value = parseJavaNumber(node.text);
          return value === undefined ? unknown : { kind: 'number', value, text: node.text, loc };
        }
        return unknown;
    }
  }

  /**
   * `a + b + c`: a concatenation once a string is in it. Java adds left to right, so numbers
   * before the first string are summed first; a sum of names that are not strings is unknown.
   */
  private readBinary(node: Node): Value | undefined {
    const operands = plusOperands(node);
    if (!operands) return undefined;
    const loc = locationOf(this.uri, node);
    const values = operands.map((o) => this.read(o));
    // A char literal reads as a string but adds as a number: only real strings count here.
    const isString = (v: Value, i: number) => (v.kind === 'string' && operands[i].type !== 'character_literal') || v.kind === 'template';
    const firstString = values.findIndex(isString);
    // `NAME + "x"` or `"x" + N`: the first `+` joins strings when one of its two operands is one.
    if (firstString < 0) {
      if (values.every((v) => v.kind === 'number' && isIntegerLiteral(v.text))) {
        return { kind: 'number', value: values.reduce((sum, v) => sum + (v as { value: number }).value, 0), text: node.text, loc };
      }
      return undefined;
    }
    if (firstString > 1) return undefined;
    const parts: Value[] = [];
    for (const value of values) {
      if (value.kind === 'number' && !isIntegerLiteral(value.text)) return undefined; // Java formats doubles its own way
      if (value.kind === 'template') parts.push(...value.parts);
      else parts.push(value);
    }
    return { kind: 'template', parts, raw: false, loc };
  }

  /** A string literal's value; undefined for a text block or an escape this reader does not know. */
  private readString(node: Node): Value | undefined {
    if (node.text.startsWith('"""')) return undefined;
    const loc = locationOf(this.uri, node);
    let value = '';
    for (const child of codeChildren(node)) {
      if (child.type === 'string_fragment') value += child.text;
      else if (child.type === 'escape_sequence') {
        const unescaped = unescapeJava(child.text);
        if (unescaped === undefined) return undefined;
        value += unescaped;
      } else return undefined;
    }
    return { kind: 'string', value, raw: false, loc };
  }

  /** `@Name`, `@a.b.Name(v)`, `@Name(k = v, …)`: a lone element value is the unnamed first argument (`value`). */
  readAnnotation(node: Node): AnnotationFact | undefined {
    const nameNode = node.childForFieldName('name');
    const name = nameNode ? dottedName(nameNode) : undefined;
    if (!name) return undefined;
    const args: Argument[] = [];
    const list = node.childForFieldName('arguments');
    for (const arg of list ? codeChildren(list) : []) {
      if (arg.type === 'element_value_pair') {
        const key = arg.childForFieldName('key');
        const value = arg.childForFieldName('value');
        if (!key || !value) continue;
        args.push({ name: key.text, value: this.read(value), loc: locationOf(this.uri, arg) });
      } else {
        args.push({ value: this.read(arg), loc: locationOf(this.uri, arg) });
      }
    }
    return { name, args, loc: locationOf(this.uri, node) };
  }

  /** A written type; `nullable` is true for every reference type (declarations refine it). */
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
    switch (node.type) {
      case 'integral_type':
      case 'floating_point_type':
      case 'boolean_type':
      case 'void_type':
        return { name: node.text, args: [], nullable: false, text: node.text, loc };
      case 'type_identifier':
      case 'scoped_type_identifier':
        return { name: typeName(node), args: [], nullable: true, text: node.text, loc };
      case 'generic_type': {
        const children = codeChildren(node);
        const base = children.find((c) => c.type === 'type_identifier' || c.type === 'scoped_type_identifier');
        const typeArgs = children.find((c) => c.type === 'type_arguments');
        if (!base) return undefined;
        const args: TypeRef[] = [];
        for (const arg of typeArgs ? codeChildren(typeArgs) : []) {
          const t = this.readType(arg);
          if (t) args.push(t);
        }
        return { name: typeName(base), args, nullable: true, text: node.text, loc };
      }
      case 'array_type': {
        const element = node.childForFieldName('element');
        const dimensions = node.childForFieldName('dimensions');
        const inner = element ? this.readType(element) : undefined;
        if (!inner || !dimensions) return undefined;
        const depth = (dimensions.text.match(/\[/g) ?? []).length;
        return { name: inner.name + '[]'.repeat(depth), args: inner.args, nullable: true, text: node.text, loc };
      }
      case 'annotated_type': {
        const inner = codeChildren(node).find((c) => c.type !== 'annotation' && c.type !== 'marker_annotation');
        return inner ? this.readType(inner) : undefined;
      }
      default:
        return undefined;
    }
  }
}

/** The operands of a left-nested chain of `+`, left to right; undefined when it is not one. */
function plusOperands(node: Node): Node[] | undefined {
  const rights: Node[] = [];
  let current = node;
  while (current.type === 'binary_expression') {
    if (current.childForFieldName('operator')?.text !== '+') return undefined;
    const left = current.childForFieldName('left');
    const right = current.childForFieldName('right');
    if (!left || !right) return undefined;
    rights.push(right);
    current = left;
  }
  return [current, ...rights.reverse()];
}

function pathValue(path: string[], loc: Value['loc']): Value {
  let value: Value = { kind: 'ref', name: path[0], loc };
  for (const name of path.slice(1)) value = { kind: 'member', receiver: value, name, loc };
  return value;
}

/** `a.b.C` of an identifier or scoped_identifier; undefined for anything else. */
export function dottedName(node: Node): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type !== 'scoped_identifier') return undefined;
  const scope = node.childForFieldName('scope');
  const name = node.childForFieldName('name');
  const left = scope ? dottedName(scope) : undefined;
  return left && name ? `${left}.${name.text}` : undefined;
}

/** `Outer.Inner` of a type_identifier or scoped_type_identifier (annotations inside left out). */
export function typeName(node: Node): string {
  if (node.type === 'type_identifier') return node.text;
  return codeChildren(node)
    .filter((c) => c.type === 'type_identifier' || c.type === 'scoped_type_identifier' || c.type === 'generic_type')
    .map((c) => (c.type === 'generic_type' ? typeName(codeChildren(c)[0]) : typeName(c)))
    .join('.');
}

/** Named children that are not comments. */
export function codeChildren(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'line_comment' && c.type !== 'block_comment');
}

function isIntegerLiteral(text: string): boolean {
  const t = text.replace(/^[-+]/, '').replace(/_/g, '');
  return /^(0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)[lL]?$/.test(t);
}

function parseJavaNumber(text: string): number | undefined {
  const t = text.replace(/_/g, '');
  if (/^0[xX][0-9a-fA-F]+[lL]?$/.test(t)) return parseInt(t.replace(/[lL]$/, '').slice(2), 16);
  if (/^0[bB][01]+[lL]?$/.test(t)) return parseInt(t.replace(/[lL]$/, '').slice(2), 2);
  if (/^0[0-7]+[lL]?$/.test(t)) return parseInt(t.replace(/[lL]$/, '').slice(1), 8);
  if (/^[0-9]+[lL]?$/.test(t)) return Number(t.replace(/[lL]$/, ''));
  if (/^([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?[fFdD]?$/.test(t)) return Number(t.replace(/[fFdD]$/, ''));
  return undefined;
}

function unescapeJava(seq: string): string | undefined {
  if (!seq.startsWith('\\')) return seq.length === 1 ? seq : undefined;
  switch (seq) {
    case '\\n': return '\n';
    case '\\t': return '\t';
    case '\\r': return '\r';
    case '\\b': return '\b';
    case '\\f': return '\f';
    case '\\s': return ' ';
    case '\\\\': return '\\';
    case '\\"': return '"';
    case "\\'": return "'";
  }
  if (/^\\u+[0-9a-fA-F]{4}$/.test(seq)) return String.fromCharCode(parseInt(seq.slice(-4), 16));
  if (/^\\[0-7]{1,3}$/.test(seq)) return String.fromCharCode(parseInt(seq.slice(1), 8));
  return undefined;
}
