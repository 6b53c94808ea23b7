import 'dart:convert';

import 'package:flutter_todos/powersync/schema.dart';
import 'package:powersync/powersync.dart';

// Local writes to `lists` go to powersync_crud through triggers the PowerSync core writes itself.
Future<void> installListTriggers(PowerSyncDatabase db) async {
  final json = jsonEncode(listsTable);
  for (final event in ['INSERT', 'UPDATE', 'DELETE']) {
    await db.execute('DROP TRIGGER IF EXISTS lists_${event.toLowerCase()}');
    await db.execute('SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)', [json, 'lists_${event.toLowerCase()}', event]);
  }
}

// Local writes to `todos` go to powersync_crud for upload.
Future<void> installTodoTriggers(PowerSyncDatabase db) async {
  await db.execute('''
    CREATE TRIGGER IF NOT EXISTS todos_insert AFTER INSERT ON todos
    BEGIN
      INSERT INTO powersync_crud (op, id, type, data)
      VALUES ('PUT', NEW.id, 'todos', json_object('list_id', NEW.list_id, 'description', NEW.description, 'completed', NEW.completed));
    END''');
  await db.execute('''
    CREATE TRIGGER IF NOT EXISTS todos_update AFTER UPDATE ON todos
    WHEN OLD.list_id IS NOT NEW.list_id OR OLD.description IS NOT NEW.description OR OLD.completed IS NOT NEW.completed
    BEGIN
      INSERT INTO powersync_crud (op, id, type, data)
      VALUES ('PATCH', NEW.id, 'todos', json_object('list_id', NEW.list_id, 'description', NEW.description, 'completed', NEW.completed));
    END''');
  await db.execute('''
    CREATE TRIGGER IF NOT EXISTS todos_delete AFTER DELETE ON todos
    BEGIN
      INSERT INTO powersync_crud (op, id, type) VALUES ('DELETE', OLD.id, 'todos');
    END''');
}
