import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { excludeMatcher } from '../../../server/src/frontends/exclude-globs';
import { scanWorkspace } from '../../../server/src/frontends/workspace-files';
import { repoRoot } from '../../support/paths';

test('rawsync.exclude globs skip matching files and folders', () => {
  const exclude = excludeMatcher(['**/iosMain/**', '**/*Invalidator.kt'])!;
  assert.equal(exclude('shared/src/iosMain'), true);
  assert.equal(exclude('shared/src/iosMain/kotlin/A.kt'), true);
  assert.equal(exclude('shared/src/commonMain/kotlin/sync/PowerSyncDatabaseInvalidator.kt'), true);
  assert.equal(exclude('shared/src/commonMain/kotlin/sync/PowerSyncSchema.kt'), false);
  assert.equal(excludeMatcher(['', ' ']), undefined);

  const root = mkdtempSync(path.join(tmpdir(), 'rawsync-exclude-'));
  cpSync(path.join(repoRoot(), 'examples', 'todo-app'), root, { recursive: true });
  const all = scanWorkspace(root).map((f) => path.relative(root, f.path));
  const kept = scanWorkspace(root, { exclude }).map((f) => path.relative(root, f.path));
  assert.ok(all.some((f) => f.includes('iosMain')));
  assert.ok(!kept.some((f) => f.includes('iosMain') || f.endsWith('Invalidator.kt')));
  assert.equal(kept.length, all.length - all.filter((f) => f.includes('iosMain') || f.endsWith('Invalidator.kt')).length);
});
