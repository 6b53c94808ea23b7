// The Kotlin sources (and the version catalog beside them) that several fix tests build their
// in-memory projects from. Each builder writes text a test could have written inline; a test passes
// only what is special about its case.

/** A Kotlin file with one Room `@Entity` data class; each field is a constructor line as written, comma included. */
export function roomEntity(options: { pkg: string; table: string; className: string; fields: readonly string[] }): string {
  return `package ${options.pkg}

import androidx.room.*

@Entity(tableName = "${options.table}")
data class ${options.className}(
${options.fields.map((field) => `    ${field}\n`).join('')})
`;
}

/** The `note` entity: title NOT NULL, body nullable, and `pinned`, a local-only column no raw table syncs. */
export const NOTE_ENTITY = roomEntity({
  pkg: 'app.data',
  table: 'note',
  className: 'NoteEntity',
  fields: [
    '@PrimaryKey val id: String,',
    'val title: String,',
    '@ColumnInfo(name = "body") val body: String?,',
    '@ColumnInfo(name = "pinned", defaultValue = "0") val pinned: Boolean = false,',
  ],
});

/** The `event` entity of the trigger tests: title NOT NULL, location nullable, then `extraFields`. */
export function eventEntity(...extraFields: string[]): string {
  return roomEntity({
    pkg: 'app',
    table: 'event',
    className: 'EventEntity',
    fields: ['@PrimaryKey val id: String,', 'val title: String,', 'val location: String?,', ...extraFields],
  });
}

/** Event fields: `is_muted`, a local-only column the sync never writes. */
export const LOCAL_ONLY_IS_MUTED = [
  '// Local-only: muted events send no notification on this device.',
  '@ColumnInfo(name = "is_muted", defaultValue = "0") val isMuted: Boolean = false,',
];

/**
 * The `NotesDatabase` over NoteEntity and a callback whose onOpen takes the driver's connection:
 * `SQLiteConnection` (androidx.sqlite) or `SupportSQLiteDatabase` (the older callback API).
 */
export function notesDatabase(options: { connection?: 'SQLiteConnection' | 'SupportSQLiteDatabase'; entities?: readonly string[] } = {}): string {
  const support = options.connection === 'SupportSQLiteDatabase';
  const parameter = support ? 'db' : 'connection';
  return `package app.data

import androidx.room.Database
import androidx.room.RoomDatabase
import ${support ? 'androidx.sqlite.db.SupportSQLiteDatabase' : 'androidx.sqlite.SQLiteConnection'}

@Database(entities = [${(options.entities ?? ['NoteEntity']).map((name) => `${name}::class`).join(', ')}], version = 1)
abstract class NotesDatabase : RoomDatabase()

class NotesCallback : RoomDatabase.Callback() {
    override fun onOpen(${parameter}: ${support ? 'SupportSQLiteDatabase' : 'SQLiteConnection'}) {
        super.onOpen(${parameter})
    }
}
`;
}

/** `notesDatabase()` as the trigger fixes leave it: the installer imported from app.sync and called after super.onOpen. */
export function withInstallerCall(database: string, installer: string, parameter: string): string {
  const superCall = `        super.onOpen(${parameter})\n`;
  const lastImport = database.lastIndexOf('\nimport ');
  const importEnd = database.indexOf('\n', lastImport + 1);
  if (lastImport < 0 || !database.includes(superCall)) throw new Error('not a notesDatabase() source');
  const withImport = `${database.slice(0, importEnd)}\nimport app.sync.${installer}${database.slice(importEnd)}`;
  return withImport.replace(superCall, `${superCall}        ${installer}(${parameter})\n`);
}

/**
 * `val <table>Table = RawTable(…)` with an upsert put over `columns` and a delete by id, its parameter
 * list on one line. `keys` are the Kotlin expressions of the Column keys (default: each column's name).
 */
