import { isMap, isScalar, isSeq, parseDocument, type Scalar } from 'yaml';
import type { FileFacts, SyncConfigFact } from '../facts';
import type { SourceLocation } from '../location';
import { placesInSyncConfig } from './sync-config-places';
import type { PostgresSchema, PostgresTable } from './postgres-schema';

/** The SQLite type PowerSync's compiler gives an output column (from the Postgres type, or the expression). */
export type SyncedColumnType = 'text' | 'integer' | 'real' | 'blob' | 'numeric' | 'unknown';

/** A column of a synced output table. */
export interface SyncedOutputColumn {
  name: string;
  type: SyncedColumnType;
  /**
   * True when some query selects it plainly (`col`, `col AS x`, `*`) from a Postgres column the
   * migrations leave nullable, false when every query that outputs it selects a NOT NULL column
   * plainly, absent when any query computes it (an expression): then unknown.
   */
  nullable?: boolean;
  /** The nullable Postgres column (`public.todos.notes`) when `nullable`. */
  nullableFrom?: string;
  /** The Postgres column (`public.todos.done`) when every query that outputs it selects that one column plainly. */
  from?: string;
}

/** A query of the sync config: the bucket or stream it belongs to, and where it is written. */
export interface SyncQuery {
  definition: string;
  kind: 'bucket' | 'stream';
  /** The query's text in the YAML (for a stream of several queries, the stream's key). */
  loc: SourceLocation;
  /** The Postgres table it selects from, as `schema.table` (a pattern for `%` wildcards). */
  source: string;
}

/** A table the sync config sends to clients: the output name and its columns (the row id aside). */
export interface SyncedOutputTable {
  name: string;
  columns: SyncedOutputColumn[];
  /** The queries that output it. */
  queries: SyncQuery[];
  /** The priorities of the buckets or streams that send it (0 first, 3 the default); empty when one is not known. */
  priorities: number[];
  /** True when a stream sends it: a client may subscribe at another priority. */
  prioritiesOverridable?: boolean;
}

/** An output table whose name is known but whose columns are not (its source table is not read). */
export interface UnknownOutputTable {
  name: string;
  reason: string;
  queries: SyncQuery[];
}

export interface SyncConfigProblem {
  message: string;
  severity: 'error' | 'warning';
  loc: SourceLocation;
}

/** A sync config compiled by `@powersync/service-sync-rules` against the migrations' Postgres schema. */
export interface SyncConfig {
  uri: string;
  /** The top-level `bucket_definitions` or `streams` key. */
  keyLoc: SourceLocation;
  /** The compiler's own errors and warnings, at their YAML places. */
  problems: SyncConfigProblem[];
  /**
   * Every output table whose columns are all known. With `unknownOutputTables`, every table the
   * config sends; both undefined when the tables cannot be told (`outputsUnknown` says why).
   */
  outputTables?: SyncedOutputTable[];
  /** Output tables the config sends whose columns are not known (`outputTables` holds the rest). */
  unknownOutputTables?: UnknownOutputTable[];
  outputsUnknown?: string;
}

// The compiler's types, the part used here (the package is loaded only when a sync config is read).
interface CompilerConfig { bucketDataSources: { resolveResultSets(schema: unknown, tables: Record<string, Record<string, { name: string; type: { typeFlags: number } }>>): void }[]; bucketSources: unknown[] }
interface CompilerModule {
  SqlSyncRules: { fromYaml(yaml: string, options: { schema?: unknown; defaultSchema: string; throwOnError?: boolean }): { config: CompilerConfig; errors: { message: string; type: 'warning' | 'fatal'; location: { start: number; end: number } }[] } };
  StaticSchema: new (connections: unknown[]) => unknown;
  TYPE_TEXT: number;
  TYPE_INTEGER: number;
  TYPE_REAL: number;
  TYPE_BLOB: number;
}

let compiler: CompilerModule | undefined;

