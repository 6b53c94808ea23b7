import { test } from 'node:test';
import assert from 'node:assert/strict';
import { factsOf } from '../../support/workspace';
import type { ClassFact } from '../../../server/src/model/facts';

const SOURCE = `package com.example.data

import androidx.room.*
import com.example.names.Names as N
import kotlinx.datetime.Instant

typealias Millis = Long

@Entity(tableName = "todo")
data class Todo(
    @PrimaryKey val id: String,
    @field:ColumnInfo(name = "title_text") var title: String = "",
    plain: Int,
    @[Ignore ColumnInfo(name = "x")] val both: Int,
) : Base(1), Marker {
    val computed: Int get() = 1
    var withField: Int = 0
        get() = field
    val lazyOne by lazy { 1 }
    abstract val abs: Int
    lateinit var late: String
    val String.extension: Int get() = length

    companion object {
        const val TABLE = "todo"
        val OTHER = TABLE + "_x"
        var notConstant = 1
    }

    enum class Kind { A, B; fun f() = 1 }

    object Inner {
        const val Y = 2

        object Deeper {
            const val Z = "z"
        }
    }

    fun foo(a: Int, b: String?): Long = 0
}

interface Marker {
    val marked: Boolean
}

abstract class Base(val n: Int)

const val TOP = "t"
val topValue: String = "x"

class Converters {
    @TypeConverter
    fun fromInstant(value: Instant?): Long? = value?.toEpochMilliseconds()

    @androidx.room.TypeConverter
    fun toInstant(value: Long?) = value?.let { Instant.fromEpochMilliseconds(it) }
}

object Ready : RoomDatabase.Callback() {
    override fun onCreate(connection: SQLiteConnection) {}
    override fun onOpen(connection: SQLiteConnection) {}
    fun helper() {}
}

class Destroyer : Callback() {
    override fun onDestructiveMigration(connection: SQLiteConnection) {}
}
`;

function classNamed(classes: ClassFact[], name: string): ClassFact {
  const found = classes.find((c) => c.name === name);
  assert.ok(found, `no class ${name}`);
  return found;
}

test('package, imports and type aliases', async () => {
  const facts = await factsOf(SOURCE);
  assert.equal(facts.packageName, 'com.example.data');
  assert.deepEqual(facts.imports.map((i) => [i.path, i.alias, i.wildcard]), [
    ['androidx.room', undefined, true],
    ['com.example.names.Names', 'N', false],
    ['kotlinx.datetime.Instant', undefined, false],
  ]);
  assert.deepEqual(facts.typeAliases.map((a) => [a.name, a.type.name]), [['Millis', 'Long']]);
});

test('classes at every nesting level with their kind, outer names and modifiers', async () => {
  const facts = await factsOf(SOURCE);
  assert.deepEqual(facts.classes.map((c) => [c.name, c.outer.join('.'), c.kind]), [
    ['Todo', '', 'class'],
    ['Companion', 'Todo', 'companion'],
    ['Kind', 'Todo', 'enum'],
    ['Inner', 'Todo', 'object'],
    ['Deeper', 'Todo.Inner', 'object'],
    ['Marker', '', 'interface'],
    ['Base', '', 'class'],
    ['Converters', '', 'class'],
    ['Ready', '', 'object'],
    ['Destroyer', '', 'class'],
  ]);
  const todo = classNamed(facts.classes, 'Todo');
  assert.deepEqual(todo.modifiers, ['data']);
  assert.deepEqual(todo.superTypes.map((t) => t.name), ['Base', 'Marker']);
  assert.equal(todo.nameLoc.range.start.line, 9);
  assert.deepEqual(classNamed(facts.classes, 'Kind').enumEntries, ['A', 'B']);
  assert.deepEqual(classNamed(facts.classes, 'Base').modifiers, ['abstract']);
  assert.deepEqual(todo.functions.map((f) => [f.name, f.parameters.map((p) => `${p.name}:${p.type?.text}`), f.returnType?.text]), [
    ['foo', ['a:Int', 'b:String?'], 'Long'],
  ]);
});

test('properties in source order with backing fields, annotations and use-site targets', async () => {
  const todo = classNamed((await factsOf(SOURCE)).classes, 'Todo');
  assert.deepEqual(todo.properties.map((p) => [p.name, p.fromConstructor, p.hasBackingField]), [
    ['id', true, true],
    ['title', true, true],
    ['both', true, true],
    ['computed', false, false],
    ['withField', false, true],
    ['lazyOne', false, false],
    ['abs', false, false],
    ['late', false, true],
    ['extension', false, false],
  ]);
  const title = todo.properties[1];
  assert.equal(title.mutable, true);
  assert.deepEqual(title.annotations.map((a) => [a.name, a.target]), [['ColumnInfo', 'field']]);
  assert.deepEqual(title.initializer && title.initializer.kind === 'string' ? title.initializer.value : undefined, '');
  assert.deepEqual(todo.properties[2].annotations.map((a) => a.name), ['Ignore', 'ColumnInfo']);
  assert.equal(todo.properties[2].annotations[1].args[0].name, 'name');
  assert.equal(todo.properties[0].type?.name, 'String');
  const marker = classNamed((await factsOf(SOURCE)).classes, 'Marker');
  assert.equal(marker.properties[0].hasBackingField, false);
});

test('constants: top level, objects, nested objects and companions (owned by the enclosing class)', async () => {
  const facts = await factsOf(SOURCE);
  assert.deepEqual(facts.constants.map((c) => [c.owner.join('.'), c.name, c.isConst]), [
    ['Todo', 'TABLE', true],
    ['Todo', 'OTHER', false],
    ['Todo.Inner', 'Y', true],
    ['Todo.Inner.Deeper', 'Z', true],
    ['', 'TOP', true],
    ['', 'topValue', false],
  ]);
});

test('type converters and Room callbacks', async () => {
  const facts = await factsOf(SOURCE);
  assert.deepEqual(facts.typeConverters.map((c) => [c.className, c.functionName, c.from?.text, c.to?.text]), [
    ['Converters', 'fromInstant', 'Instant?', 'Long?'],
    ['Converters', 'toInstant', 'Long?', undefined],
  ]);
  assert.deepEqual(facts.roomCallbacks.map((c) => [c.className, c.overrides]), [
    ['Ready', ['onCreate', 'onOpen']],
    ['Destroyer', ['onDestructiveMigration']],
  ]);
});

test('a half-typed file yields what is intact and never throws', async () => {
  const facts = await factsOf('package a\n\n@Entity(tableName = "ok")\nclass Ok(val id: String)\n\nclass Broken(val x: Int, @ColumnInfo(name = ) val y\n');
  assert.equal(facts.packageName, 'a');
  assert.deepEqual(facts.classes.map((c) => c.name), ['Ok']);
  assert.ok(facts.syntaxErrors.length > 0);
});

test('properties swallowed by a syntax error are not taken for top-level constants', async () => {
  const facts = await factsOf('package app\nclass X {\n  val A = 1\n  fun f( {\n  }\n}\n');
  assert.deepEqual(facts.constants, []);
  assert.ok(facts.syntaxErrors.length > 0);
});
