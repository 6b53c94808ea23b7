import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { analyzeFiles, analyzeFixture, factsOf } from '../../support/workspace';
import { seededRandom } from '../../support/fuzz-cases';
import { fixturePath } from '../../support/paths';
import { scanWorkspace } from '../../../server/src/frontends/workspace-files';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';
import { languageOf } from '../../../server/src/frontends/index';
import { schemaReport } from '../../../server/src/model/schema-report';
import type { WorkspaceModel } from '../../../server/src/model/workspace';

const JAVA = 'app/src/main/java/com/example/notes/Note.java';

test('.java files are read by the Java front end', () => {
  assert.equal(languageOf('/w/app/src/main/java/com/example/Note.java'), 'java');
  assert.equal(languageOf('/w/app/src/main/java/com/example/Note.kt'), 'kotlin');
});

test('facts of a Java entity: package, imports, class, annotations with arguments, fields, constants, converters', async () => {
  const facts = await factsOf([
    'package com.example.notes;',
    '',
    'import androidx.annotation.NonNull;',
    'import androidx.room.*;',
    'import static com.example.notes.Names.NOTE_TABLE;',
    '',
    '@Entity(tableName = NOTE_TABLE, indices = {@Index(value = {"a", "b"}, unique = true), @Index("c")},',
    '        foreignKeys = @ForeignKey(entity = Folder.class, parentColumns = "id", childColumns = "folder", onDelete = ForeignKey.CASCADE))',
    'public class Note extends Base implements java.io.Serializable {',
    '    public static final String PREFIX = "note_" + Names.SUFFIX;',
    '    private static final long LIMIT = -5;',
    '    @PrimaryKey(autoGenerate = true) public long id;',
    '    @NonNull @ColumnInfo(name = "full_title") public String title = "";',
    '    public Integer count, other[];',
    '    protected byte[] data;',
    '    transient int cache;',
    '    public static int instances;',
    '    public Note() {}',
    '    public String getTitle() { return title; }',
    '    @TypeConverter',
    '    public static java.util.Date toDate(Long millis) { return null; }',
    '    static class Inner { static final char SEP = \'\\t\'; }',
    '}',
    'interface Names { String NOTE_TABLE = "notes"; String SUFFIX = "x"; }',
    'enum Kind { A, B; int code; }',
  ].join('\n'), JAVA);
  assert.equal(facts.language, 'java');
  assert.equal(facts.packageName, 'com.example.notes');
  assert.deepEqual(facts.imports.map((i) => [i.path, i.wildcard]), [
    ['androidx.annotation.NonNull', false], ['androidx.room', true], ['com.example.notes.Names.NOTE_TABLE', false],
  ]);
  assert.deepEqual(facts.syntaxErrors, []);
  assert.deepEqual(facts.classes.map((c) => [[...c.outer, c.name].join('.'), c.kind]), [
    ['Note', 'class'], ['Note.Inner', 'class'], ['Names', 'interface'], ['Kind', 'enum'],
  ]);
  const note = facts.classes[0];
  assert.deepEqual(note.modifiers, ['public']);
  assert.deepEqual(note.superTypes.map((t) => t.name), ['Base', 'java.io.Serializable']);
  const entity = note.annotations[0];
  assert.equal(entity.name, 'Entity');
  assert.deepEqual(entity.args.map((a) => [a.name, a.value.kind]), [['tableName', 'ref'], ['indices', 'list'], ['foreignKeys', 'call']]);
  const indices = entity.args[1].value;
  assert.ok(indices.kind === 'list');
  const [first, second] = indices.items;
  assert.ok(first.kind === 'call' && first.callee.kind === 'ref' && first.callee.name === 'Index');
  assert.deepEqual(first.args.map((a) => [a.name, a.value.kind]), [['value', 'list'], ['unique', 'boolean']]);
  assert.ok(second.kind === 'call' && second.args.length === 1 && second.args[0].name === undefined && second.args[0].value.kind === 'string');
  const fk = entity.args[2].value;
  assert.ok(fk.kind === 'call');
  assert.deepEqual(fk.args.map((a) => a.value.kind), ['classRef', 'string', 'string', 'member']);

  // Fields in declaration order, static ones left out; `int a, b[]` declares two.
  assert.deepEqual(note.properties.map((p) => [p.name, p.type?.name, p.type?.nullable, p.mutable]), [
    ['id', 'long', false, true],
    ['title', 'String', false, true],
    ['count', 'Integer', true, true],
    ['other', 'Integer[]', true, true],
    ['data', 'byte[]', true, true],
    ['cache', 'int', false, true],
  ]);
  assert.ok(note.properties.every((p) => p.hasBackingField && !p.fromConstructor));
  assert.deepEqual(note.properties.find((p) => p.name === 'cache')?.modifiers, ['transient']);
  assert.deepEqual(note.properties[1].annotations.map((a) => a.name), ['NonNull', 'ColumnInfo']);

  // `static final` fields (and every interface field) are constants of their class.
  assert.deepEqual(facts.constants.map((c) => [[...c.owner, c.name].join('.'), c.value.kind]), [
    ['Note.PREFIX', 'template'], ['Note.LIMIT', 'number'], ['Note.Inner.SEP', 'string'], ['Names.NOTE_TABLE', 'string'], ['Names.SUFFIX', 'string'],
  ]);
  const limit = facts.constants[1].value;
  assert.ok(limit.kind === 'number' && limit.value === -5);
  const sep = facts.constants[2].value;
  assert.ok(sep.kind === 'string' && sep.value === '\t');
  assert.deepEqual(facts.typeConverters.map((c) => [c.className, c.functionName, c.from?.name, c.to?.name]), [['Note', 'toDate', 'Long', 'java.util.Date']]);
  assert.deepEqual(facts.classes[3].enumEntries, ['A', 'B']);
});

