import { FrontEnds } from './frontends/index';
import { WorkspaceIndex } from './model/workspace-index';
import { buildModel } from './model/build';
import type { Table, WorkspaceModel } from './model/workspace';
import type { SqlCatalog } from './model/sql-catalog';
import { createSqlCatalog } from './engine/catalog';
import { DerivedSchemaCache } from './engine/derived-schema';
import { loadEngine, type Engine } from './engine/sqljs';
import type { RuleContext } from './rules/rule';

export interface AnalyzerParts {
  frontEnds: FrontEnds;
  sql?: SqlCatalog;
  engine?: Engine;
}

/**
 * The pipeline the doors share: front ends feed the index, the index builds the model.
 * Each door (LSP, CLI) owns one Analyzer and feeds it files.
 */
export class Analyzer {
  readonly index: WorkspaceIndex;
  private cached?: { version: number; model: WorkspaceModel };
  private readonly derivedSchema?: DerivedSchemaCache;

  private constructor(frontEnds: FrontEnds, private readonly sql?: SqlCatalog, engine?: Engine) {
    this.index = new WorkspaceIndex(frontEnds);
    if (engine) this.derivedSchema = new DerivedSchemaCache(engine);
  }

  /** `sql` defaults to the engine's catalog (SQLite in WebAssembly, loaded from `wasmDir`). */
  static async create(wasmDir: string, sql?: SqlCatalog): Promise<Analyzer> {
    return Analyzer.fromParts(await Analyzer.loadParts(wasmDir, sql));
  }

  /** What every analyzer of a process can share: the parsers, SQLite's catalog, the engine (loaded once). */
  static async loadParts(wasmDir: string, sql?: SqlCatalog): Promise<AnalyzerParts> {
    const [frontEnds, catalog, engine] = await Promise.all([FrontEnds.create(wasmDir), sql ?? createSqlCatalog(wasmDir), loadEngine(wasmDir)]);
    return { frontEnds, sql: catalog, engine };
  }

  /** A fresh analyzer (an empty index) over parts loaded before: no waiting. */
  static fromParts(parts: AnalyzerParts): Analyzer {
    return new Analyzer(parts.frontEnds, parts.sql, parts.engine);
  }

  model(): WorkspaceModel {
    if (this.cached?.version === this.index.version) return this.cached.model;
    const model = buildModel({ files: this.index.files(), sql: this.sql });
    this.cached = { version: this.index.version, model };
    return model;
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
