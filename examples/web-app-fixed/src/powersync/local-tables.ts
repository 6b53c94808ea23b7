import type { AbstractPowerSyncDatabase } from '@powersync/web';

// The app's own tables: PowerSync writes synced rows into them through the raw tables' statements.
export const CREATE_LISTS = `
  CREATE TABLE IF NOT EXISTS lists (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    owner_id TEXT
  )`;

export const CREATE_TODOS = `
  CREATE TABLE IF NOT EXISTS todos (
    id TEXT PRIMARY KEY NOT NULL,
    list_id TEXT NOT NULL REFERENCES lists (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    description TEXT,
    completed INTEGER NOT NULL DEFAULT 0,
    draft TEXT
  )`;

export async function createLocalTables(db: AbstractPowerSyncDatabase): Promise<void> {
  // SQLite checks foreign keys (and runs ON DELETE CASCADE) only once they are turned on.
  await db.execute('PRAGMA foreign_keys = ON');
  await db.execute(CREATE_LISTS);
  await db.execute(CREATE_TODOS);
}