test('Java string concatenation: strings join, numbers before the first string add, anything else is unknown', async () => {
  const facts = await factsOf([
    'package p;',
    'class C {',
    '  static final String A = "a" + 1 + 2;',
    '  static final String B = N + "b";',
    '  static final int N = 1 + 2;',
    '  static final String D = 1 + 2 + "d";',
    '  static final String E = "e" + 1.0;',
    '  static final String F = X + Y;',
    '  static final String G = "g\\"\\u0041";',
    '}',
  ].join('\n'), 'src/main/java/p/C.java');
  const kinds = Object.fromEntries(facts.constants.map((c) => [c.name, c.value]));
  assert.ok(kinds.A.kind === 'template' && kinds.A.parts.length === 3);
  assert.ok(kinds.B.kind === 'template');
  assert.ok(kinds.N.kind === 'number' && kinds.N.value === 3);
  assert.equal(kinds.D.kind, 'unknown');
  assert.equal(kinds.E.kind, 'unknown'); // Java prints 1.0, not 1
  assert.equal(kinds.F.kind, 'unknown'); // two ints would add
  assert.ok(kinds.G.kind === 'string' && kinds.G.value === 'g"A');
});

/** The tables of a model as `rawsync schema --format json` prints them, without file positions. */
function tablesOf(model: WorkspaceModel): unknown[] {
  const report = schemaReport(model, (uri) => path.basename(uri));
  return report.tables.map(({ file: _file, line: _line, ...table }) => table);
}

