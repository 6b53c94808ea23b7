import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { checkJson, fixtureFindings, places, type JsonFinding } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';
import { repoRoot } from '../../support/paths';
import { factsOf } from '../../support/workspace';

const SYNC = 'src/commonMain/kotlin/com/example/notes/sync/NotesSync.kt';
const ANDROID = 'src/androidMain/kotlin/com/example/notes/AndroidNotes.kt';
const CALLBACK = 'src/commonMain/kotlin/com/example/notes/data/RoomReadyCallback.kt';
const WAIT = '            callback.isReady.join()\n';
const OPEN = '            val database = PowerSyncDatabase(factory = factory, schema = notesSchema, dbFilename = DATABASE_NAME)\n';

const initOrder = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === 'room-init-order');
const related = (f: JsonFinding) => f.related.map((r) => `${r.file}:${r.range.start.line + 1}`);

test('room-init-order: PowerSync opened and connected straight away, beside Room', () => {
  const findings = fixtureFindings('rule-room-init-order', 'room-init-order');
  assert.deepEqual(places(findings), [`${SYNC}:29`, `${SYNC}:31`]);
  const [open, connect] = findings;
  assert.equal(open.severity, 'warning');
  assert.equal(open.range.start.character, OPEN.indexOf('PowerSyncDatabase('));
  assert.match(open.message, /^PowerSync may open before Room has created its tables\. It opens the database here without waiting for Room to create or open it/);
  assert.match(connect.message, /^Sync may start before Room has created its tables\. connect\(\) starts syncing here without waiting for Room/);
  // What to wait for: where the callback completes its Job.
  assert.deepEqual(related(open), [`${CALLBACK}:17`, `${CALLBACK}:22`]);
  assert.match(open.related[0].message, /RoomReadyCallback completes 'ready' here/);
});

test('room-init-order: waiting for the callback\'s Job first is clean', () => {
  assert.deepEqual(places(fixtureFindings('rule-room-init-order-ok', 'room-init-order')), []);
});

test('room-init-order: a Room DAO call before PowerSync also waits for Room', () => {
  const dir = fixtureVariant('rule-room-init-order-ok', { [SYNC]: replacing(WAIT, '            room.noteDao().count()\n') });
  assert.deepEqual(places(initOrder(dir)), []);
});

test('room-init-order: a wait in a coroutine of its own does not hold this one back', () => {
  const dir = fixtureVariant('rule-room-init-order-ok', { [SYNC]: replacing(WAIT, '            launch { callback.isReady.join() }\n') });
  assert.deepEqual(places(initOrder(dir)), [`${SYNC}:30`, `${SYNC}:32`]);
});

test('room-init-order: an opener function is judged where it is called', () => {
  const opener = (text: string) =>
    text.replace(OPEN, '            val database = openPowerSync()\n').replace(
      '    init {',
      '    private fun openPowerSync(): PowerSyncDatabase =\n        PowerSyncDatabase(factory = factory, schema = notesSchema, dbFilename = DATABASE_NAME)\n\n    init {',
    );
  // Called after the wait: clean. Called without it: the constructor inside the function is reported.
  assert.deepEqual(places(initOrder(fixtureVariant('rule-room-init-order-ok', { [SYNC]: opener }))), []);
  assert.deepEqual(places(initOrder(fixtureVariant('rule-room-init-order', { [SYNC]: opener }))), [`${SYNC}:28`, `${SYNC}:34`]);
});

test('room-init-order: a Deferred completed after the wait is something to wait for too', () => {
  const dir = fixtureVariant('rule-room-init-order-ok', {
    [SYNC]: replacing(
      '            database.connect(connector, options = SyncOptions(newClientImplementation = true))\n        }\n    }\n',
      '        }\n    }\n\n    fun start(scope: CoroutineScope) {\n        scope.launch {\n            val database = powerSync.await()\n            database.connect(connector, options = SyncOptions(newClientImplementation = true))\n        }\n    }\n',
    ),
    [ANDROID]: replacing('DatabaseDriverFactory(context), connector, scope)', 'DatabaseDriverFactory(context), connector, scope).also { it.start(scope) }'),
  });
  assert.deepEqual(places(initOrder(dir)), []);
});

