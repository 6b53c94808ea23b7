import { FrontEnds } from './frontends/index';
import { WorkspaceIndex } from './model/workspace-index';
import { buildModel } from './model/build';
import type { Table, WorkspaceModel } from './model/workspace';
import type { SqlCatalog } from './model/sql-catalog';
import { createSqlCatalog } from './engine/catalog';
import { DerivedSchemaCache } from './engine/derived-schema';
import { loadEngine, type Engine } from './engine/sqljs';
import type { RuleContext } from './findings/rule';

export interface AnalyzerParts {
  frontEnds: FrontEnds;
  sql?: SqlCatalog;
  engine?: Engine;
}

export interface AnalyzerOptions {
  /**
   * False parses every file; by default a Kotlin file whose text holds nothing Rawsync reads but
   * declarations is parsed only when the model asks for a name it may declare (the findings are
   * the same; test/unit/model/screen-equivalence.test.ts checks that).
   */
  screen?: boolean;
}

/**
 * The pipeline the doors share: front ends feed the index, the index builds the model.
 * Each door (LSP, CLI) owns one Analyzer and feeds it files.
 */
export class Analyzer {
  readonly index: WorkspaceIndex;
  private cached?: { version: number; model: WorkspaceModel };
  private readonly derivedSchema?: DerivedSchemaCache;

  private constructor(private readonly frontEnds: FrontEnds, private readonly sql?: SqlCatalog, engine?: Engine, options: AnalyzerOptions = {}) {
    this.index = new WorkspaceIndex(frontEnds, options.screen ?? true);
    if (engine) this.derivedSchema = new DerivedSchemaCache(engine);
  }

  /** `sql` defaults to the engine's catalog (SQLite in WebAssembly, loaded from `wasmDir`). */
  static async create(wasmDir: string, sql?: SqlCatalog, options?: AnalyzerOptions): Promise<Analyzer> {
    return Analyzer.fromParts(await Analyzer.loadParts(wasmDir, sql), options);
  }

  /** What every analyzer of a process can share: the parsers, SQLite's catalog, the engine (loaded once). */
  static async loadParts(wasmDir: string, sql?: SqlCatalog): Promise<AnalyzerParts> {
    const [frontEnds, catalog, engine] = await Promise.all([FrontEnds.create(wasmDir), sql ?? createSqlCatalog(wasmDir), loadEngine(wasmDir)]);
    return { frontEnds, sql: catalog, engine };
  }

  /** A fresh analyzer (an empty index) over parts loaded before: no waiting. */
  static fromParts(parts: AnalyzerParts, options?: AnalyzerOptions): Analyzer {
    return new Analyzer(parts.frontEnds, parts.sql, parts.engine, options);
  }

  model(): WorkspaceModel {
    if (this.cached?.version === this.index.version) return this.cached.model;
    this.screenAliases();
    const model = buildModel({ files: this.index.files(), sql: this.sql, passedOver: this.index });
    this.index.demand = model.names.demand;
    this.cached = { version: this.index.version, model };
    return model;
  }

  /**
   * A type alias of something the screen looks for (`typealias Table = androidx.room.Entity`)
   * makes its name one more word to look for; files passed over that use it are read.
   */
  private screenAliases(): void {
    const aliases: string[] = [];
    for (const facts of this.index.files().values()) {
      for (const alias of facts.typeAliases) if (this.frontEnds.screensIn(alias.type.text)) aliases.push(alias.name);
    }
    if (aliases.length > 0 && this.frontEnds.screenAlso(aliases)) this.index.rescreen((text) => this.frontEnds.screensIn(text));
  }

  /**
   * Frees the databases this analyzer opened for SQLite's verdicts: an analyzer a door drops (a
   * closed workspace folder, a finished check) would otherwise hold their wasm memory for good.
   */
  dispose(): void {
    this.derivedSchema?.dispose();
  }

  /** What rules may ask besides the model: SQLite's answers about SQL against the derived tables. */
  ruleContext(): RuleContext {
    const derivedSchema = this.derivedSchema;
    if (!derivedSchema) return {};
    const model = this.model();
    // Built on the first question only; rebuilt when the tables' SQL changes.
    const against = (tables: readonly Table[]): RuleContext => ({
      validateSql: (sql) => derivedSchema.databaseFor(tables).validate(sql),
      crudTriggerSql: (json, names, events) => derivedSchema.databaseFor(tables).crudTriggerSql(json, names, events),
      withTables: against,
    });
    return against(model.tables);
  }
}
