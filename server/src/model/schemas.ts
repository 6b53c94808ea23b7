import type { FileFacts, FunctionFact, SchemaFact } from './facts';
import { readHelperRawTable } from './raw-tables';
import type { SourceLocation } from './location';
import type { WorkspaceNames } from './names';
import { DeclaredObjects, locationKey, resolveCall } from './powersync/declared-values';
import { evaluateList, pathOf, type NameScope } from './evaluate';
import { calleeName, dottedName, type Value } from './value';
import type { PowerSyncSchema, RawTable } from './workspace';
import { whyUnknown } from './unknown-reason';
import { isViewTableCall, readViewTable } from './powersync/view-tables';
import { isJsSchema, readJsSchema } from './powersync/js-schemas';

/** PowerSync Schema(...) constructions with their raw tables in declared order. */
export function buildSchemas(files: ReadonlyMap<string, FileFacts>, names: WorkspaceNames, rawTables: RawTable[]): PowerSyncSchema[] {
  const declared = new DeclaredObjects(rawTables, (t) => ({ loc: t.loc, variable: t.variable }));
  const out: PowerSyncSchema[] = [];
  const helpers: FunctionFact[] = [];
  // A schema entry that calls one of the app's functions returning a RawTable: the table it returns.
  const expand = (item: Value, uri: string, owner: string[]): RawTable | undefined => {
    const facts = files.get(uri);
    const read = facts && facts.language === 'dart' ? readHelperRawTable(item, uri, owner, facts, names) : undefined;
    if (!read) return undefined;
    rawTables.push(read.table);
    helpers.push(read.helper);
    return read.table;
  };
  for (const facts of files.values()) {
    for (const fact of facts.schemas) {
      try {
        if (isJsSchema(fact.call, names.scope(facts.uri, fact.owner ?? []))) out.push(readJsSchema(fact, facts.uri, names, rawTables));
        else out.push({ ...readSchema(fact, facts.uri, names, declared, expand), ...(facts.language === 'dart' ? { api: 'dart' as const } : {}) });
      } catch {
        // A construction shaped in a way we did not foresee is left out rather than failing the model.
      }
    }
  }
  // The RawTable(…) written inside such a function is a template of its calls, not a table: its
  // parameters are read at each call instead.
  for (let i = rawTables.length - 1; i >= 0; i--) {
    const table = rawTables[i];
    if (helpers.some((h) => table.call !== undefined && within(table.loc, h.loc))) rawTables.splice(i, 1);
  }
  return out;
}

