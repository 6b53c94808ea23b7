import type { FileFacts } from '../facts';
import { positionsOf, type SourceLocation } from '../location';
import type { PostgresSchema, PostgresTable } from './postgres-schema';

/** The SQLite type PowerSync's compiler gives an output column (from the Postgres type, or the expression). */
export type SyncedColumnType = 'text' | 'integer' | 'real' | 'blob' | 'numeric' | 'unknown';

/**
 * A table the sync config sends to clients: the output name and its columns (the row id aside).
 * A column's `nullable` is true when some query selects it plainly (`col`, `col AS x`, `*`) from a
 * Postgres column the migrations leave nullable, false when every query that outputs it selects a
 * NOT NULL column plainly, and absent when any query computes it (an expression): then unknown.
 */
export interface SyncedOutputTable {
  name: string;
  columns: { name: string; type: SyncedColumnType; nullable?: boolean; /** The nullable Postgres column (`public.todos.notes`) when `nullable`. */ nullableFrom?: string }[];
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
  /** Every output table with all its columns; undefined when they cannot all be told (`outputsUnknown` says why). */
  outputTables?: SyncedOutputTable[];
  outputsUnknown?: string;
}

// The compiler's types, the part used here (the package is loaded only when a sync config is read).
interface CompilerTablePattern { connectionTag: string; schema: string; tablePattern: string; isWildcard: boolean }
interface CompilerConfig { bucketDataSources: { resolveResultSets(schema: unknown, tables: Record<string, Record<string, { name: string; type: { typeFlags: number } }>>): void }[]; getSourceTables(): CompilerTablePattern[] }
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

/** Every sync config of the workspace, compiled; the Postgres schema gives the output columns their types. */
export function buildSyncConfigs(files: ReadonlyMap<string, FileFacts>, postgres: PostgresSchema | undefined): SyncConfig[] {
  const out: SyncConfig[] = [];
  for (const file of files.values()) {
    if (!file.syncConfig) continue;
    // The model is rebuilt on every edit; a config compiles again only when it or the tables change.
    const key = JSON.stringify([file.uri, file.syncConfig.text, file.syncConfig.keyLoc, postgres]);
    const cached = compiled.get(file.uri);
    if (cached?.key === key) {
      out.push(cached.config);
      continue;
    }
    try {
      const config = compileSyncConfig(file.uri, file.syncConfig.text, file.syncConfig.keyLoc, postgres);
      compiled.set(file.uri, { key, config });
      out.push(config);
    } catch (error) {
      // The compiler failing is ours to fix, not the user's: the config's outputs are then unknown.
      out.push({ uri: file.uri, keyLoc: file.syncConfig.keyLoc, problems: [], outputsUnknown: `the sync config compiler failed (${error instanceof Error ? error.message : String(error)})` });
    }
  }
  return out;
}

