import 'package:powersync/powersync.dart';

// Local writes to `todos` go to powersync_crud for upload.
Future<void> installTodoTriggers(PowerSyncDatabase db) async {
  await db.execute('''
    CREATE TRIGGER IF NOT EXISTS todos_insert AFTER INSERT ON todos
    BEGIN
      INSERT INTO powersync_crud (op, id, type, data)
      VALUES ('PUT', NEW.id, 'todos', json_object('list_id', NEW.list_id, 'description', NEW.description, 'completed', NEW.completed, 'draft', NEW.draft));
    END''');
  await db.execute('''
    CREATE TRIGGER IF NOT EXISTS todos_update AFTER UPDATE ON todos
    WHEN OLD.description != NEW.description OR OLD.completed != NEW.completed
    BEGIN
      INSERT INTO powersync_crud (op, id, type, data)
      VALUES ('PATCH', NEW.id, 'todos', json_object('description', NEW.description, 'completed', NEW.completed));
    END''');
  await db.execute('''
    CREATE TRIGGER IF NOT EXISTS todos_delete AFTER DELETE ON todos
    BEGIN
      INSERT INTO powersync_crud (op, id, type) VALUES ('DELETE', OLD.id, 'todos');
    END''');
}
