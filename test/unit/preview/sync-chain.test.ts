import { test } from 'node:test';
import { checkJson } from '../../support/findings';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadEngine } from '../../../server/src/engine/sqljs';
import { simulatePreview } from '../../../server/src/engine/sync-scenario';
import { previewReport, type PreviewReport } from '../../../server/src/engine/preview-report';
import type { ChainRow, SyncChain } from '../../../server/src/engine/sync-chain';
import { relativeFile } from '../../../server/src/frontends/relative-file';
import { exampleVariant } from '../../support/fixture-variant';
import { fixturePath, repoRoot, wasmDir } from '../../support/paths';
import { modelOfFolder, stepOf } from './simulate';

const SCHEMA = 'shared/src/commonMain/kotlin/com/example/todo/sync/PowerSyncSchema.kt';
const CONFIG = 'powersync/sync-config.yaml';
const MIGRATION = 'supabase/migrations/20250601000000_todo_schema.sql';
const CALLBACK = 'shared/src/commonMain/kotlin/com/example/todo/data/RoomAsyncCallback.kt';

async function reportOf(dir: string): Promise<PreviewReport> {
  const model = await modelOfFolder(dir);
  return previewReport(model, simulatePreview(await loadEngine(wasmDir()), model), (uri) => relativeFile(uri, dir));
}

const example = (name: string) => path.join(repoRoot(), 'examples', name);

/** The 0-based line of the first line of `file` (under `dir`) that contains `text`. */
function lineOf(dir: string, file: string, text: string): number {
  const line = readFileSync(path.join(dir, file), 'utf8').split('\n').findIndex((l) => l.includes(text));
  assert.ok(line >= 0, `${text} in ${file}`);
  return line;
}

function chainOf(report: PreviewReport, rawTable: string): SyncChain {
  const chain = report.chains.find((c) => c.rawTable === rawTable);
  assert.ok(chain, `a chain for ${rawTable} among ${report.chains.map((c) => c.rawTable).join(', ')}`);
  return chain;
}

/** `postgres → output → put → local → upload` of a row, compact. */
function links(row: ChainRow): string {
  const postgres = row.postgres.state === 'column' ? row.postgres.column : row.postgres.state;
  const output = row.output.state === 'sent' ? `${row.output.name}:${row.output.type}${row.output.nullable ? '?' : ''}` : 'not-sent';
  const put = row.put.state === 'read' ? `${row.put.kind}${row.put.key === undefined ? '' : `(${row.put.key})`}` : row.put.state;
  const local = row.local.state === 'column' ? `${row.local.name}${row.local.notNull ? '!' : ''}` : row.local.state;
  const upload = row.upload.state === 'key' ? row.upload.key : row.upload.state;
  return [postgres, output, put, local, upload].join(' → ');
}

const brokenAt = (row: ChainRow) => row.breaks.map((b) => b.at);

