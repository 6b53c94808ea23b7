import 'package:powersync/powersync.dart';

// `draft` is local-only: the server never sends it.
const todoColumns = ['list_id', 'description', 'completed'];

final schema = Schema(const [], rawTables: [
  RawTable(
    name: 'lists',
    put: PendingStatement(
      sql: 'INSERT OR REPLACE INTO lists (id, name, owner_id) VALUES (?, ?, ?)',
      params: [
        PendingStatementValue.id(),
        PendingStatementValue.column('name'),
        PendingStatementValue.column('owner_id'),
      ],
    ),
    delete: PendingStatement(
      sql: 'DELETE FROM lists WHERE id = ?',
      params: [PendingStatementValue.id()],
    ),
  ),
  RawTable(
    name: 'todos',
    put: PendingStatement(
      sql: 'INSERT INTO todos (id, ${todoColumns.join(', ')}) VALUES (?, ?, ?, ?) '
          'ON CONFLICT(id) DO UPDATE SET ${todoColumns.map((c) => '$c = excluded.$c').join(', ')}',
      params: [
        PendingStatementValue.id(),
        ...todoColumns.map((c) => PendingStatementValue.column(c)),
      ],
    ),
    delete: PendingStatement(
      sql: 'DELETE FROM todos WHERE id = ?',
      params: [PendingStatementValue.column('id')],
    ),
  ),
]);
