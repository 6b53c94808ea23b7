import { errorText, type CoreDatabase } from './database';

export type CrudEvent = 'INSERT' | 'UPDATE' | 'DELETE';

export const CRUD_EVENTS: readonly CrudEvent[] = ['INSERT', 'UPDATE', 'DELETE'];

export interface CreatedTrigger {
  event: CrudEvent;
  name: string;
  /** The CREATE TRIGGER text the core wrote, as stored in sqlite_master. */
  sql: string;
}

export type CrudTriggersResult =
  | { ok: true; triggers: CreatedTrigger[] }
  | { ok: false; event: CrudEvent; error: string };

/** Trigger names when the caller gives none: `<table>_<event>` in lower case, e.g. `todo_insert`. */
export function defaultTriggerNames(tableName: string): Record<CrudEvent, string> {
  return { INSERT: `${tableName}_insert`, UPDATE: `${tableName}_update`, DELETE: `${tableName}_delete` };
}

/**
 * Has the core create its CRUD triggers for a raw table (`powersync_create_raw_table_crud_trigger`)
 * and returns the SQL it wrote. The table must exist; triggers of the same names are replaced.
 * Runs in one transaction: on any error nothing is created.
 */
export function createCrudTriggers(
  db: CoreDatabase,
  rawTableJson: unknown,
  names?: Partial<Record<CrudEvent, string>>,
  events: readonly CrudEvent[] = CRUD_EVENTS,
): CrudTriggersResult {
  const json = typeof rawTableJson === 'string' ? rawTableJson : JSON.stringify(rawTableJson);
  const fallback = defaultTriggerNames(localTableName(json) ?? 'raw_table');
  const triggers: { event: CrudEvent; name: string }[] = events.map((event) => ({ event, name: names?.[event] ?? fallback[event] }));
  let failed: { event: CrudEvent; error: string } | undefined;
  try {
    db.transaction(() => {
      for (const { event, name } of triggers) {
        try {
          db.exec(`DROP TRIGGER IF EXISTS ${quoteName(name)}`);
          db.query('select powersync_create_raw_table_crud_trigger(?, ?, ?)', [json, name, event]);
        } catch (error) {
          failed = { event, error: errorText(error) };
          throw error;
        }
      }
    });
  } catch (error) {
    return failed ? { ok: false, ...failed } : { ok: false, event: triggers[0]?.event ?? 'INSERT', error: errorText(error) };
  }
  return {
    ok: true,
    triggers: triggers.map(({ event, name }) => ({
      event,
      name,
      sql: String(db.scalar("select sql from sqlite_master where type = 'trigger' and name = ?", [name]) ?? ''),
    })),
  };
}

function localTableName(json: string): string | undefined {
  try {
    const parsed = JSON.parse(json) as { table_name?: unknown; name?: unknown };
    if (typeof parsed.table_name === 'string') return parsed.table_name;
    if (typeof parsed.name === 'string') return parsed.name;
  } catch {
    // The core reports the bad JSON itself.
  }
  return undefined;
}

/** A SQL identifier in double quotes. */
export function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