test('the same schema written in Kotlin and in Java gives the same tables, columns, keys and indices', async () => {
  const kotlin = await analyzeFixture('java-entities', 'kotlin');
  const java = await analyzeFixture('java-entities', 'java');
  const kotlinTables = tablesOf(kotlin.model);
  assert.equal(kotlinTables.length, 2);
  assert.deepEqual(tablesOf(java.model), kotlinTables);
  for (const table of java.model.tables) assert.equal(table.unresolved, undefined, `${table.name} has unresolved parts`);
  assert.equal(
    java.model.tables.find((t) => t.name === 'author')?.createSql,
    'CREATE TABLE IF NOT EXISTS `author` (`id` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, `display_name` TEXT NOT NULL COLLATE NOCASE, ' +
      '`bio` TEXT, `age` INTEGER, `active` INTEGER NOT NULL, `rating` REAL NOT NULL, `home_street` TEXT NOT NULL, `home_zip` INTEGER NOT NULL, ' +
      '`home_country` TEXT, `work_street` TEXT, `work_zip` INTEGER, `work_country` TEXT)',
  );
  assert.equal(
    java.model.tables.find((t) => t.name === 'book')?.createSql,
    'CREATE TABLE IF NOT EXISTS `book` (`isbn` TEXT NOT NULL, `title` TEXT NOT NULL, `author_id` INTEGER NOT NULL, `published` INTEGER, ' +
      '`tags` TEXT NOT NULL, `cover` BLOB, `copies` INTEGER NOT NULL DEFAULT 0, `weight` REAL NOT NULL, `genre` TEXT, PRIMARY KEY(`isbn`), ' +
      'FOREIGN KEY(`author_id`) REFERENCES `author`(`id`) ON UPDATE NO ACTION ON DELETE CASCADE )',
  );
  const databases = (model: WorkspaceModel) => model.roomDatabases.map((db) => [db.qualifiedName, db.version, db.entities.map((e) => e.tableName)]);
  assert.deepEqual(databases(java.model), [['com.example.library.LibraryDatabase', 3, ['author', 'book']]]);
  assert.deepEqual(databases(java.model), databases(kotlin.model));
  kotlin.analyzer.dispose();
  java.analyzer.dispose();
});

test('a Kotlin entity takes its table and column names from a Java class\'s constants', async () => {
  const { analyzer, model } = await analyzeFiles({
    'app/src/main/java/com/example/db/Contract.java': [
      'package com.example.db;',
      'public final class Contract {',
      '  public static final String PREFIX = "app_";',
      '  public static final String TABLE = PREFIX + "item";',
      '  public static class Columns { public static final String NAME = "item_name"; }',
      '}',
    ].join('\n'),
    'app/src/main/java/com/example/data/Item.kt': [
      'package com.example.data',
      'import androidx.room.*',
      'import com.example.db.Contract',
      'import com.example.db.Contract.Columns.NAME',
      '@Entity(tableName = Contract.TABLE)',
      'data class Item(@PrimaryKey val id: Long, @ColumnInfo(name = NAME) val name: String?, @ColumnInfo(name = Contract.Columns.NAME + "_2") val other: Int)',
    ].join('\n'),
  });
  const item = model.tables.find((t) => t.name === 'app_item');
  assert.ok(item, model.tables.map((t) => t.name).join(', '));
  assert.equal(item.createSql, 'CREATE TABLE IF NOT EXISTS `app_item` (`id` INTEGER NOT NULL, `item_name` TEXT, `item_name_2` INTEGER NOT NULL, PRIMARY KEY(`id`))');
  assert.equal(item.unresolved, undefined);
  analyzer.dispose();
});

test('Java nullability: primitives are NOT NULL; other types only with androidx or JetBrains non-null annotations', async () => {
  const { analyzer, model } = await analyzeFiles({
    'app/src/main/java/p/T.java': [
      'package p;',
      'import androidx.room.*;',
      'import org.jetbrains.annotations.NotNull;',
      '@Entity(tableName = "t")',
      'public class T {',
      '  @PrimaryKey public int id;',
      '  @NotNull public String a;',
      '  @androidx.annotation.NonNull public Long b;',
      '  @lombok.NonNull public String c;',
      '  @javax.annotation.Nonnull public String d;',
      '  public Boolean e;',
      '  public char f;',
      '}',
    ].join('\n'),
  });
  assert.equal(model.tables[0]?.createSql,
    'CREATE TABLE IF NOT EXISTS `t` (`id` INTEGER NOT NULL, `a` TEXT NOT NULL, `b` INTEGER NOT NULL, `c` TEXT, `d` TEXT, `e` INTEGER, `f` INTEGER NOT NULL, PRIMARY KEY(`id`))');
  analyzer.dispose();
});

