// put-column-not-synced on a Dart app: the Flutter example's raw tables (an inferred table with
// syncedColumns, an explicit put whose PendingStatementValue.column keys come from a list) against a
// backend of our own, in the sync-streams form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkJson } from '../../support/findings';
import { repoRoot } from '../../support/paths';

const MIGRATION = `create table public.lists (id uuid primary key, name text not null, owner_id uuid);
create table public.todos (id uuid primary key, list_id uuid not null references public.lists (id), description text, completed boolean not null default false);
`;

const config = (todoQuery: string) => `config:
  edition: 3
streams:
  lists:
    auto_subscribe: true
    query: SELECT * FROM lists WHERE owner_id = auth.user_id()
  todos:
    auto_subscribe: true
    query: ${todoQuery}
`;

const copies: string[] = [];
process.on('exit', () => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

function flutterAppWith(syncConfig: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rawsync-flutter-backend-'));
  copies.push(dir);
  cpSync(path.join(repoRoot(), 'examples', 'flutter-app-fixed'), dir, { recursive: true });
  mkdirSync(path.join(dir, 'supabase', 'migrations'), { recursive: true });
  writeFileSync(path.join(dir, 'supabase', 'migrations', '20250101000000_init.sql'), MIGRATION);
  mkdirSync(path.join(dir, 'powersync'));
  writeFileSync(path.join(dir, 'powersync', 'sync-config.yaml'), syncConfig);
  return dir;
}

const backendFindings = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === 'put-column-not-synced' || f.rule === 'sync-config-invalid');

test('Dart: the keys the app reads are what the server sends: nothing to say', () => {
  const dir = flutterAppWith(config('SELECT * FROM todos WHERE list_id IN (SELECT id FROM lists WHERE owner_id = auth.user_id())'));
  assert.deepEqual(backendFindings(dir), []);
});

test('Dart: the server renames completed to done: the column(c) built from the list is the one that misses', () => {
  const dir = flutterAppWith(config('SELECT id, list_id, description, completed AS done FROM todos WHERE list_id IN (SELECT id FROM lists WHERE owner_id = auth.user_id())'));
  const findings = backendFindings(dir);
  assert.deepEqual(findings.map((f) => `${f.rule} ${f.file}:${f.range.start.line + 1}`), ['put-column-not-synced lib/powersync/schema.dart:34']);
  assert.match(findings[0].message, /^Synced rows of 'todos' never carry 'completed': .*The sync config sends 'list_id', 'description', 'done'\.$/);
});