export function rawTable(table: string, columns: readonly string[], options: { variable?: string; keys?: readonly string[] } = {}): string {
  const keys = options.keys ?? columns.map((column) => `"${column}"`);
  const placeholders = ['?', ...columns.map(() => '?')].join(', ');
  const updates = columns.map((column) => `${column} = excluded.${column}`).join(', ');
  return `val ${options.variable ?? `${table}Table`} = RawTable(
    name = "${table}",
    put = PendingStatement(
        "INSERT INTO ${table} (id, ${columns.join(', ')}) VALUES (${placeholders}) ON CONFLICT(id) DO UPDATE SET ${updates}",
        listOf(PendingStatementParameter.Id, ${keys.map((key) => `PendingStatementParameter.Column(${key})`).join(', ')}),
    ),
    delete = PendingStatement("DELETE FROM ${table} WHERE id = ?", listOf(PendingStatementParameter.Id)),
)
`;
}

/** A Kotlin file in `pkg` that imports the PowerSync schema types and declares the raw tables given, a blank line apart. */
export function rawTableSchema(pkg: string, declarations: readonly string[]): string {
  return `package ${pkg}

import com.powersync.db.schema.*

${declarations.join('\n')}`;
}

/** The `event` table's Schema.kt in the trigger tests: title and location synced. */
export const EVENT_SCHEMA = rawTableSchema('app', [rawTable('event', ['title', 'location'])]);

/** The `note` upsert the note schema puts by default, as a Kotlin string literal. */
export const NOTE_UPSERT = '"INSERT INTO note (id, title, body) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title, body = excluded.body"';

const NOTE_SCHEMA_IMPORTS = `import com.powersync.db.schema.PendingStatement
import com.powersync.db.schema.PendingStatementParameter
import com.powersync.db.schema.RawTable
import com.powersync.db.schema.Schema`;

/** What a note schema changes: the put, sync name, Column keys, delete SQL, clear SQL (Kotlin expressions), imports. */
export interface NoteSchemaOptions {
  put?: string;
  name?: string;
  columns?: readonly string[];
  delete?: string;
  clear?: string;
  imports?: string;
}

/**
 * app.sync's Schema.kt: `val noteTable = RawTable(…)` with the put given (a Kotlin expression), its
 * parameters one a line, a delete by id, and `val schema = Schema(noteTable)`; by default the types
 * are imported one by one.
 */
export function noteSchema(options: NoteSchemaOptions = {}): string {
  const columns = options.columns ?? ['title', 'body'];
  return `package app.sync

${options.imports ?? NOTE_SCHEMA_IMPORTS}

val noteTable = RawTable(
    name = "${options.name ?? 'note'}",
    put = PendingStatement(
        ${options.put ?? NOTE_UPSERT},
        listOf(
            PendingStatementParameter.Id,
${columns.map((column) => `            PendingStatementParameter.Column("${column}"),`).join('\n')}
        ),
    ),
    delete = PendingStatement(${options.delete ?? '"DELETE FROM note WHERE id = ?"'}, listOf(PendingStatementParameter.Id)),${options.clear ? `\n    clear = ${options.clear},` : ''}
)

val schema = Schema(noteTable)
`;
}

/**
 * app's CrudTriggers.kt: installEventUpdateTrigger drops `event_crud_update` and creates it with the
 * Kotlin string expression given; `extra` follows the function.
 */
export function eventUpdateTriggerInstaller(sqlLiteral: string, extra = ''): string {
  return `package app

import androidx.sqlite.SQLiteConnection
import androidx.sqlite.execSQL

fun installEventUpdateTrigger(connection: SQLiteConnection) {
    connection.execSQL("DROP TRIGGER IF EXISTS event_crud_update")
    connection.execSQL(${sqlLiteral})
}
${extra}`;
}

/** gradle/libs.versions.toml pinning the PowerSync SDK (com.powersync:core) to `version`. */
export function powerSyncVersionCatalog(version: string): string {
  return `[versions]\npowersync = "${version}"\n\n[libraries]\npowersync-core = { module = "com.powersync:core", version.ref = "powersync" }\n`;
}