test('Java statics are inherited: through a Java subclass or interface, and from Android\'s BaseColumns', async () => {
  const { analyzer, model } = await analyzeFiles({
    'app/src/main/java/com/example/db/Meta.java': [
      'package com.example.db;',
      'import android.provider.BaseColumns;',
      'public class Meta {',
      '  public interface Shared { String OWNER = "owner_id"; }',
      '  public static class Tables implements BaseColumns, Shared {',
      '    public static final String NOTES = "notes";',
      '  }',
      '}',
    ].join('\n'),
    'app/src/main/java/com/example/db/Row.java': [
      'package com.example.db;',
      'import androidx.room.*;',
      '@Entity(tableName = "row")',
      'public class Row implements Meta.Shared {',
      '  @PrimaryKey public long id;',
      '  @ColumnInfo(name = OWNER) public String owner;',
      '}',
    ].join('\n'),
    'app/src/main/java/com/example/data/Note.kt': [
      'package com.example.data',
      'import androidx.room.*',
      'import com.example.db.Meta.Tables',
      '@Entity(tableName = Tables.NOTES)',
      'class Note(',
      '  @PrimaryKey(autoGenerate = true) @ColumnInfo(name = Tables._ID) val id: Long?,',
      '  @ColumnInfo(name = Tables.OWNER) val owner: String,',
      ')',
    ].join('\n'),
  });
  const note = model.tables.find((t) => t.name === 'notes');
  assert.equal(note?.createSql, 'CREATE TABLE IF NOT EXISTS `notes` (`_id` INTEGER PRIMARY KEY AUTOINCREMENT, `owner_id` TEXT NOT NULL)');
  assert.equal(note?.unresolved, undefined);
  const row = model.tables.find((t) => t.name === 'row');
  assert.equal(row?.createSql, 'CREATE TABLE IF NOT EXISTS `row` (`id` INTEGER NOT NULL, `owner_id` TEXT, PRIMARY KEY(`id`))');
  analyzer.dispose();
});

test('a Kotlin companion\'s constants are not inherited by name through a subclass', async () => {
  const { analyzer, model } = await analyzeFiles({
    'src/main/java/p/Base.kt': 'package p\nopen class Base { companion object { const val T = "t" } }\nclass Sub : Base()',
    'src/main/java/p/E.kt': 'package p\nimport androidx.room.*\n@Entity(tableName = Sub.T)\nclass E(@PrimaryKey val id: Long)',
  });
  assert.equal(model.tables.filter((t) => t.origin === 'room-entity').length, 0);
  analyzer.dispose();
});

test('a Java file that uses PowerSync counts as not read from its first mention: its calls and SQL are not read', async () => {
  const plain = await factsOf('package p;\nclass Db { void open(android.database.sqlite.SQLiteDatabase db) { db.execSQL("CREATE TABLE t (id TEXT)"); } }', 'src/main/java/p/Db.java');
  assert.equal(plain.unread, undefined);
  assert.deepEqual(plain.sqlStatements, []);
  const facts = await factsOf([
    'package p;',
    'class Setup {',
    '  void install(Db db) {',
    '    db.execSQL("SELECT powersync_create_raw_table_crud_trigger(?, ?, ?)");',
    '  }',
    '}',
  ].join('\n'), 'src/main/java/p/Setup.java');
  assert.deepEqual(facts.unread?.from, { line: 3, character: 0 });
  assert.match(facts.unread?.reason ?? '', /powersync_create_raw_table_crud_trigger.*only declarations from Java/);
  assert.equal(facts.classes.length, 1);
});

