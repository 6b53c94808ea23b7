import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeActions } from '../../../server/src/lsp/code-actions';
import { toDiagnostic } from '../../../server/src/lsp/diagnostics';
import type { Finding } from '../../../server/src/findings/finding';

function finding(uri: string, line: number): Finding {
  return {
    rule: 'room-integration-version-mismatch',
    severity: 'error',
    message: 'The PowerSync Room integration cannot work with this project\'s Room.',
    loc: { uri, range: { start: { line, character: 0 }, end: { line, character: 21 } } },
    related: [],
    fixes: [],
  };
}

function disableText(uri: string, lineText: string): string | undefined {
  const f = finding(uri, 1);
  const actions = codeActions({ textDocument: { uri }, range: f.loc.range, context: { diagnostics: [toDiagnostic(f)] } }, [f], () => lineText);
  const disable = actions.find((a) => a.title === 'Disable room-integration-version-mismatch for this line');
  return disable?.edit?.changes?.[uri]?.[0]?.newText;
}

test('"disable for this line" writes the comment a version catalog reads (# in TOML), // elsewhere', () => {
  assert.equal(disableText('file:///w/gradle/libs.versions.toml', 'powersync = "1.14.1"'), '# rawsync-disable-next-line room-integration-version-mismatch\n');
  assert.equal(disableText('file:///w/app/build.gradle.kts', '    implementation("com.powersync:integration-room:1.14.1")'), '    // rawsync-disable-next-line room-integration-version-mismatch\n');
});
