import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson, fixtureFindings } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';

const RULE = 'put-column-not-synced';
const CONFIG = 'powersync/sync-config.yaml';
const INIT = 'supabase/migrations/20250101000000_init.sql';

const found = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === RULE);
const places = (findings: ReturnType<typeof found>) => findings.map((f) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character}`);

/** The sync config of the fixtures written as sync streams (edition 3). */
const STREAMS = `config:
  edition: 3
streams:
  lists:
    auto_subscribe: true
    query: SELECT * FROM lists WHERE owner_id = auth.user_id()
  todos:
    auto_subscribe: true
    query: SELECT id, list_id, title, completed, source_url, created_at FROM todos WHERE list_id IN (SELECT id FROM lists WHERE owner_id = auth.user_id())
`;

test('bucket definitions: a put key and a syncedColumns entry the sync config does not send, with the close name', () => {
  const findings = fixtureFindings('rule-put-column-not-synced', RULE);
  assert.deepEqual(places(findings), ['src/schema.ts:9:65', 'src/schema.ts:14:29']);
  assert.equal(
    findings[0].message,
    "Synced rows of 'todos' never carry 'sourceUrl': it is bound NULL on every row. The put of raw table 'todos' (src/schema.ts) reads column 'sourceUrl', which no query of the sync config (powersync/sync-config.yaml) sends for 'todos'. The sync config sends 'list_id', 'title', 'completed', 'source_url', 'created_at'; did you mean 'source_url'? Column names are matched exactly, case included.",
  );
  // SELECT * sends every column of the table as the migrations leave it (the renamed and added ones too).
  assert.equal(
    findings[1].message,
    "Synced rows of 'lists' never carry 'createdAt': it is bound NULL on every row. The syncedColumns entry of raw table 'lists' (src/schema.ts) reads column 'createdAt', which no query of the sync config (powersync/sync-config.yaml) sends for 'lists'. The sync config sends 'name', 'created_at', 'owner_id'; did you mean 'created_at'? Column names are matched exactly, case included.",
  );
  // The other end: the query that outputs the table, at its place in the YAML.
  assert.deepEqual(findings[0].related.map((r) => [r.file, r.range.start.line + 1, r.range.start.character, r.message]), [[CONFIG, 6, 8, "a query of bucket 'user_lists' that outputs 'todos' without 'sourceUrl'"]]);
  // The other end of the chain is judged by this rule alone: statement-invalid's guess from local names stays out.
  assert.deepEqual(checkJson(fixtureFindingsDir('rule-put-column-not-synced')).findings.filter((f) => f.rule === 'statement-invalid'), []);
});

test('bucket definitions: the fixed twin is clean', () => {
  assert.deepEqual(fixtureFindings('rule-put-column-not-synced-ok', RULE), []);
});

test('sync streams: the same findings', () => {
  assert.deepEqual(places(found(fixtureVariant('rule-put-column-not-synced', { [CONFIG]: STREAMS }))), ['src/schema.ts:9:65', 'src/schema.ts:14:29']);
});

test('sync streams: the fixed twin is clean', () => {
  assert.deepEqual(found(fixtureVariant('rule-put-column-not-synced-ok', { [CONFIG]: STREAMS })), []);
});

test('an alias the query writes in camelCase is folded to lower case, as Postgres and the service do', () => {
  const camel = fixtureVariant('rule-put-column-not-synced', { [CONFIG]: replacing('source_url, created_at FROM todos', 'source_url AS sourceUrl, created_at FROM todos') });
  const findings = found(camel);
  assert.deepEqual(places(findings), ['src/schema.ts:9:65', 'src/schema.ts:14:29']);
  assert.match(findings[0].message, /reads column 'sourceUrl'.*sends 'list_id', 'title', 'completed', 'sourceurl', 'created_at'; did you mean 'sourceurl'\?/);
});

test('silent when the output columns are not all known: no migrations, an unread statement, a table the migrations do not create', () => {
  const noMigrations = fixtureVariant('rule-put-column-not-synced', { [INIT]: null, 'supabase/migrations/20250201000000_todo_source.sql': null });
  assert.deepEqual(found(noMigrations), []);
  const doBlock = fixtureVariant('rule-put-column-not-synced', { 'supabase/migrations/20250301000000_more.sql': "do $$ begin execute 'alter table todos add column x text'; end $$;\n" });
  assert.deepEqual(found(doBlock), []);
  // What was not followed is said, at the statement.
  assert.deepEqual(
    checkJson(doBlock).findings.filter((f) => f.rule === 'not-analyzed').map((f) => [f.file, f.range.start.line + 1, f.message]),
    [['supabase/migrations/20250301000000_more.sql', 1, 'Not checked: the Postgres tables from this statement on, against the sync config. A DO block may change tables in ways not followed.']],
  );
  // A table the migrations do not create leaves that output's columns unknown, and only that output's:
  // 'lists' is still checked.
  const dashboard = fixtureVariant('rule-put-column-not-synced', { [CONFIG]: replacing('FROM todos WHERE', 'FROM dashboard_todos AS todos WHERE') });
  assert.deepEqual(places(found(dashboard)), ['src/schema.ts:14:29']);
  assert.deepEqual(
    checkJson(dashboard).findings.filter((f) => f.rule === 'not-analyzed').map((f) => [f.file, f.range.start.line + 1, f.message]),
    [[CONFIG, 6, "Not checked: raw table 'todos' against the columns this sync config sends for it. The migrations do not create public.dashboard_todos."]],
  );
  const broken = fixtureVariant('rule-put-column-not-synced', { [INIT]: replacing('create table public.todos (', 'create tabel public.todos (') });
  assert.deepEqual(found(broken), []);
  assert.deepEqual(
    checkJson(broken).findings.filter((f) => f.rule === 'not-analyzed').map((f) => [f.file, f.range.start.line + 1, f.message]),
    [[INIT, 10, 'Not checked: the Postgres tables from this statement on, against the sync config. Postgres\'s parser rejects this migration (syntax error at or near "tabel").']],
  );
  // Without a sync config, migrations Postgres rejects are no concern of Rawsync's.
  const noConfig = fixtureVariant('rule-put-column-not-synced', { [INIT]: replacing('create table public.todos (', 'create tabel public.todos ('), [CONFIG]: null });
  assert.deepEqual(checkJson(noConfig).findings.filter((f) => f.file.startsWith('supabase/')), []);
});

test('the migrations are applied in order: a column dropped later is not sent', () => {
  const dir = fixtureVariant('rule-put-column-not-synced-ok', {
    [CONFIG]: replacing('- SELECT * FROM lists WHERE id = bucket.list_id', '- SELECT * FROM lists WHERE id = bucket.list_id\n      - SELECT * FROM todos WHERE list_id = bucket.list_id'),
    'supabase/migrations/20250301000000_drop_source.sql': 'alter table public.todos drop column source_url;\n',
  });
  // The explicit query still names source_url (the compiler warns), the SELECT * no longer sends it.
  const messages = checkJson(dir).findings.filter((f) => f.rule === 'sync-config-invalid').map((f) => f.message);
  assert.ok(messages.some((m) => m.includes('Column not found: source_url')), messages.join('\n'));
});

test('a workspace without a backend gets no finding from the backend rules', () => {
  const dir = fixtureVariant('rule-put-column-not-synced', { [CONFIG]: null, [INIT]: null, 'supabase/migrations/20250201000000_todo_source.sql': null });
  assert.deepEqual(checkJson(dir).findings.filter((f) => f.rule === RULE || f.rule === 'sync-config-invalid'), []);
});

function fixtureFindingsDir(name: string): string {
  return fixtureVariant(name, { 'src/database.ts': (text) => `${text}\n` });
}
