import { DiffTriggerOperation, type PowerSyncDatabase } from '@powersync/web';

// The badge shows the number of open todos, updated on every change to todos (synced or local).
export function watchOpenTodos(db: PowerSyncDatabase, onCount: (open: number) => void) {
  return db.triggers.trackTableDiff({
    source: 'todos',
    when: { [DiffTriggerOperation.INSERT]: 'TRUE', [DiffTriggerOperation.UPDATE]: 'TRUE', [DiffTriggerOperation.DELETE]: 'TRUE' },
    onChange: async () => {
      const row = await db.get<{ open: number }>('SELECT count(*) AS open FROM todos WHERE completed = 0');
      onCount(row.open);
    },
  });
}