test('room-init-order: silent where the order is unknown', () => {
  // Nothing in the workspace constructs NotesSync: its caller (a DI container, the platform) may wait.
  const unconstructed = fixtureVariant('rule-room-init-order', {
    [ANDROID]: replacing('fun startNotes(context: Context, connector: PowerSyncBackendConnector, scope: CoroutineScope): NotesSync =\n    NotesSync(AndroidNotesDatabaseBuilder(context), DatabaseDriverFactory(context), connector, scope)\n', ''),
  });
  assert.deepEqual(places(initOrder(unconstructed)), []);
  // `by lazy { … }` opens whenever it is first read.
  const lazy = fixtureVariant('rule-room-init-order', {
    [SYNC]: (text) => text.replace(OPEN, '            val database by lazy { PowerSyncDatabase(factory = factory, schema = notesSchema, dbFilename = DATABASE_NAME) }\n'),
  });
  assert.deepEqual(places(initOrder(lazy)), [`${SYNC}:31`]);
});

test('room-init-order: nothing with RoomConnectionPool, where Room owns the file', () => {
  const dir = fixtureVariant('rule-room-init-order', {
    'src/commonMain/kotlin/com/example/notes/sync/Pool.kt': `package com.example.notes.sync

import com.example.notes.data.NotesDatabase
import com.powersync.integrations.room.RoomConnectionPool

fun poolOf(room: NotesDatabase) = RoomConnectionPool(room, notesSchema)
`,
  });
  assert.deepEqual(places(initOrder(dir)), []);
});

test('room-init-order: a disable comment silences one call', () => {
  const dir = fixtureVariant('rule-room-init-order', {
    [SYNC]: replacing(OPEN, '            // rawsync-disable-next-line room-init-order\n' + OPEN),
  });
  assert.deepEqual(places(initOrder(dir)), [`${SYNC}:32`]);
});

test('room-init-order: the example apps wait for the callback and stay clean', () => {
  for (const app of ['todo-app', 'todo-app-fixed']) {
    const findings = checkJson(path.join(repoRoot(), 'examples', app)).findings.filter((f) => f.rule === 'room-init-order');
    assert.deepEqual(places(findings), [], app);
  }
});

test('sequenced-call facts: awaits, completions, Room uses and what runs after them', async () => {
  const facts = await factsOf(`package p
class Provider(private val callback: Ready, private val room: AppDatabase) {
    private val opened = CompletableDeferred<PowerSyncDatabase>()
    val database: Deferred<PowerSyncDatabase>
        get() = opened

    init {
        scope.launch {
            callback.isReady.join()
            opened.complete(opener.open())
        }
    }

    suspend fun use() {
        room.todoDao().insert(x)
        room.useWriterConnection { it.execSQL("SELECT 1") }
        joinAll(a, b)
        val db = single { PowerSyncDatabase(factory, schema) }
        db.connect(connector, options = SyncOptions(true))
    }
}
`);
  const seen = (facts.sequencedCalls ?? []).map((c) => `${c.kind} ${c.name} ${c.loc.range.start.line + 1} after=${c.after ? `${c.after.range.start.line + 1}-${c.after.range.end.line + 1}` : '-'} [${c.laterCalls.join(',')}]`);
  assert.deepEqual(seen, [
    'await join 9 after=9-11 [complete,open]',
    'complete complete 10 after=10-11 []',
    'getter-call todoDao 15 after=15-20 [useWriterConnection,execSQL,joinAll,single,PowerSyncDatabase,connect,SyncOptions]',
    'room-connection useWriterConnection 16 after=16-20 [joinAll,single,PowerSyncDatabase,connect,SyncOptions]',
    'await joinAll 17 after=17-20 [single,PowerSyncDatabase,connect,SyncOptions]',
  ]);
  const join = facts.sequencedCalls![0];
  assert.deepEqual(join.targets.map((t) => t.kind), ['member']);
  assert.deepEqual(facts.sequencedCalls![4].targets.map((t) => (t.kind === 'ref' ? t.name : t.kind)), ['a', 'b']);
  assert.equal(join.owner.join('.'), 'Provider');
  // The getter's expression, for following `database` back to `opened`.
  const database = facts.classes[0].properties.find((p) => p.name === 'database');
  assert.equal(database?.getter?.kind === 'ref' ? database.getter.name : undefined, 'opened');
  const [db] = facts.powerSyncDatabases;
  assert.equal(db.enclosingFunction, 'use');
  assert.deepEqual(db.enclosingLambdas, ['single']);
  assert.deepEqual(facts.connects[0].enclosingLambdas, []);
  assert.ok(facts.calledNames?.includes('open'));
});