for (const room of ['Room 2', 'Room 3'] as const) {
  // Room 3.0 names them @ColumnTypeConverter / @ColumnTypeConverters, in androidx.room3.
  const written = (text: string) => (room === 'Room 2' ? text : text.replaceAll('androidx.room.', 'androidx.room3.').replaceAll('TypeConverter', 'ColumnTypeConverter'));
  test(`converters match across the two languages: a Java entity with Kotlin converters, and the other way round (${room})`, async () => {
    const files: Record<string, string> = {
      'src/main/java/p/KotlinConverters.kt': [
        'package p',
        'import androidx.room.TypeConverter',
        'import java.util.Date',
        'class KotlinConverters {',
        '  @TypeConverter fun toDate(v: Long?): Date? = v?.let { Date(it) }',
        '  @TypeConverter fun fromDate(d: Date?): Long? = d?.time',
        '  @TypeConverter fun toList(v: String): List<String> = v.split(",")',
        '  @TypeConverter fun fromList(l: List<String>): String = l.joinToString(",")',
        '}',
      ].join('\n'),
      'src/main/java/p/JavaConverters.java': [
        'package p;',
        'import androidx.room.TypeConverter;',
        'import java.util.UUID;',
        'public class JavaConverters {',
        '  @TypeConverter public static String fromUuid(UUID u) { return u.toString(); }',
        '  @TypeConverter public static UUID toUuid(String s) { return UUID.fromString(s); }',
        '}',
      ].join('\n'),
      'src/main/java/p/J.java': [
        'package p;',
        'import androidx.room.*;',
        'import java.util.Date;',
        'import java.util.List;',
        '@Entity(tableName = "j")',
        '@TypeConverters(KotlinConverters.class)',
        'public class J { @PrimaryKey public long id; public Date at; public List<String> tags; }',
      ].join('\n'),
      'src/main/java/p/K.kt': [
        'package p',
        'import androidx.room.*',
        'import java.util.UUID',
        '@Entity(tableName = "k")',
        '@TypeConverters(JavaConverters::class)',
        'class K(@PrimaryKey val id: UUID)',
      ].join('\n'),
    };
    const { analyzer, model } = await analyzeFiles(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, written(text)])));
    const sql = (name: string) => model.tables.find((t) => t.name === name);
    assert.equal(sql('j')?.createSql, 'CREATE TABLE IF NOT EXISTS `j` (`id` INTEGER NOT NULL, `at` INTEGER, `tags` TEXT, PRIMARY KEY(`id`))');
    assert.equal(sql('j')?.unresolved, undefined);
    assert.equal(sql('k')?.createSql, 'CREATE TABLE IF NOT EXISTS `k` (`id` TEXT NOT NULL, PRIMARY KEY(`id`))');
    assert.equal(sql('k')?.unresolved, undefined);
    analyzer.dispose();
  });
}

test('in Java a single element stands for an array of one: entities, indices, orders', async () => {
  const { analyzer, model } = await analyzeFiles({
    'src/main/java/p/E.java': [
      'package p;',
      'import androidx.room.*;',
      '@Entity(tableName = "e", indices = @Index(value = "at", orders = Index.Order.DESC), primaryKeys = "id")',
      'public class E { @NonNull public String id; public long at; }',
    ].join('\n'),
    'src/main/java/p/Db.java': 'package p;\nimport androidx.room.*;\n@Database(entities = E.class, version = 1)\npublic abstract class Db extends RoomDatabase {}',
  });
  const e = model.tables.find((t) => t.name === 'e');
  assert.equal(e?.createSql, 'CREATE TABLE IF NOT EXISTS `e` (`id` TEXT, `at` INTEGER NOT NULL, PRIMARY KEY(`id`))');
  assert.deepEqual(e?.indices.map((i) => i.createSql), ['CREATE INDEX IF NOT EXISTS `index_e_at` ON `e` (`at` DESC)']);
  assert.deepEqual(model.roomDatabases.map((db) => db.entities.map((x) => x.tableName)), [['e']]);
  analyzer.dispose();
});

