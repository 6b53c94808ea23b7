import { Schema } from '@powersync/web';

export const AppSchema = new Schema({});

// `draft` is local-only: the server never sends it.
const TODO_COLUMNS = ['list_id', 'description', 'completed'];

export const LISTS = {
  put: {
    sql: 'INSERT INTO lists (id, name, owner_id) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, owner_id = excluded.owner_id',
    params: ['Id', { Column: 'name' }, { Column: 'owner_id' }],
  },
  delete: { sql: 'DELETE FROM lists WHERE id = ?', params: ['Id'] },
  // The columns the core's trigger helper uploads (see triggers.ts).
  schema: { syncedColumns: ['name', 'owner_id'] },
};

AppSchema.withRawTables({
  lists: LISTS,
  todos: {
    put: {
      sql: `INSERT INTO todos (id, ${TODO_COLUMNS.join(', ')}) VALUES (?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET ${TODO_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}`,
      params: ['Id', ...TODO_COLUMNS.map((c) => ({ Column: c }))],
    },
    delete: { sql: 'DELETE FROM todos WHERE id = ?', params: ['Id'] },
  },
});
