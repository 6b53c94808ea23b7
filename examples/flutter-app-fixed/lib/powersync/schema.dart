import 'package:powersync/powersync.dart';

// `draft` is local-only: the server never sends it.
const todoColumns = ['list_id', 'description', 'completed'];

final listsTable = RawTable.inferred(
  name: 'lists',
  // The columns the core's trigger helper uploads (see triggers.dart).
  schema: const RawTableSchema(syncedColumns: ['name', 'owner_id']),
  put: PendingStatement(
    sql: 'INSERT INTO lists (id, name, owner_id) VALUES (?, ?, ?) '
        'ON CONFLICT(id) DO UPDATE SET name = excluded.name, owner_id = excluded.owner_id',
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
);

final schema = Schema(const [], rawTables: [
  listsTable,
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
      params: [PendingStatementValue.id()],
    ),
  ),
]);
