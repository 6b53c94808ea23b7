import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import { findingsToSarif } from '../../../server/src/cli/format-sarif';
import type { Finding } from '../../../server/src/findings/finding';
import { repoRoot } from '../../support/paths';

/** The published schema's `language` pattern is invalid under the `u` flag, hence unicodeRegExp: false. */
function sarifSchema(): object {
  const file = path.join(repoRoot(), 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
  return JSON.parse(readFileSync(file, 'utf8'));
}

const base = '/work/app';
const at = (line: number) => ({
  uri: pathToFileURL(path.join(base, 'src/commonMain/kotlin/Schema.kt')).href,
  range: { start: { line, character: 4 }, end: { line, character: 20 } },
});

test('SARIF output validates against the SARIF 2.1.0 schema', () => {
  const findings: Finding[] = [
    { rule: 'put-not-upsert', severity: 'error', message: 'The put is a plain INSERT.', loc: at(3), related: [{ loc: at(9), message: 'the entity' }], fixes: [] },
    { rule: 'missing-clear', severity: 'info', message: 'No clear.', loc: at(5), related: [], fixes: [] },
  ];
  const sarif = JSON.parse(findingsToSarif(findings, base));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  const validate = ajv.compile(sarifSchema());
  assert.equal(validate(sarif), true, JSON.stringify(validate.errors, null, 2));
  const result = sarif.runs[0].results[0];
  assert.equal(result.level, 'error');
  assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'src/commonMain/kotlin/Schema.kt');
  assert.equal(result.locations[0].physicalLocation.region.startLine, 4);
  assert.equal(sarif.runs[0].results[1].level, 'note');
});

test('an invalid SARIF document is rejected by the same validator', () => {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  const validate = ajv.compile(sarifSchema());
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: {} }] }), false);
});
