import 'package:flutter_todos/powersync/local_tables.dart';
import 'package:flutter_todos/powersync/schema.dart';
import 'package:flutter_todos/powersync/triggers.dart';
import 'package:powersync/powersync.dart';

Future<PowerSyncDatabase> openDatabase(String path) async {
  final db = PowerSyncDatabase(schema: schema, path: path);
  await db.initialize();
  await createLocalTables(db);
  await installTodoTriggers(db);
  return db;
}
