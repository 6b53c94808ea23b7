import { PowerSyncDatabase } from '@powersync/web';
import { createLocalTables } from './local-tables';
import { AppSchema } from './schema';
import { installTodoTriggers } from './triggers';

export async function openDatabase(): Promise<PowerSyncDatabase> {
  const db = new PowerSyncDatabase({ schema: AppSchema, database: { dbFilename: 'todos.db' } });
  await db.init();
  await createLocalTables(db);
  await installTodoTriggers(db);
  return db;
}
