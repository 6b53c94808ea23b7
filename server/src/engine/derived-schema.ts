import type { Table } from '../model/workspace';
import { CoreDatabase, errorText } from './database';
import { createCrudTriggers, quoteName, type CrudEvent, type CrudTriggersResult } from './crud-triggers';
import type { Engine } from './sqljs';
import { splitSqlStatements } from '../sql/sql-text';
import { outlineCreateTrigger } from '../sql/sql-outline';
import { validate, type ValidationResult } from './validate';

/**
 * Every table the workspace derives (Room entities, CREATE TABLE strings, their indexes) in one
 * in-memory database with the PowerSync core loaded, so SQLite itself can judge a raw table's
 * statements and triggers as the app's database would.
 */
export class DerivedSchemaDatabase {
  private constructor(private readonly db: CoreDatabase) {}

  /** Statements that SQLite refuses (a table Rawsync derived wrongly) are left out, never thrown. */
  static open(engine: Engine, tables: readonly Table[]): DerivedSchemaDatabase {
    const db = CoreDatabase.open(engine);
    for (const statement of creationStatements(tables)) {
      try {
        db.exec(statement);
      } catch {
        // The other tables still answer; the rules stay silent on what is missing here.
      }
    }
    return new DerivedSchemaDatabase(db);
  }

  /**
   * Prepares `sql` as the core prepares a put or delete. A CREATE TRIGGER is also created and
   * its body resolved (SQLite checks trigger bodies only when they fire, or when the table is
   * renamed), then rolled back, so the schema never changes. Never throws.
   */
  validate(sql: string): ValidationResult {
    const prepared = validate(this.db, sql);
    if (!prepared.ok) return prepared;
    const statement = splitSqlStatements(sql)[0];
    const trigger = statement ? outlineCreateTrigger(statement.tokens) : undefined;
    if (!trigger) return prepared;
    const bodyError = this.triggerBodyError(statement!.text, trigger.name.value);
    return bodyError === undefined ? prepared : { ok: false, reason: 'sqlite', message: bodyError };
  }

  /**
   * The triggers the core writes for a raw table, read back and then dropped again, so the
   * schema never changes (createCrudTriggers commits its own transaction). Never throws.
   */
  crudTriggerSql(rawTableJson: unknown, names: Record<CrudEvent, string>, events: readonly CrudEvent[]): CrudTriggersResult {
    const result = createCrudTriggers(this.db, rawTableJson, names, events);
    if (!result.ok) return result;
    try {
      this.db.transaction(() => {
        for (const trigger of result.triggers) this.db.exec(`DROP TRIGGER IF EXISTS ${quoteName(trigger.name)}`);
      });
    } catch {
      // Dropping a trigger just created cannot fail short of a broken database.
    }
    return result;
  }

  close(): void {
    this.db.close();
  }

  private triggerBodyError(sql: string, triggerName: string): string | undefined {
    const sqlite = this.db.sqlite;
    sqlite.exec('SAVEPOINT rawsync_trigger_check');
    try {
      sqlite.exec(sql);
      const table = this.db.scalar(
        "select tbl_name from sqlite_schema where type = 'trigger' and name = ? collate nocase union all select tbl_name from sqlite_temp_schema where type = 'trigger' and name = ? collate nocase",
        [triggerName, triggerName],
      );
      if (typeof table !== 'string') return undefined;
      // Renaming the table makes SQLite resolve every name in the trigger, as firing it would.
      sqlite.exec(`ALTER TABLE ${quoteName(table)} RENAME TO ${quoteName(`${table}__rawsync_rename_check`)}`);
      return undefined;
    } catch (error) {
      const message = errorText(error);
      return message.toLowerCase().startsWith(`error in trigger ${triggerName.toLowerCase()}:`) ? message : undefined;
    } finally {
      sqlite.exec('ROLLBACK TO rawsync_trigger_check');
      sqlite.exec('RELEASE rawsync_trigger_check');
    }
  }
}

/** Databases kept: the workspace's, and one per place that pins another definition of a table. */
const KEPT_DATABASES = 4;

/**
 * Keeps a derived-schema database per set of tables: the model is rebuilt on every edit, but
 * its tables rarely change, so a database is rebuilt only when their SQL does.
 */
export class DerivedSchemaCache {
  private readonly kept = new Map<string, DerivedSchemaDatabase>();

  constructor(private readonly engine: Engine) {}

  databaseFor(tables: readonly Table[]): DerivedSchemaDatabase {
    const key = JSON.stringify(creationStatements(tables));
    const known = this.kept.get(key);
    if (known) {
      this.kept.delete(key);
      this.kept.set(key, known);
      return known;
    }
    const database = DerivedSchemaDatabase.open(this.engine, tables);
    this.kept.set(key, database);
    if (this.kept.size > KEPT_DATABASES) {
      const [oldestKey, oldest] = this.kept.entries().next().value!;
      this.kept.delete(oldestKey);
      oldest.close();
    }
    return database;
  }

  /** Closes every database kept (wasm memory is not garbage-collected). */
  dispose(): void {
    for (const database of this.kept.values()) database.close();
    this.kept.clear();
  }
}

/**
 * The CREATE TABLE statements first, so that every index finds its table. A table the workspace
 * creates with different shapes is left out: which one a statement meets depends on where it runs.
 */
function creationStatements(tables: readonly Table[]): string[] {
  const known = tables.filter((t) => !t.definitions);
  const creates = known.map((t) => t.createSql).filter((sql) => sql.trim().length > 0);
  const indexes = known.flatMap((t) => t.indices.map((i) => i.createSql)).filter((sql) => sql.trim().length > 0);
  return [...creates, ...indexes];
}
