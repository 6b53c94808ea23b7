import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { applyEdits } from '../../support/apply-fix';
import { NOTE_ENTITY } from '../../support/kotlin-sources';
import { fixturePath, repoRoot } from '../../support/paths';
import { analyzeFiles } from '../../support/workspace';
import { scanWorkspace } from '../../../server/src/frontends/workspace-files';
import { readInsertStatement } from '../../../server/src/sql/insert-statement';
import { splitSqlStatements } from '../../../server/src/sql/sql-text';
import { rowReferences } from '../../../server/src/sql/row-references';
import { RULES } from '../../../server/src/rules/index';
import { runRules } from '../../../server/src/rules/run';
import type { WorkspaceModel } from '../../../server/src/model/workspace';

// Every preferred fix of every rule, on every rule fixture, the examples and workspaces whose
// evidence contradicts itself: none may drop a column that any evidence says is synced (a put's
// column list or Column parameter, syncedColumns) from a trigger's upload or a put's parameters,
// and none may delete a declaration of the user's.

/** Columns some evidence says sync writes, per table (lower-cased), read straight from the declarations. */
function claimedSynced(model: WorkspaceModel): Map<string, Set<string>> {
  const claimed = new Map<string, Set<string>>();
  const add = (table: string | undefined, column: string) => {
    if (table === undefined) return;
    const key = table.toLowerCase();
    // A key naming no column of the table is no synced column (renaming it is not dropping one).
    const columns = model.tables.find((t) => t.name.toLowerCase() === key)?.columns;
    if (!columns?.some((c) => c.name.toLowerCase() === column.toLowerCase())) return;
    claimed.set(key, (claimed.get(key) ?? new Set()).add(column.toLowerCase()));
  };
  for (const rawTable of model.rawTables) {
    const table = rawTable.localTable;
    for (const p of rawTable.put?.parameters ?? []) if (p.kind === 'Column' && p.name !== undefined) add(table, p.name);
    const insert = rawTable.put?.sql === undefined ? undefined : readInsertStatement(rawTable.put.sql);
    for (const c of insert?.columns ?? []) add(table, c);
    const listed = rawTable.schema?.syncedColumns;
    if (Array.isArray(listed)) for (const c of listed) add(table, c);
    else if (rawTable.schema && !rawTable.put) {
      for (const t of model.tables.filter((t) => t.name.toLowerCase() === table?.toLowerCase())) for (const c of t.columns) add(table, c.name);
    }
  }
  return claimed;
}

/** Per CRUD trigger (by name and table): the columns its SQL reads from NEW/OLD, lower-cased. */
function uploadedColumns(model: WorkspaceModel): Map<string, { table: string; columns: Set<string> }> {
  const out = new Map<string, { table: string; columns: Set<string> }>();
  for (const trigger of model.triggers) {
    if (!trigger.writesPowerSyncCrud || trigger.sql === undefined || trigger.table === undefined) continue;
    const tokens = splitSqlStatements(trigger.sql)[0]?.tokens ?? [];
    out.set(`${trigger.table}/${trigger.name ?? trigger.event}`, { table: trigger.table.toLowerCase(), columns: new Set(rowReferences(tokens).map((r) => r.column.toLowerCase())) });
  }
  return out;
}

/**
 * Column parameters of each put and the columns its INSERT writes, by raw table name. A key renamed
 * to the name the server sends (put-column-not-synced) leaves the column in the INSERT: not dropped.
 */
function putColumns(model: WorkspaceModel): Map<string, { table?: string; columns: Set<string> }> {
  return new Map(model.rawTables.filter((r) => r.name !== undefined && r.put?.parameters).map((r) => [r.name!, {
    table: r.localTable?.toLowerCase(),
    columns: new Set([
      ...r.put!.parameters!.flatMap((p) => (p.kind === 'Column' && p.name !== undefined ? [p.name.toLowerCase()] : [])),
      ...((r.put!.sql === undefined ? undefined : readInsertStatement(r.put!.sql))?.columns ?? []).map((c) => c.toLowerCase()),
    ]),
  }]));
}

