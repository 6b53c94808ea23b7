import type { KotlinFileContext } from './index';
import type { Node } from './parser';
import { isNode } from './expressions';
import { declaredProperty, LocalValueExpander } from './local-values';
import { misreadGenericCall, type CallReadingContext, type CallSite, type ImportedNames } from './call-site';
import { readPowerSyncCall, finishSchemas } from './powersync-calls';
import { readRoomBuilder } from './room-builder-calls';
import { readSqlCall, SqlCallTracker } from './sql-calls';
import { readSequencedCall } from './sequenced-calls';
import { readGradleKtsDependencies } from './gradle-dependencies';

interface Place {
  owner: string[];
  enclosingFunction?: string;
}

/**
 * RawTable, Schema, PowerSyncDatabase, Room builders, connect, execSQL and friends: one walk over
 * the file, each call handed to the reader of its kind with where it sits.
 */
export function readCalls(root: Node, ctx: KotlinFileContext): void {
  const reading: CallReadingContext = {
    ...ctx,
    locals: new LocalValueExpander(ctx.uri, ctx.expressions),
    imports: readImports(root),
  };
  const variables = new Map<number, { name: string; owner: string[] }>();
  const sql = new SqlCallTracker();
  const schemaSites: CallSite[] = [];
  const calledNames = new Set<string>();

  // A cursor walk: only the nodes of the kinds below are made into Node objects (each one is
  // copied out of WebAssembly), and the rest of the tree is passed by type name alone.
  const cursor = root.walk();
  const places: Place[] = [{ owner: [] }];
  try {
    for (;;) {
      const { owner, enclosingFunction } = places[places.length - 1];
      let childOwner = owner;
      let childFunction = enclosingFunction;
      if (cursor.nodeIsNamed) {
        switch (cursor.nodeType) {
          case 'class_declaration':
          case 'object_declaration': {
            const name = cursor.currentNode.childForFieldName('name')?.text;
            if (name) childOwner = [...owner, name];
            break;
          }
          case 'function_declaration':
            childFunction = cursor.currentNode.childForFieldName('name')?.text ?? enclosingFunction;
            break;
          case 'property_declaration': {
            const node = cursor.currentNode;
            const init = initializedCall(node);
            const decl = declaredProperty(node);
            if (init && decl) variables.set(init.id, { name: decl.name, owner });
            break;
          }
          case 'string_literal':
          case 'multiline_string_literal':
            sql.noticeString(cursor.currentNode, enclosingFunction, owner);
            break;
          case 'binary_expression':
          case 'call_expression': {
            const node = cursor.currentNode;
            const site = callSite(node, owner, enclosingFunction, variables.get(node.id));
            if (site) {
              calledNames.add(site.name);
              try {
                if (!readPowerSyncCall(site, reading, schemaSites) && !readRoomBuilder(site, reading)) readSqlCall(site, reading, sql);
                readSequencedCall(site, reading);
              } catch {
                // A reader that trips over a shape it did not expect loses this call, not the file.
              }
            }
            break;
          }
          default:
            break;
        }
      }
      if (cursor.gotoFirstChild()) {
        places.push({ owner: childOwner, enclosingFunction: childFunction });
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) break;
        places.pop();
      }
      if (places.length === 1) break;
    }
  } finally {
    cursor.delete();
  }
  ctx.facts.calledNames = [...calledNames];
  finishSchemas(schemaSites, reading);
  sql.finish(reading);
  if (ctx.uri.endsWith('.gradle.kts')) readGradleKtsDependencies(root, ctx);
}

function callSite(node: Node, owner: string[], enclosingFunction: string | undefined, variable: CallSite['variable']): CallSite | undefined {
  const misreadGeneric = node.type === 'binary_expression' ? misreadGenericCall(node) : undefined;
  if (node.type === 'binary_expression' && !misreadGeneric) return undefined;
  const callee = misreadGeneric ? misreadGeneric.callee : node.namedChild(0);
  if (!callee) return undefined;
  if (callee.type === 'identifier') return { node, name: callee.text, owner, enclosingFunction, variable, misreadGeneric };
  if (callee.type === 'navigation_expression') {
    const parts = callee.namedChildren.filter(isNode);
    const last = parts[parts.length - 1];
    if (parts.length !== 2 || last.type !== 'identifier') return undefined;
    return { node, name: last.text, receiver: parts[0], owner, enclosingFunction, variable, misreadGeneric };
  }
  return undefined;
}

/** The call a property is initialized with: `val x = f(…)` or `val x by lazy { f(…) }`. */
function initializedCall(property: Node): Node | undefined {
  const decl = declaredProperty(property);
  if (decl?.initializer?.type === 'call_expression' || (decl?.initializer && misreadGenericCall(decl.initializer))) return decl.initializer;
  const delegate = property.namedChildren.find((c) => c?.type === 'property_delegate');
  const lazy = delegate?.namedChild(0);
  if (lazy?.type !== 'call_expression' || lazy.namedChild(0)?.text !== 'lazy') return undefined;
  const lambda = lazy.namedChildren.find((c) => c?.type === 'annotated_lambda')?.namedChildren.find((c) => c?.type === 'lambda_literal');
  const statements = lambda?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'lambda_parameters') ?? [];
  const last = statements[statements.length - 1];
  return statements.length === 1 && last.type === 'call_expression' ? last : undefined;
}

function readImports(root: Node): ImportedNames {
  const imports: ImportedNames = { paths: [], wildcards: [], names: new Map() };
  for (const node of root.namedChildren.filter(isNode)) {
    if (node.type !== 'import') continue;
    const path = node.namedChildren.find((c) => c?.type === 'qualified_identifier')?.text;
    if (!path) continue;
    const tokens: string[] = [];
    for (let i = 0; i < node.childCount; i++) {
      const c = node.child(i);
      if (c && !c.isNamed) tokens.push(c.text);
    }
    imports.paths.push(path);
    if (tokens.includes('*')) {
      imports.wildcards.push(path);
      continue;
    }
    const alias = tokens.includes('as') ? node.namedChildren.filter(isNode).find((c) => c.type === 'identifier')?.text : undefined;
    imports.names.set(alias ?? path.split('.').pop()!, path);
  }
  return imports;
}
