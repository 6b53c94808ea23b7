import 'package:powersync/powersync.dart';

// The app's own tables: PowerSync writes synced rows into them through the raw tables' statements.
const createLists = '''
  CREATE TABLE IF NOT EXISTS lists (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    owner_id TEXT
  )''';

const createTodos = '''
  CREATE TABLE IF NOT EXISTS todos (
    id TEXT PRIMARY KEY NOT NULL,
    list_id TEXT NOT NULL REFERENCES lists (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    description TEXT,
    completed INTEGER NOT NULL DEFAULT 0,
    draft TEXT
  )''';

Future<void> createLocalTables(PowerSyncDatabase db) async {
  // SQLite checks foreign keys (and runs ON DELETE CASCADE) only once they are turned on.
  await db.execute('PRAGMA foreign_keys = ON');
  await db.execute(createLists);
  await db.execute(createTodos);
}
