import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSqlStatements, tokenizeSql } from '../../../server/src/sql/sql-text';
import { outlineCreateIndex, outlineCreateTable, outlineCreateTrigger, functionCalls, statementKind } from '../../../server/src/sql/sql-outline';

const kinds = (sql: string) => tokenizeSql(sql).map((t) => [t.kind, t.value]);

test('names in every quoting style come out unquoted', () => {
  assert.deepEqual(kinds('"a ""b""" `c``d` [e f] plain'), [
    ['identifier', 'a "b"'],
    ['identifier', 'c`d'],
    ['identifier', 'e f'],
    ['identifier', 'plain'],
  ]);
  assert.equal(tokenizeSql('"x"')[0].quoted, true);
});

test('keywords are upper-cased, strings unescaped, comments skipped', () => {
  assert.deepEqual(kinds("select 'it''s' -- note\n /* block ; */ from t;"), [
    ['keyword', 'SELECT'],
    ['string', "it's"],
    ['keyword', 'FROM'],
    ['identifier', 't'],
    ['punctuation', ';'],
  ]);
});

test('numbers, blobs, parameters and operators', () => {
  assert.deepEqual(kinds("1 2.5e-3 .5 0x1F x'AB' ? ?3 :name @v $w || -> ->> <> <= !="), [
    ['number', '1'], ['number', '2.5e-3'], ['number', '.5'], ['number', '0x1F'], ['blob', 'AB'],
    ['parameter', '?'], ['parameter', '?3'], ['parameter', ':name'], ['parameter', '@v'], ['parameter', '$w'],
    ['operator', '||'], ['operator', '->'], ['operator', '->>'], ['operator', '<>'], ['operator', '<='], ['operator', '!='],
  ]);
});

test('comments are returned when asked, and unterminated text is marked', () => {
  const tokens = tokenizeSql('-- rawsync-disable-next-line x\nselect /* open', { comments: true });
  assert.deepEqual(tokens.map((t) => t.kind), ['comment', 'keyword', 'comment']);
  assert.equal(tokens[0].value, ' rawsync-disable-next-line x');
  assert.equal(tokens[2].unterminated, true);
  assert.equal(tokenizeSql("select 'abc")[1].unterminated, true);
});

test('offsets point into the text', () => {
  const sql = 'select  "col"';
  const [, col] = tokenizeSql(sql);
  assert.equal(sql.slice(col.start, col.end), '"col"');
});

test('a script splits at semicolons but not inside a trigger body', () => {
  const script = `
    create table t(id text primary key); -- first
    ;;
    create trigger t_upd after update on t when new.id is not null begin
      select case when (old.id != new.id) then raise (fail, 'Cannot update id') end;
      insert into powersync_crud(op, id, type) values ('PATCH', new.id, 't');
    end;
    /* only a comment */
    select ';' as x`;
  const statements = splitSqlStatements(script);
  assert.equal(statements.length, 3);
  assert.equal(statements[0].text, 'create table t(id text primary key)');
  assert.match(statements[1].text, /^create trigger t_upd[\s\S]*end$/);
  assert.equal(statements[2].text, "select ';' as x");
  assert.equal(script.slice(statements[2].start, statements[2].end), statements[2].text);
});

test('empty and comment-only scripts have no statements', () => {
  assert.deepEqual(splitSqlStatements(''), []);
  assert.deepEqual(splitSqlStatements('  -- nothing\n/* here */ ; ;'), []);
});

test('statement kinds', () => {
  const kind = (sql: string) => statementKind(tokenizeSql(sql));
  assert.equal(kind('CREATE TABLE t(a)'), 'create-table');
  assert.equal(kind('create temp table t(a)'), 'create-table');
  assert.equal(kind('CREATE UNIQUE INDEX i ON t(a)'), 'create-index');
  assert.equal(kind('CREATE TRIGGER x AFTER INSERT ON t BEGIN SELECT 1; END'), 'create-trigger');
  assert.equal(kind('CREATE VIEW v AS SELECT 1'), 'create-view');
  assert.equal(kind('INSERT INTO t VALUES (1)'), 'other');
});

