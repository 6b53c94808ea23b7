import type { PowerSyncDatabase } from '@powersync/web';

// The badge shows the number of open todos, updated on every change to todos (synced or local).
// `todos` is a raw table: High Performance Diffs cannot watch it, a watched query can.
export function watchOpenTodos(db: PowerSyncDatabase, onCount: (open: number) => void) {
  db.watch('SELECT count(*) AS open FROM todos WHERE completed = 0', [], {
    onResult: (result) => onCount(result.rows?.item<{ open: number }>(0)?.open ?? 0),
  });
}
