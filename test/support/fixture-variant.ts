import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixturePath, repoRoot } from './paths';

/** What to do with one file of the copy: new text, a change of the old text, or `null` to delete it. */
export type FileEdit = string | ((text: string) => string) | null;

const copies: string[] = [];
process.on('exit', () => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/**
 * A copy of a fixture under test/fixtures/ in a temporary folder, with some files edited: a variant
 * that differs from the fixture in one place. An edit that changes nothing throws, so a variant
 * never silently equals its fixture.
 */
export function fixtureVariant(fixture: string, edits: Record<string, FileEdit>): string {
  return variantOf(fixturePath(fixture), fixture, edits);
}

/** The same for an app under examples/ (`web-app`, `flutter-app-fixed`, …). */
export function exampleVariant(example: string, edits: Record<string, FileEdit>): string {
  return variantOf(path.join(repoRoot(), 'examples', example), example, edits);
}

function variantOf(source: string, fixture: string, edits: Record<string, FileEdit>): string {
  const dir = mkdtempSync(path.join(tmpdir(), `rawsync-${fixture}-`));
  copies.push(dir);
  cpSync(source, dir, { recursive: true });
  for (const [name, edit] of Object.entries(edits)) {
    const file = path.join(dir, name);
    if (edit === null) {
      rmSync(file);
      continue;
    }
    if (typeof edit === 'string') {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, edit);
      continue;
    }
    const before = readFileSync(file, 'utf8');
    const after = edit(before);
    if (after === before) throw new Error(`the edit of ${name} in ${fixture} changes nothing`);
    writeFileSync(file, after);
  }
  return dir;
}

/** An edit that replaces the one occurrence of `from` with `to`; throws when `from` is not there once. */
export function replacing(from: string, to: string): (text: string) => string {
  return (text) => {
    const at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`expected exactly one '${from}'`);
    return text.slice(0, at) + to + text.slice(at + from.length);
  };
}