function within(inner: SourceLocation, outer: SourceLocation): boolean {
  const before = (a: SourceLocation['range']['start'], b: SourceLocation['range']['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return inner.uri === outer.uri && before(outer.range.start, inner.range.start) && before(inner.range.end, outer.range.end);
}

/** Where the tables of a schema are written: the file and class to resolve their names in. */
interface ItemList {
  items: Value[];
  uri: string;
  owner: string[];
  loc: SourceLocation;
}

function readSchema(fact: SchemaFact, uri: string, names: WorkspaceNames, declared: DeclaredObjects<RawTable>, expand: (item: Value, uri: string, owner: string[]) => RawTable | undefined): PowerSyncSchema {
  const owner = fact.owner ?? fact.variable?.owner ?? [];
  const list = tableList(fact, uri, owner, names);
  const texts = new Map((fact.itemTexts ?? []).map((t) => [locationKey(t.loc), t.text]));
  const schema: PowerSyncSchema = { rawTables: [], viewTables: [], entries: [], listLoc: list.loc, variable: fact.variable, loc: fact.call.loc };
  const scope = names.scope(list.uri, list.owner);
  for (const item of expandSpreads(list.items, scope)) {
    // Managed tables (`Table(…)`, `Table.localOnly(…)`) share the list but are no raw tables.
    const managed = resolveCall(item, scope, ['Table', 'localOnly', 'insertOnly']);
    if (managed && isViewTableCall(managed.call)) {
      schema.viewTables.push(readViewTable(managed.call, managed.scope));
      continue;
    }
    if (managed && calleeName(managed.call) === 'Table') {
      // A `Table(…)` not known to be PowerSync's: which table it declares is not told.
      (schema.opaqueEntries ??= []).push(item.loc);
      continue;
    }
    const rawTable = declared.find(item, names, list.uri, list.owner) ?? expand(item, list.uri, list.owner);
    schema.rawTables.push(rawTable);
    const written = texts.get(locationKey(item.loc));
    const text = written ?? describe(item);
    schema.entries.push({ loc: item.loc, text, fromSource: written !== undefined });
    if (!rawTable) {
      const reason = item.kind === 'ref' || item.kind === 'member' || item.kind === 'call'
        ? whyUnknown(item, scope)
        : item.kind === 'unknown' ? 'Rawsync cannot tell which tables it holds'
          : item.kind === 'spread' ? spreadReason(item.value, scope) : 'it is not a RawTable Rawsync can read';
      const oneLine = text.replace(/\s+/g, ' ');
      (schema.unresolved ??= []).push({ what: `the Schema entry ${oneLine.length > 40 ? `${oneLine.slice(0, 37)}…` : oneLine}`, reason: reason.startsWith('it is computed by RawTable') ? 'it is a RawTable(…) Rawsync could not read' : reason, loc: item.loc });
    }
  }
  return schema;
}

/**
 * The items of a table list with each spread (`...common`, Dart's `if (c) RawTable(…)`) replaced by
 * the items it adds, where the evaluator knows them; a spread it does not know stays, for
 * not-analyzed.
 */
function expandSpreads(items: Value[], scope: NameScope): Value[] {
  const out: Value[] = [];
  for (const item of items) {
    const list = item.kind === 'spread' ? evaluateList(item.value, scope) : undefined;
    if (list) out.push(...list.items);
    else out.push(item);
  }
  return out;
}

/** Why the items a spread adds are not known: a condition of a Dart `if` element, a `for` element, an unknown list. */
function spreadReason(value: Value, scope: NameScope): string {
  if (value.kind === 'operator' && value.operator === '?:') return `it is added by an if element whose condition Rawsync could not evaluate (${whyUnknown(value.operands[0], scope)})`;
  if (value.kind === 'unknown' && value.reason) return `${value.reason}, which Rawsync does not run`;
  return `it is spread from a list Rawsync could not read (${whyUnknown(value, scope)})`;
}

/** `Schema(a, b)`, `Schema(tables = listOf(a, b))`, `Schema(listOf(a, b))`, or a list constant. */
function tableList(fact: SchemaFact, uri: string, owner: string[], names: WorkspaceNames): ItemList {
  const call = fact.call;
  // `Schema(tables = …, rawTables = …)`: the raw tables may come as their own list.
  const rawTablesArg = call.args.find((a) => a.name === 'rawTables');
  // Dart's `Schema([…], rawTables: […])` takes its managed tables as the first positional argument.
  const named = call.args.find((a) => a.name === 'tables') ?? (rawTablesArg ? call.args.find((a) => a.name === undefined && !a.spread) : undefined);
  if (rawTablesArg) {
    const lists = [named, rawTablesArg].filter((a) => a !== undefined).map((a) => itemsOf(a.value, uri, owner, names));
    return { items: lists.flatMap((l) => l.items), uri, owner, loc: rawTablesArg.value.loc };
  }
  const single = call.args.length === 1 && call.args[0].name === undefined && !call.args[0].spread ? call.args[0] : undefined;
  const listArg = named ?? (single && isListLike(single.value, uri, owner, names) ? single : undefined);
  if (listArg) return itemsOf(listArg.value, uri, owner, names);
  const items = call.args.map((a) => (a.spread ? unknownItem(a.value) : a.value));
  const loc = call.args.length > 0 ? spanning(call.args[0].value.loc, call.args[call.args.length - 1].value.loc) : call.loc;
  return { items, uri, owner, loc };
}

/** The items of a list argument: written out, or a list constant. */
function itemsOf(value: Value, uri: string, owner: string[], names: WorkspaceNames): ItemList {
  if (value.kind === 'list') return { items: value.items, uri, owner, loc: value.loc };
  const path = pathOf(value);
  const entry = path ? names.resolveConstant(path, uri, owner) : undefined;
  if (entry) {
    const resolved = evaluateList(entry.fact.value, names.scope(entry.uri, entry.fact.owner));
    if (resolved) return { items: resolved.items, uri: entry.uri, owner: entry.fact.owner, loc: value.loc };
  }
  return { items: [unknownItem(value)], uri, owner, loc: value.loc };
}

function isListLike(value: Value, uri: string, owner: string[], names: WorkspaceNames): boolean {
  if (value.kind === 'list') return true;
  const path = pathOf(value);
  const entry = path ? names.resolveConstant(path, uri, owner) : undefined;
  return entry?.fact.value.kind === 'list';
}

function unknownItem(value: Value): Value {
  return { kind: 'unknown', text: describe(value), loc: value.loc };
}

function describe(value: Value): string {
  if (value.kind === 'call') return `${calleeName(value) ?? '…'}(…)`;
  if (value.kind === 'unknown') return value.text;
  return dottedName(value) ?? '…';
}

function spanning(first: SourceLocation, last: SourceLocation): SourceLocation {
  return { uri: first.uri, range: { start: first.range.start, end: last.range.end } };
}
