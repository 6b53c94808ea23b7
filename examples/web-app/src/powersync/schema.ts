import { Schema } from '@powersync/web';

export const AppSchema = new Schema({});

// `draft` is local-only: the server never sends it.
const TODO_COLUMNS = ['list_id', 'description', 'completed'];

AppSchema.withRawTables({
  lists: {
    put: {
      sql: 'INSERT OR REPLACE INTO lists (id, name, owner_id) VALUES (?, ?, ?)',
      params: ['Id', { Column: 'name' }, { Column: 'owner_id' }],
    },
    delete: { sql: 'DELETE FROM lists WHERE id = ?', params: ['Id'] },
  },
  todos: {
    put: {
      sql: `INSERT INTO todos (id, ${TODO_COLUMNS.join(', ')}) VALUES (?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET ${TODO_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}`,
      params: ['Id', ...TODO_COLUMNS.map((c) => ({ Column: c }))],
    },
    delete: { sql: 'DELETE FROM todos WHERE id = ?', params: [{ Column: 'id' }] },
  },
});
