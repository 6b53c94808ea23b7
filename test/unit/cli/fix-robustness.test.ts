import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../support/cli';
import { fixtureVariant } from '../../support/fixture-variant';

// `rawsync fix` on odd input: it stops, never grows a file by the same insertion twice, and
// leaves every byte it does not fix as it was.

const SCHEMA = 'src/commonMain/kotlin/com/example/habits/sync/HabitsSchema.kt';

function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(path.relative(dir, full), readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

test('rawsync fix with a stray U+FEFF in a schema file: a second and third run change nothing', () => {
  const dir = fixtureVariant('rule-missing-crud-triggers', { [SCHEMA]: (text) => text.replace('\nval ', '\n\uFEFFval ') });
  assert.ok(runCli(['fix', dir]).status !== null);
  const afterFirst = snapshot(dir);
  runCli(['fix', dir]);
  runCli(['fix', dir]);
  const afterThird = snapshot(dir);
  assert.deepEqual([...afterThird.keys()], [...afterFirst.keys()]);
  for (const [file, bytes] of afterFirst) assert.ok(afterThird.get(file)!.equals(bytes), `${file} changed on a later run`);
});

test('rawsync fix leaves a file that is not valid UTF-8 byte for byte as it was, and says so', () => {
  const dir = fixtureVariant('rule-missing-crud-triggers', {});
  const file = path.join(dir, SCHEMA);
  // An invalid byte in a comment: the file still declares its raw tables.
  const bytes = Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9]), Buffer.from('\n'), readFileSync(file)]);
  writeFileSync(file, bytes);
  const result = runCli(['fix', dir]);
  assert.ok(readFileSync(file).equals(bytes), 'the invalid UTF-8 file is untouched');
  assert.match(result.stderr, /not fixed: src\/commonMain\/kotlin\/com\/example\/habits\/sync\/HabitsSchema\.kt is not valid UTF-8/);
});

test('rawsync fix on a schema file cut off mid-way: the installer it appends is appended once, however often it runs', () => {
  // The cut leaves a syntax error that hides what is appended after it, so the finding stays; the
  // append replaces the final line break, and must still count as the same insertion.
  const notes = 'src/commonMain/kotlin/com/example/notes/sync/NotesSchema.kt';
  const dir = fixtureVariant('rule-missing-clear', { [notes]: (text) => text.slice(0, 893) });
  runCli(['fix', dir]);
  const afterFirst = readFileSync(path.join(dir, notes), 'utf8');
  assert.equal(afterFirst.split('fun installNoteCrudTriggers(').length - 1, 1, 'one installer after the first run');
  runCli(['fix', dir]);
  assert.equal(readFileSync(path.join(dir, notes), 'utf8'), afterFirst, 'a second run changes nothing');
});