function compileSyncConfig(uri: string, text: string, keyLoc: SourceLocation, postgres: PostgresSchema | undefined): SyncConfig {
  const config: SyncConfig = { uri, keyLoc, problems: [] };
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
  const result = lib.SqlSyncRules.fromYaml(text, { schema, defaultSchema: 'public', throwOnError: false });
  const at = positionsOf(text);
  for (const error of result.errors) {
    const message = firstLine(error.message);
    if (TABLE_NOT_FOUND.some((pattern) => pattern.test(message))) continue;
    config.problems.push({ message, severity: error.type === 'fatal' ? 'error' : 'warning', loc: { uri, range: { start: at(error.location.start), end: at(error.location.end) } } });
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
  for (const source of result.config.getSourceTables()) {
    const table = known!.find((t) => t.schema === source.schema && t.name === source.tablePattern);
    if (source.isWildcard || !table || table.unknown) {
      config.outputsUnknown = `the migrations do not tell the columns of ${source.schema}.${source.tablePattern}`;
      return config;
    }
  }
  const tables: Record<string, Record<string, { name: string; type: { typeFlags: number } }>> = {};
  for (const source of result.config.bucketDataSources) source.resolveResultSets(schema, tables);
  const nullability = plainSources(result.config.bucketDataSources, known!);
  config.outputTables = Object.entries(tables).map(([name, columns]) => ({
    name,
    columns: Object.values(columns).map((c) => {
      const sources = nullability.get(name)?.get(c.name);
      const nullable = !sources || sources.includes(undefined) ? undefined : sources.some((s) => s!.nullable);
      const from = nullable ? sources!.find((s) => s!.nullable)!.source : undefined;
      return { name: c.name, type: typeOf(lib, c.type.typeFlags), ...(nullable === undefined ? {} : { nullable }), ...(from ? { nullableFrom: from } : {}) };
    }),
  }));
  return config;
}

/**
 * Per output table and column, whether each query that outputs it selects a nullable Postgres
 * column plainly (true), a NOT NULL one (false), or computes it (undefined). Reads the compiler's
 * parsed queries (bucket definitions' `dataQueries`, streams' `sources`); any shape not expected
 * makes the columns of that table unknown.
 */
type PlainSource = { nullable: boolean; source: string } | undefined;

function plainSources(dataSources: unknown[], tables: readonly PostgresTable[]): Map<string, Map<string, PlainSource[]>> {
  const out = new Map<string, Map<string, PlainSource[]>>();
  const poisoned = new Set<string>();
  const add = (table: string, column: string, nullable: PlainSource) => {
    const columns = out.get(table) ?? new Map<string, PlainSource[]>();
    out.set(table, columns);
    columns.set(column, [...(columns.get(column) ?? []), nullable]);
  };
  const sourceOf = (schema: unknown, name: unknown) => tables.find((t) => t.schema === (typeof schema === 'string' ? schema : 'public') && t.name === name);
  for (const dataSource of dataSources as any[]) {
    if (!Array.isArray(dataSource?.descriptor?.dataQueries) && !Array.isArray(dataSource?.source?.sources)) return new Map();
    const queries: { output: unknown; source: PostgresTable | undefined; columns: { column?: string; alias?: string; star?: boolean }[] | undefined }[] = [];
    for (const query of dataSource?.descriptor?.dataQueries ?? []) {
      const columns = Array.isArray(query?.columns)
        ? query.columns.map((c: any) =>
            c?.expr?.type === 'ref' && !c.expr.table
              ? c.expr.name === '*' ? { star: true } : { column: c.expr.name, alias: c.alias?.name ?? c.expr.name }
              // A computed column (or a qualified one): its name is known when aliased, its nullability is not.
              : typeof c?.alias?.name === 'string' ? { alias: c.alias.name } : {})
        : undefined;
      queries.push({ output: query?.table?.alias ?? query?.table?.nameInSchema, source: sourceOf(query?.sourceTable?.schema, query?.sourceTable?.tablePattern), columns });
    }
    for (const query of dataSource?.source?.sources ?? []) {
      const columns = Array.isArray(query?.columns)
        ? query.columns.map((c: any) => c === 'star' ? { star: true } : c?.expr?.type === 'data' && typeof c.expr.source?.column === 'string' && Object.keys(c.expr.source).length === 1 && typeof c.alias === 'string' ? { column: c.expr.source.column, alias: c.alias } : typeof c?.alias === 'string' ? { alias: c.alias } : {})
        : undefined;
      queries.push({ output: query?.outputTableName, source: sourceOf(query?.sourceTable?.schema, query?.sourceTable?.tablePattern), columns });
    }
    for (const query of queries) {
      // A query whose output table is not told may feed any table: nothing is known.
      if (typeof query.output !== 'string') return new Map();
      if (!query.source || !query.columns) {
        poisoned.add(query.output);
        continue;
      }
      for (const c of query.columns) {
        if (c.star) for (const pg of query.source.columns) add(query.output, pg.name, { nullable: !pg.notNull, source: `${query.source.schema}.${query.source.name}.${pg.name}` });
        else if (c.column !== undefined && c.alias !== undefined) {
          const pg = query.source.columns.find((p) => p.name === c.column);
          add(query.output, c.alias, pg ? { nullable: !pg.notNull, source: `${query.source.schema}.${query.source.name}.${pg.name}` } : undefined);
        } else if (c.alias !== undefined) add(query.output, c.alias, undefined);
        else poisoned.add(query.output);
      }
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
