import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSettings } from '../../../server/src/lsp/settings';

test('"default" leaves a rule its own (code-dependent) severity; levels and bad values are read strictly', () => {
  const settings = readSettings({ rules: { 'schema-order': 'default', 'missing-clear': 'off', 'put-not-upsert': 'warning', x: 'loud' }, maxFileSizeKb: -1, exclude: ['**/build/**', 3] });
  assert.deepEqual(settings.rules, { 'missing-clear': 'off', 'put-not-upsert': 'warning' });
  assert.equal(settings.maxFileSizeKb, 2048);
  assert.deepEqual(settings.exclude, ['**/build/**']);
  assert.deepEqual(readSettings(undefined).rules, {});
});