test('todo-app: the chain shows the server\'s columns, and createdAt breaks it in red where it happens', async () => {
  const dir = example('todo-app');
  const report = await reportOf(dir);
  assert.deepEqual(report.chains.map((c) => [c.rawTable, c.unknown]), [['profile', undefined], ['todo_list', undefined], ['todo', undefined]]);

  const todo = chainOf(report, 'todo');
  assert.equal(todo.source, 'public.todo');
  assert.deepEqual(todo.queries, [{ definition: 'user_todos', kind: 'bucket', file: CONFIG, line: lineOf(dir, CONFIG, 'SELECT * FROM todo WHERE') }]);
  assert.deepEqual(todo.rows!.map(links), [
    'row-id → id:text → Id → id! → row-id',
    'public.todo.list_id → list_id:text → Column(list_id) → list_id! → nothing',
    'public.todo.title → title:text → Column(title) → title! → nothing',
    'public.todo.description → description:text? → Column(description) → description → nothing',
    'public.todo.completed → completed:integer → Column(completed) → completed! → nothing',
    'public.todo.created_at → created_at:integer → not-read → none → nothing',
    // Right below the column it was meant to read.
    'none → not-sent → Column(createdAt) → created_at! → nothing',
  ]);
  const [id, , , , , createdAt, camel] = todo.rows!;
  assert.deepEqual(brokenAt(id), []);
  assert.deepEqual(brokenAt(createdAt), ['put', 'upload']);
  assert.match(createdAt.breaks[0].reason, /sends 'created_at' for 'todo', but no put parameter reads it/);
  assert.deepEqual(brokenAt(camel), ['output', 'local', 'upload']);
  assert.match(camel.breaks[0].reason, /sends no 'createdAt' for 'todo' .*the put binds NULL on every row\. Did you mean 'created_at'\?/);
  assert.match(camel.breaks[1].reason, /todo\.created_at is NOT NULL and gets NULL from the key 'createdAt'/);
  // No trigger: a local insert queues nothing, which breaks the way back.
  assert.match(camel.breaks[2].reason, /A local insert into todo queued nothing in ps_crud/);
  // Each parameter links to where it is written.
  assert.deepEqual(camel.put.state === 'read' && camel.put.place, { file: SCHEMA, line: lineOf(dir, SCHEMA, 'Column("createdAt")') });

  // The rows the first sync sent: the server's created_at, never the put's createdAt; NULL where Postgres allows it.
  const samples = report.simulation.samples.find((s) => s.rawTable === 'todo')!;
  assert.equal(samples.source, 'sync-config');
  assert.deepEqual(samples.keys, ['list_id', 'title', 'description', 'completed', 'created_at']);
  for (const row of samples.rows) {
    assert.ok(!('createdAt' in row.data), JSON.stringify(row.data));
    assert.equal(typeof row.data.created_at, 'number');
    assert.equal(typeof row.data.completed, 'number');
  }
  assert.deepEqual(samples.rows.map((r) => r.data.description), ['description 1', 'description 2', null]);
  // The renamed address is sent under its new name only.
  assert.deepEqual(report.simulation.samples.find((s) => s.rawTable === 'profile')!.rows.map((r) => [r.data.email_address, 'email' in r.data]), [['email_address 1', false], ['email_address 2', false], [null, false]]);

  // And so the real first sync fails on the NULL the put binds.
  const first = stepOf(report.simulation, 'first-sync');
  assert.equal(first.ok, false);
  assert.match(first.error ?? '', /NOT NULL constraint failed: todo\.created_at/);
  const outcome = report.simulation.outcomes.find((o) => o.step === 'first-sync')!;
  assert.equal(outcome.kind, 'constraint');
  assert.match(outcome.message, /the put fills created_at from the key 'createdAt', which the sync config never sends for todo, so it binds NULL/);
});

test('todo-app-fixed: every link of every chain holds, and the uploaded keys are the ones a local insert queued', async () => {
  const report = await reportOf(example('todo-app-fixed'));
  for (const chain of report.chains) {
    assert.equal(chain.unknown, undefined, chain.rawTable);
    assert.deepEqual(chain.rows!.filter((r) => r.breaks.length > 0).map(links), [], chain.rawTable);
  }
  assert.deepEqual(chainOf(report, 'todo').rows!.map(links), [
    'row-id → id:text → Id → id! → row-id',
    'public.todo.list_id → list_id:text → Column(list_id) → list_id! → list_id',
    'public.todo.title → title:text → Column(title) → title! → title',
    'public.todo.description → description:text? → Column(description) → description → description',
    'public.todo.completed → completed:integer → Column(completed) → completed! → completed',
    'public.todo.created_at → created_at:integer → Column(created_at) → created_at! → created_at',
  ]);
  assert.deepEqual(report.simulation.outcomes, []);
  assert.ok(report.simulation.samples.every((s) => s.source === 'sync-config'));
});

test('a nullable Postgres column into a NOT NULL local column, and an uploaded key Postgres lacks, break the chain', async () => {
  const dir = exampleVariant('todo-app-fixed', {
    [MIGRATION]: (text) => text.replace('  title text not null,', '  title text,'),
    [CALLBACK]: (text) => text.replace("'title', NEW.title,\n                    'description'", "'titel', NEW.title,\n                    'description'"),
  });
  const report = await reportOf(dir);
  const rows = chainOf(report, 'todo').rows!;
  const title = rows.find((r) => r.output.state === 'sent' && r.output.name === 'title')!;
  assert.equal(links(title), 'public.todo.title → title:text? → Column(title) → title! → absent');
  assert.deepEqual(brokenAt(title), ['local', 'upload']);
  assert.match(title.breaks[0].reason, /Postgres allows NULL in public\.todo\.title .* todo\.title is NOT NULL/);
  assert.match(title.breaks[1].reason, /A local insert into todo uploads no 'title'/);
  // The key the trigger uploads instead: a row of its own, which Postgres has no column for.
  const titel = rows.find((r) => r.upload.state === 'key' && r.upload.key === 'titel')!;
  assert.equal(links(titel), 'none → not-sent → not-read → none → titel');
  assert.deepEqual(brokenAt(titel), ['upload']);
  assert.match(titel.breaks[0].reason, /The Postgres table public\.todo has no column 'titel'/);
  // The server's NULL title reaches the NOT NULL column in the first sync.
  assert.match(stepOf(report.simulation, 'first-sync').error ?? '', /NOT NULL constraint failed: todo\.title/);
  assert.match(report.simulation.outcomes.find((o) => o.step === 'first-sync')!.message, /the sync config sends NULL in 'title' where Postgres allows it \(public\.todo\.title\)/);
});