/** PowerSync's compiler, loaded on first use: apps without a sync config never pay for it. */
function loadCompiler(): CompilerModule {
  // The compiler groups stream queries with Object.groupBy (Node 21+); Node 20 lacks it.
  const objects = Object as unknown as { groupBy?: unknown };
  objects.groupBy ??= <T>(items: Iterable<T>, keyOf: (item: T, index: number) => PropertyKey) => {
    const out: Record<PropertyKey, T[]> = Object.create(null);
    let index = 0;
    for (const item of items) (out[keyOf(item, index++)] ??= []).push(item);
    return out;
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  compiler ??= require('@powersync/service-sync-rules') as CompilerModule;
  return compiler;
}

/** Messages about tables the migrations do not create: tables made in the dashboard are common, so those say nothing. */
const TABLE_NOT_FOUND = [/^Table .* not found$/, /^This table could not be found in the source schema\.?$/];

/** The last compilation of each sync config, by URI. */
const compiled = new Map<string, { key: string; config: SyncConfig }>();

/**
 * Every sync config of the workspace, compiled; the Postgres schema gives the output columns their
 * types. When service configs name the sync config file they run (`sync_config: path:`), those
 * files are the ones that count.
 */
export function buildSyncConfigs(files: ReadonlyMap<string, FileFacts>, postgres: PostgresSchema | undefined): SyncConfig[] {
  const out: SyncConfig[] = [];
  for (const file of files.values()) {
    if (!file.syncConfig) continue;
    // The model is rebuilt on every edit; a config compiles again only when it or the tables change.
    const key = JSON.stringify([file.uri, file.syncConfig, postgres]);
    const cached = compiled.get(file.uri);
    if (cached?.key === key) {
      out.push(cached.config);
      continue;
    }
    try {
      const config = compileSyncConfig(file.uri, file.syncConfig, postgres);
      compiled.set(file.uri, { key, config });
      out.push(config);
    } catch (error) {
      // The compiler failing is ours to fix, not the user's: the config's outputs are then unknown.
      out.push({ uri: file.uri, keyLoc: file.syncConfig.keyLoc, problems: [], outputsUnknown: `the sync config compiler failed (${error instanceof Error ? error.message : String(error)})` });
    }
  }
  return referencedConfigs(files, out);
}

/**
 * With service configs that name their sync config file, only the files they name count (others
 * are drafts or other services'); a named file the workspace does not hold stands as a config whose
 * outputs are unknown, so no rule takes another file for it.
 */
function referencedConfigs(files: ReadonlyMap<string, FileFacts>, configs: SyncConfig[]): SyncConfig[] {
  const references = [...files.values()].flatMap((f) => (f.syncConfigReference ? [{ uri: f.uri, ...f.syncConfigReference }] : []));
  if (references.length === 0) return configs;
  const out = configs.filter((c) => files.get(c.uri)?.syncConfig?.lineStarts !== undefined || files.get(c.uri)?.syncConfig?.contentLoc !== undefined);
  for (const reference of references) {
    const target = resolveReference(reference.uri, reference.path);
    const config = configs.find((c) => c.uri === target);
    if (config && !out.includes(config)) out.push(config);
    else if (!config) out.push({ uri: reference.uri, keyLoc: reference.loc, problems: [], outputsUnknown: `the service config runs the sync config '${reference.path}', which is not read in this workspace` });
  }
  return out;
}

/** The URI a service config's `path` names, relative to the service config's folder. */
function resolveReference(uri: string, path: string): string | undefined {
  try {
    return new URL(path.replace(/\\/g, '/'), uri).href;
  } catch {
    return undefined;
  }
}

function compileSyncConfig(uri: string, fact: SyncConfigFact, postgres: PostgresSchema | undefined): SyncConfig {
  const config: SyncConfig = { uri, keyLoc: fact.keyLoc, problems: [] };
  const lib = loadCompiler();
  const known = postgres && !postgres.unknown ? postgres.tables.filter((t) => !t.unknown) : undefined;
  const schema = known && new lib.StaticSchema([{
    tag: 'default',
    schemas: [...new Set(known.map((t) => t.schema))].map((name) => ({
      name,
      tables: known.filter((t) => t.schema === name).map((t) => ({
        name: t.name,
        // User enums replicate as text; the compiler maps the rest as the service does.
        columns: t.columns.map((c) => ({ name: c.name, pg_type: postgres!.enums.includes(c.pgType) ? 'text' : c.pgType })),
      })),
    })),
  }]);
  const result = lib.SqlSyncRules.fromYaml(fact.text, { schema, defaultSchema: 'public', throwOnError: false });
  const rangeOf = placesInSyncConfig(fact);
  for (const error of result.errors) {
    const message = firstLine(error.message);
    if (TABLE_NOT_FOUND.some((pattern) => pattern.test(message))) continue;
    config.problems.push({ message, severity: error.type === 'fatal' ? 'error' : 'warning', loc: { uri, range: rangeOf(error.location.start, error.location.end) } });
  }
  if (config.problems.some((p) => p.severity === 'error')) {
    config.outputsUnknown = 'the sync config does not compile';
    return config;
  }
  if (!postgres) {
    config.outputsUnknown = 'no Postgres migrations are read (a `SELECT *` needs the table\'s columns, and the compiler types columns from them)';
    return config;
  }
  if (postgres.unknown) {
    config.outputsUnknown = `the Postgres schema is not fully read: ${postgres.unknown.reason}`;
    return config;
  }
  const queries = compiledQueries(result.config.bucketSources, queryPlaces(uri, fact));
  if (!queries) {
    config.outputsUnknown = 'the compiled sync config has a shape Rawsync does not know';
    return config;
  }
  const unnamed = queries.find((q) => q.output === undefined);
  if (unnamed) {
    config.outputsUnknown = `the output table of a query of '${unnamed.query.definition}' is not known (a wildcard source without an alias)`;
    return config;
  }
  // Per output table: its queries, and why its columns cannot be told when one of them reads a table not known.
  const byOutput = new Map<string, { queries: CompiledQuery[]; unknown?: string }>();
  for (const query of queries) {
    const entry = byOutput.get(query.output!) ?? { queries: [] };
    byOutput.set(query.output!, entry);
    entry.queries.push(query);
    entry.unknown ??= unknownSource(query, known!);
  }
  const tables: Record<string, Record<string, { name: string; type: { typeFlags: number } }>> = {};
  for (const source of result.config.bucketDataSources) source.resolveResultSets(schema, tables);
  const nullability = plainSources(queries, known!);
  config.outputTables = [];
  config.unknownOutputTables = [];
  for (const [name, entry] of byOutput) {
    const syncQueries = entry.queries.map((q) => q.query);
    if (entry.unknown) {
      config.unknownOutputTables.push({ name, reason: entry.unknown, queries: syncQueries });
      continue;
    }
    // One query whose bucket's priority is not known leaves the table's unknown (empty).
    const priorities = entry.queries.some((q) => q.priorities === undefined) ? [] : entry.queries.flatMap((q) => q.priorities!);
    config.outputTables.push({
      name,
      columns: Object.values(tables[name] ?? {}).map((c) => {
        const sources = nullability.get(name)?.get(c.name);
        const plain = sources && !sources.includes(undefined) ? (sources as { nullable: boolean; source: string }[]) : undefined;
        const nullable = plain ? plain.some((s) => s.nullable) : undefined;
        const from = plain && new Set(plain.map((s) => s.source)).size === 1 ? plain[0].source : undefined;
        return {
          name: c.name,
          type: typeOf(lib, c.type.typeFlags),
          ...(nullable === undefined ? {} : { nullable }),
          ...(nullable ? { nullableFrom: plain!.find((s) => s.nullable)!.source } : {}),
          ...(from ? { from } : {}),
        };
      }),
      queries: syncQueries,
      priorities: [...new Set(priorities)].sort(),
      ...(entry.queries.some((q) => q.query.kind === 'stream') ? { prioritiesOverridable: true } : {}),
    });
  }
  return config;
}

/** Why a query's source table gives no known columns; undefined when it does. */
function unknownSource(query: CompiledQuery, known: readonly PostgresTable[]): string | undefined {
  if (query.wildcard) return `its query reads the wildcard ${query.query.source}`;
  const table = known.find((t) => `${t.schema}.${t.name}` === query.query.source);
  if (!table) return `the migrations do not create ${query.query.source}`;
  return undefined;
}

/** A data query the compiler parsed, in the form read here. */
interface CompiledQuery {
  query: SyncQuery;
  /** The output table; undefined when not known. */
  output?: string;
  wildcard: boolean;
  /** The selected columns; undefined when their shape is not known. */
  columns?: { column?: string; alias?: string; star?: boolean }[];
  /** The bucket's priorities; undefined when not known. */
  priorities?: number[];
}

/**
 * The data queries of the compiled config, from its bucket sources: bucket definitions (their
 * `dataQueries`, priorities from their parameter queries, which `_priority` may set), edition-2
 * streams (one query each) and edition-3 streams (their prepared sources). Undefined when a source
 * has another shape.
 */
function compiledQueries(bucketSources: unknown[], placeOf: (definition: string, kind: SyncQuery['kind'], sql: string | undefined) => SourceLocation): CompiledQuery[] | undefined {
  const out: CompiledQuery[] = [];
  const legacy = (q: any, definition: string, kind: SyncQuery['kind'], priorities: number[] | undefined): CompiledQuery => {
    const schema = typeof q?.sourceTable?.schema === 'string' ? q.sourceTable.schema : 'public';
    const pattern = String(q?.sourceTable?.tablePattern);
    const output = q?.table?.alias ?? q?.table?.nameInSchema;
    const wildcard = q?.sourceTable?.isWildcard === true;
    const columns = Array.isArray(q?.columns)
      ? q.columns.map((c: any) =>
          c?.expr?.type === 'ref' && !c.expr.table
            ? c.expr.name === '*' ? { star: true } : { column: c.expr.name, alias: c.alias?.name ?? c.expr.name }
            // A computed column (or a qualified one): its name is known when aliased, its nullability is not.
            : typeof c?.alias?.name === 'string' ? { alias: c.alias.name } : {})
      : undefined;
    return {
      query: { definition, kind, loc: placeOf(definition, kind, typeof q?.sql === 'string' ? q.sql : undefined), source: `${schema}.${pattern}` },
      output: typeof output === 'string' && !(wildcard && output === pattern) ? output : undefined,
      wildcard,
      columns,
      priorities,
    };
  };
  for (const bs of bucketSources as any[]) {
    if (Array.isArray(bs?.dataQueries) && typeof bs.name === 'string') {
      const parameterQueries = [...(bs.parameterQueries ?? []), ...(bs.globalParameterQueries ?? [])];
      const priorities = parameterQueries.every((p: any) => typeof p?.priority === 'number') && parameterQueries.length > 0 ? parameterQueries.map((p: any) => p.priority as number) : undefined;
      for (const q of bs.dataQueries) out.push(legacy(q, bs.name, 'bucket', priorities));
    } else if (typeof bs?.stream?.stream?.name === 'string' && Array.isArray(bs.dataSources)) {
      const name: string = bs.stream.stream.name;
      const priority = bs.stream.stream.priority;
      for (const ds of bs.dataSources) {
        if (!Array.isArray(ds?.source?.sources)) return undefined;
        for (const q of ds.source.sources) {
          const schema = typeof q?.sourceTable?.schema === 'string' ? q.sourceTable.schema : 'public';
          const pattern = String(q?.sourceTable?.tablePattern);
          const wildcard = q?.sourceTable?.isWildcard === true || pattern.endsWith('%');
          const columns = Array.isArray(q?.columns)
            ? q.columns.map((c: any) => c === 'star' ? { star: true } : c?.expr?.type === 'data' && typeof c.expr.source?.column === 'string' && Object.keys(c.expr.source).length === 1 && typeof c.alias === 'string' ? { column: c.expr.source.column, alias: c.alias } : typeof c?.alias === 'string' ? { alias: c.alias } : {})
            : undefined;
          out.push({
            query: { definition: name, kind: 'stream', loc: placeOf(name, 'stream', undefined), source: `${schema}.${pattern}` },
            output: typeof q?.outputTableName === 'string' ? q.outputTableName : undefined,
            wildcard,
            columns,
            priorities: typeof priority === 'number' ? [priority] : undefined,
          });
        }
      }
    } else if (typeof bs?.name === 'string' && Array.isArray(bs.dataSources)) {
      for (const ds of bs.dataSources) {
        if (!ds?.data) return undefined;
        out.push(legacy(ds.data, bs.name, 'stream', typeof bs.priority === 'number' ? [bs.priority] : undefined));
      }
    } else return undefined;
  }
  return out;
}

/**
 * Where each query is written: a bucket's data query by its text among the bucket's `data`, a
 * stream's `query` (or its one `queries` entry); otherwise the bucket's or stream's key, or the
 * config's top-level key.
 */
function queryPlaces(uri: string, fact: SyncConfigFact): (definition: string, kind: SyncQuery['kind'], sql: string | undefined) => SourceLocation {
  const rangeOf = placesInSyncConfig(fact);
  const locOf = (node: { range?: readonly number[] | null } | undefined | null): SourceLocation | undefined => (node?.range ? { uri, range: rangeOf(node.range[0], node.range[1]) } : undefined);
  const document = parseDocument(fact.text, { keepSourceTokens: false, uniqueKeys: false });
  return (definition, kind, sql) => {
    const group = document.get(kind === 'bucket' ? 'bucket_definitions' : 'streams', true);
    if (!isMap(group)) return fact.keyLoc;
    const pair = group.items.find((p) => isScalar(p.key) && String(p.key.value) === definition);
    const keyLoc = locOf(pair?.key as Scalar | undefined) ?? fact.keyLoc;
    if (!pair || !isMap(pair.value)) return keyLoc;
    const single = pair.value.get('query', true);
    const list = pair.value.get(kind === 'bucket' ? 'data' : 'queries', true);
    const items = isSeq(list) ? list.items.filter(isScalar) : [];
    if (sql !== undefined) {
      const match = items.find((item) => item.value === sql) ?? (isScalar(single) && single.value === sql ? single : undefined);
      if (match) return locOf(match) ?? keyLoc;
    }
    if (kind === 'stream' && isScalar(single)) return locOf(single) ?? keyLoc;
    if (kind === 'stream' && items.length === 1) return locOf(items[0]) ?? keyLoc;
    return keyLoc;
  };
}

/**
 * Per output table and column, whether each query that outputs it selects a nullable Postgres
 * column plainly (true), a NOT NULL one (false), or computes it (undefined). Any shape not
 * expected makes the columns of that table unknown.
 */
type PlainSource = { nullable: boolean; source: string } | undefined;

function plainSources(queries: readonly CompiledQuery[], tables: readonly PostgresTable[]): Map<string, Map<string, PlainSource[]>> {
  const out = new Map<string, Map<string, PlainSource[]>>();
  const poisoned = new Set<string>();
  const add = (table: string, column: string, nullable: PlainSource) => {
    const columns = out.get(table) ?? new Map<string, PlainSource[]>();
    out.set(table, columns);
    columns.set(column, [...(columns.get(column) ?? []), nullable]);
  };
  for (const query of queries) {
    const output = query.output!;
    const source = tables.find((t) => `${t.schema}.${t.name}` === query.query.source);
    if (!source || !query.columns || query.wildcard) {
      poisoned.add(output);
      continue;
    }
    const sourceName = `${source.schema}.${source.name}`;
    for (const c of query.columns) {
      if (c.star) for (const pg of source.columns) add(output, pg.name, { nullable: !pg.notNull, source: `${sourceName}.${pg.name}` });
      else if (c.column !== undefined && c.alias !== undefined) {
        const pg = source.columns.find((p) => p.name === c.column);
        add(output, c.alias, pg ? { nullable: !pg.notNull, source: `${sourceName}.${pg.name}` } : undefined);
      } else if (c.alias !== undefined) add(output, c.alias, undefined);
      else poisoned.add(output);
    }
  }
  for (const table of poisoned) out.delete(table);
  return out;
}

function typeOf(lib: CompilerModule, flags: number): SyncedColumnType {
  if (flags === lib.TYPE_TEXT) return 'text';
  if (flags === lib.TYPE_INTEGER) return 'integer';
  if (flags === lib.TYPE_REAL) return 'real';
  if (flags === lib.TYPE_BLOB) return 'blob';
  if (flags === (lib.TYPE_INTEGER | lib.TYPE_REAL)) return 'numeric';
  return 'unknown';
}

/** The compiler's message without the excerpt and token list it may add below. */
function firstLine(message: string): string {
  return message.split('\n')[0].replace(/:\s*$/, '').trim();
}


/**
 * What the server sends for the sync name `name` (matched exactly, as the service does), when the
 * workspace has one sync config and all of its outputs are known; undefined otherwise.
 */
export function syncedOutputTable(backend: { syncConfigs: readonly SyncConfig[] }, name: string): { table: SyncedOutputTable; config: SyncConfig } | undefined {
  // Several sync configs (staging, production): which one the app meets is not known.
  if (backend.syncConfigs.length !== 1) return undefined;
  const config = backend.syncConfigs[0];
  const table = config.outputTables?.find((t) => t.name === name);
  return table && { table, config };
}