test('a CREATE TABLE outline finds the name, columns and which foreign keys are deferred', () => {
  const outline = outlineCreateTable(tokenizeSql(`CREATE TABLE IF NOT EXISTS main."todo" (
    id TEXT PRIMARY KEY NOT NULL,
    list_id TEXT REFERENCES lists(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    owner TEXT REFERENCES users NOT DEFERRABLE INITIALLY DEFERRED,
    tag TEXT REFERENCES tags(id) DEFERRABLE,
    price DECIMAL(10, 2) DEFAULT (0) CHECK (price >= 0),
    a INT, b INT,
    CONSTRAINT fk_ab FOREIGN KEY (a, b) REFERENCES pairs(x, y) DEFERRABLE INITIALLY DEFERRED
    FOREIGN KEY (b) REFERENCES other(z)
  )`));
  assert.ok(outline);
  assert.equal(outline.name.value, 'todo');
  assert.equal(outline.schema?.value, 'main');
  assert.equal(outline.ifNotExists, true);
  assert.deepEqual(outline.columns.map((c) => c.name.value), ['id', 'list_id', 'owner', 'tag', 'price', 'a', 'b']);
  assert.deepEqual(outline.columns[4].type.map((t) => t.text), ['DECIMAL', '(', '10', ',', '2', ')']);
  assert.deepEqual(outline.foreignKeys.map((fk) => [fk.childColumns, fk.parentTable, fk.parentColumns, fk.deferred]), [
    [['list_id'], 'lists', ['id'], true],
    [['owner'], 'users', [], false],
    [['tag'], 'tags', ['id'], false],
    [['a', 'b'], 'pairs', ['x', 'y'], true],
    [['b'], 'other', ['z'], false],
  ]);
});

test('a defer clause after other constraints still applies to the column foreign key', () => {
  const outline = outlineCreateTable(tokenizeSql('create table c(f int references p(id) not null deferrable initially deferred)'));
  assert.equal(outline?.foreignKeys[0].deferred, true);
});

test('a CREATE TRIGGER outline finds the table, the event and writes to powersync_crud', () => {
  const outline = outlineCreateTrigger(tokenizeSql(`CREATE TRIGGER IF NOT EXISTS "todo_update" AFTER UPDATE OF title ON "todo" FOR EACH ROW
    WHEN NOT powersync_in_sync_operation() BEGIN
    INSERT INTO powersync_crud(op, id, type, data) VALUES ('PATCH', NEW.id, 'todo', '{}');
  END`));
  assert.ok(outline);
  assert.deepEqual([outline.name.value, outline.table?.value, outline.timing, outline.event, outline.updateOf, outline.writesPowerSyncCrud],
    ['todo_update', 'todo', 'AFTER', 'UPDATE', ['title'], true]);
  const manual = outlineCreateTrigger(tokenizeSql("create trigger x before delete on t begin insert into main.powersync_crud_(data) values ('{}'); end"));
  assert.equal(manual?.writesPowerSyncCrud, true);
  assert.equal(manual?.timing, 'BEFORE');
  const other = outlineCreateTrigger(tokenizeSql('create trigger y after insert on t begin insert into audit(id) values (new.id); end'));
  assert.equal(other?.writesPowerSyncCrud, false);
});

test('a CREATE INDEX outline and function calls', () => {
  const index = outlineCreateIndex(tokenizeSql('CREATE UNIQUE INDEX IF NOT EXISTS `idx` ON `todo` (`title`)'));
  assert.deepEqual([index?.name.value, index?.table?.value, index?.unique], ['idx', 'todo', true]);
  const [call] = functionCalls(tokenizeSql("SELECT powersync_create_raw_table_crud_trigger(?, 'todo_insert', json('x', 1))"), 'powersync_create_raw_table_crud_trigger');
  assert.deepEqual(call.args.map((a) => a.map((t) => t.text).join(' ')), ['?', "'todo_insert'", "json ( 'x' , 1 )"]);
});