test('broken and pathological Java files give what is intact, never a crash', async () => {
  const halfTyped = await factsOf('package p;\nimport androidx.room.*;\n@Entity(tableName = "t")\npublic class T {\n  @PrimaryKey public long id;\n  public String name = \n  @ColumnInfo(name = ', 'src/main/java/p/T.java');
  assert.ok(halfTyped.syntaxErrors.length > 0);
  // The class being typed is swallowed by the error: the file counts as not read from there on.
  assert.deepEqual(halfTyped.unread?.from, { line: 2, character: 0 });
  assert.match(halfTyped.unread?.reason ?? '', /syntax error on line 3/);
  const deepType = await factsOf(`package p;\nclass D { ${'java.util.List<'.repeat(400)}String${'>'.repeat(400)} f; static final String S = ${'('.repeat(500)}"x"${')'.repeat(500)}; }`, 'src/main/java/p/D.java');
  assert.equal(deepType.unread, undefined);
  assert.equal(deepType.classes[0]?.properties[0]?.name, 'f');
  assert.equal(deepType.constants[0]?.value.kind, 'unknown');
  const longConcat = await factsOf(`package p;\nclass L { static final String S = ${Array.from({ length: 5000 }, (_, i) => `"${i}"`).join(' + ')}; }`, 'src/main/java/p/L.java');
  const value = longConcat.constants[0]?.value;
  assert.ok(value?.kind === 'template' && value.parts.length === 5000);
  const { analyzer, model } = await analyzeFiles({ 'src/main/java/p/T.java': 'package p;\nimport androidx.room.*;\n@Entity(tableName = "t")\npublic class T {\n  @PrimaryKey public long id;\n  public String name = \n}\n' });
  const t = model.tables.find((x) => x.name === 't');
  assert.ok(t === undefined || (t.unresolved?.length ?? 0) > 0, 'a class with a syntax error in it is not reported as certain');
  analyzer.dispose();
});

test('mutated Java entities: no front end, rule or report throws (fixed seed)', async () => {
  const root = fixturePath('java-entities', 'java');
  const seed = Object.fromEntries(scanWorkspace(root).map((f) => [path.relative(root, f.path), f.text]));
  const names = Object.keys(seed).filter((n) => n.endsWith('.java'));
  const snippets = ['@', '@Entity(', '"', '"""', '{', '}', '(', ')', ';', '+', '/*', '//', '\'', '\u0000', '<', '>', '[]', 'static ', 'class '];
  const random = seededRandom(20261205);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const failures: string[] = [];
  for (let i = 0; i < 120; i++) {
    const name = pick(names);
    const text = seed[name];
    const at = Math.floor(random() * (text.length + 1));
    const kind = pick(['insert', 'delete', 'truncate', 'nest'] as const);
    const changed = kind === 'insert' ? text.slice(0, at) + pick(snippets) + text.slice(at)
      : kind === 'delete' ? text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 40))
      : kind === 'truncate' ? text.slice(0, at)
      : text.slice(0, at) + '('.repeat(3000) + '"x"' + ')'.repeat(3000) + text.slice(at);
    try {
      const { analyzer, model } = await analyzeFiles({ ...seed, [name]: changed });
      const run = runRules(RULES, model, analyzer.ruleContext());
      for (const failure of run.failures) failures.push(`${kind} ${name}@${at}: rule ${failure.rule} threw`);
      schemaReport(model, (uri) => uri);
      analyzer.dispose();
    } catch (error) {
      failures.push(`${kind} ${name}@${at}: ${(error as Error)?.stack ?? error}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('a Java file is unread from its first PowerSync word, but its own package name (an app shell\'s com.powersync.example) is no such word', async () => {
  const shell = await factsOf('package com.powersync.example;\n\nimport com.getcapacitor.BridgeActivity;\n\npublic class MainActivity extends BridgeActivity {}\n', 'android/app/src/main/java/com/powersync/example/MainActivity.java');
  assert.equal(shell.unread, undefined);
  const caller = await factsOf('package com.powersync.example;\n\nimport com.powersync.PowerSyncDatabase;\n\npublic class Db {\n  void open(PowerSyncDatabase db) {}\n}\n', 'app/src/main/java/com/powersync/example/Db.java');
  assert.match(caller.unread?.reason ?? '', /^it mentions powersync, and Rawsync reads only declarations from Java/);
  assert.equal(caller.unread?.from.line, 2);
});