test('a DEFAULT on the NOT NULL column does not mend the break under an upsert put: the core still fails the checkpoint (as not-null-without-server-value says)', async () => {
  const dir = exampleVariant('todo-app-fixed', {
    [MIGRATION]: (text) => text.replace('  title text not null,', '  title text,'),
    ['shared/src/commonMain/kotlin/com/example/todo/data/TodoEntity.kt']: (text) => text.replace('    val title: String,', '    @ColumnInfo(defaultValue = "untitled") val title: String,'),
  });
  const report = await reportOf(dir);
  const title = chainOf(report, 'todo').rows!.find((r) => r.output.state === 'sent' && r.output.name === 'title')!;
  assert.deepEqual(brokenAt(title), ['local']);
  assert.match(stepOf(report.simulation, 'first-sync').error ?? '', /NOT NULL constraint failed: todo\.title/);
  assert.deepEqual(checkJson(dir).findings.filter((f) => f.rule === 'not-null-without-server-value').map((f) => f.message.slice(0, 40)), ["A NULL 'title' from the server fails the"]);
});

test('without a sync config the rows are guessed from the client and said to be, and no chain is drawn', async () => {
  const report = await reportOf(fixturePath('preview-sql-app'));
  assert.ok(report.simulation.samples.length > 0);
  for (const samples of report.simulation.samples) {
    assert.equal(samples.source, 'client', samples.rawTable);
    assert.equal(samples.reason, 'the workspace holds no sync config');
  }
  assert.ok(report.chains.length > 0);
  for (const chain of report.chains) {
    assert.equal(chain.unknown, 'the workspace holds no sync config');
    assert.equal(chain.rows, undefined);
  }
});

test('an output column no put reads breaks the chain, unless a Rest parameter keeps it', async () => {
  const FIXED_SCHEMA = SCHEMA;
  const dropped = await reportOf(exampleVariant('todo-app-fixed', {
    [FIXED_SCHEMA]: (text) => text
      .replace('INSERT INTO profile (id, name, email)\n        VALUES (?, ?, ?)', 'INSERT INTO profile (id, name)\n        VALUES (?, ?)')
      .replace('            name = excluded.name,\n            email = excluded.email', '            name = excluded.name')
      .replace('            PendingStatementParameter.Column("name"),\n            PendingStatementParameter.Column("email_address"),', '            PendingStatementParameter.Column("name"),'),
  }));
  const email = chainOf(dropped, 'profile').rows!.find((r) => r.output.state === 'sent' && r.output.name === 'email_address')!;
  assert.equal(links(email), 'public.profile.email_address → email_address:text? → not-read → none → email_address');
  assert.deepEqual(brokenAt(email), ['put']);
  assert.match(email.breaks[0].reason, /sends 'email_address' for 'profile', but no put parameter reads it: the core drops it on every row/);

  const rest = await reportOf(exampleVariant('todo-app-fixed', {
    [FIXED_SCHEMA]: (text) => text.replace('            PendingStatementParameter.Column("name"),\n            PendingStatementParameter.Column("email_address"),', '            PendingStatementParameter.Column("name"),\n            PendingStatementParameter.Rest,'),
  }));
  const kept = chainOf(rest, 'profile').rows!.find((r) => r.output.state === 'sent' && r.output.name === 'email_address')!;
  assert.equal(links(kept), 'public.profile.email_address → email_address:text? → Rest → email → email_address');
  assert.deepEqual(brokenAt(kept), []);
});