/** `fun`, `class`, `object`, `val` and `var` declarations of a Kotlin file, counted by keyword. */
function declarations(text: string): number {
  return (text.match(/\b(fun|class|object|val|var)\s+[A-Za-z_`]/g) ?? []).length;
}

async function assertSafeFixes(label: string, files: Record<string, string>): Promise<number> {
  const { analyzer, model } = await analyzeFiles(files);
  const findings = runRules(RULES, model, analyzer.ruleContext()).findings;
  const claimed = claimedSynced(model);
  const uploadsBefore = uploadedColumns(model);
  const putsBefore = putColumns(model);
  let checked = 0;
  for (const finding of findings) {
    const fix = finding.fixes.find((f) => f.preferred);
    if (!fix) continue;
    const where = `${label}: ${finding.rule} '${fix.title}'`;
    const after = await applyEdits(files, fix.edits);
    for (const [name, text] of Object.entries(after.files)) {
      if (name.endsWith('.kt')) assert.ok(declarations(text) >= declarations(files[name] ?? ''), `${where} deletes a declaration in ${name}`);
    }
    for (const [key, { table, columns }] of uploadedColumns(after.model)) {
      const before = uploadsBefore.get(key);
      if (!before) continue;
      const dropped = [...before.columns].filter((c) => !columns.has(c) && claimed.get(table)?.has(c));
      assert.deepEqual(dropped, [], `${where} drops synced columns from trigger ${key}'s upload`);
    }
    for (const [name, { table, columns }] of putColumns(after.model)) {
      const before = putsBefore.get(name);
      if (!before || table === undefined) continue;
      const dropped = [...before.columns].filter((c) => !columns.has(c) && claimed.get(table)?.has(c));
      assert.deepEqual(dropped, [], `${where} drops synced columns from the put of '${name}'`);
    }
    checked++;
  }
  return checked;
}

function folderFiles(root: string): Record<string, string> {
  return Object.fromEntries(scanWorkspace(root).map((f) => [path.relative(root, f.path).split(path.sep).join('/'), f.text]));
}

const SCHEMA_FILE = 'src/commonMain/kotlin/app/sync/Schema.kt';
const ENTITY_FILE = 'src/commonMain/kotlin/app/data/NoteEntity.kt';
const TRIGGERS_FILE = 'src/commonMain/kotlin/app/data/CrudTriggers.kt';

/** A note table whose triggers upload title, body and pinned, with the put given. */
function contradicting(putSql: string, parameters: string, update = "WHEN OLD.title != NEW.title OR OLD.body != NEW.body OR OLD.pinned != NEW.pinned"): Record<string, string> {
  return {
    [ENTITY_FILE]: NOTE_ENTITY,
    [SCHEMA_FILE]: `package app.sync

import com.powersync.db.schema.*

val noteTable = RawTable(
    name = "note",
    put = PendingStatement("${putSql}", ${parameters}),
    delete = PendingStatement("DELETE FROM note WHERE id = ?", listOf(PendingStatementParameter.Id)),
)
`,
    [TRIGGERS_FILE]: `package app.data

import androidx.room.RoomDatabase
import androidx.sqlite.SQLiteConnection
import androidx.sqlite.execSQL

class CrudTriggers : RoomDatabase.Callback() {
    override fun onOpen(connection: SQLiteConnection) {
        super.onOpen(connection)
        connection.execSQL("CREATE TRIGGER IF NOT EXISTS note_insert AFTER INSERT ON note BEGIN INSERT INTO powersync_crud (op, id, type, data) VALUES ('PUT', NEW.id, 'note', json_object('title', NEW.title, 'body', NEW.body, 'pinned', NEW.pinned)); END")
        connection.execSQL("CREATE TRIGGER IF NOT EXISTS note_update AFTER UPDATE ON note ${update} BEGIN INSERT INTO powersync_crud (op, id, type, data) VALUES ('PATCH', NEW.id, 'note', json_object('title', NEW.title, 'body', NEW.body, 'pinned', NEW.pinned)); END")
        connection.execSQL("CREATE TRIGGER IF NOT EXISTS note_delete AFTER DELETE ON note BEGIN INSERT INTO powersync_crud (op, id, type) VALUES ('DELETE', OLD.id, 'note'); END")
    }
}
`,
  };
}

const P = (...names: string[]) => `listOf(PendingStatementParameter.Id${names.map((n) => `, PendingStatementParameter.Column("${n}")`).join('')})`;

test('fix safety: workspaces whose evidence contradicts itself', async () => {
  const cases: Record<string, Record<string, string>> = {
    // The put's column list and parameters name pinned; a ? is missing.
    'missing placeholder': contradicting('INSERT INTO note (id, title, body, pinned) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title', P('title', 'body', 'pinned')),
    // A Column parameter names pinned, which the SQL leaves out.
    'parameter beyond the SQL': contradicting('INSERT INTO note (id, title, body) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title, body = excluded.body', P('title', 'body', 'pinned')),
    // The SQL writes pinned from a parameter the list does not give.
    'SQL beyond the parameters': contradicting('INSERT OR REPLACE INTO note (id, title, body, pinned) VALUES (?, ?, ?, ?)', P('title', 'body')),
    // Consistent, with pinned truly local-only: the trigger fixes may drop it (and only it).
    'consistent, pinned local': contradicting('INSERT OR REPLACE INTO note (id, title, body) VALUES (?, ?, ?)', P('title', 'body')),
  };
  let checked = 0;
  for (const [label, files] of Object.entries(cases)) checked += await assertSafeFixes(label, files);
  assert.ok(checked >= 4, `only ${checked} preferred fixes were checked`);
});

test('fix safety: every rule fixture and the example apps', async () => {
  const roots = [
    ...readdirSync(fixturePath()).filter((d) => /^(rule|kotlin-rule|dart-rule)-/.test(d)).map((d) => fixturePath(d)),
    path.join(repoRoot(), 'examples', 'todo-app'),
  ];
  let checked = 0;
  for (const root of roots) checked += await assertSafeFixes(path.basename(root), folderFiles(root));
  // Every fixable rule's fixture offers at least one preferred fix that was checked.
  assert.ok(checked >= 20, `only ${checked} preferred fixes were checked`);
});
