import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '../../server/src/rules/index';
import { COMMANDS, commandContributions, configurationContribution, languageContributions, walkthroughContributions } from '../../client/src/manifest/contributions';
import { LANGUAGE_PLUGINS } from '../../server/src/frontends/registry';
import { README_SECTIONS, readmeTables, readSection } from '../../client/src/manifest/readme-tables';
import { repoRoot } from '../support/paths';

const REGENERATE = 'run `node scripts/write-manifest.mjs` and commit the result';

function packageJson() {
  return JSON.parse(readFileSync(path.join(repoRoot(), 'package.json'), 'utf8'));
}

test('package.json declares a rawsync.rules.<id> setting for every registered rule, and no other rule setting', () => {
  const properties = packageJson().contributes?.configuration?.properties ?? {};
  const declared = Object.keys(properties).filter((k) => k.startsWith('rawsync.rules.')).sort();
  const expected = RULES.map((r) => `rawsync.rules.${r.meta.id}`).sort();
  assert.deepEqual(declared, expected, `rule settings drifted from server/src/rules/index.ts: ${REGENERATE}`);
  for (const rule of RULES) {
    // The setting defaults to the rule's own severity, which may depend on the code; a fixed level would override it.
    assert.equal(properties[`rawsync.rules.${rule.meta.id}`].default, 'default', `default of ${rule.meta.id}`);
  }
});

test('package.json contributes.configuration is exactly what the rule registry generates', () => {
  const generated = configurationContribution(RULES.map((r) => r.meta));
  assert.deepEqual(packageJson().contributes?.configuration, generated, `contributes.configuration drifted: ${REGENERATE}`);
  for (const [key, setting] of Object.entries(generated.properties)) {
    assert.ok(setting.scope, `${key} has a scope`);
    assert.ok(setting.markdownDescription.length > 20, `${key} has a description`);
  }
  for (const key of ['rawsync.exclude', 'rawsync.maxFileSizeKb', 'rawsync.trace.server']) assert.ok(key in generated.properties, key);
});

test('package.json contributes the Rawsync commands under the Rawsync category', () => {
  assert.deepEqual(packageJson().contributes?.commands, commandContributions(), `contributes.commands drifted: ${REGENERATE}`);
  const ids = COMMANDS.map((c) => c.command);
  assert.deepEqual(ids, ['rawsync.restartServer', 'rawsync.checkWorkspace', 'rawsync.previewDatabase', 'rawsync.showOutput', 'rawsync.openRuleDoc', 'rawsync.fixAllInFile']);
});

test("the README's settings and commands tables are generated from package.json", () => {
  const readme = readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
  const tables = readmeTables(packageJson());
  for (const name of README_SECTIONS) {
    const section = readSection(readme, name);
    assert.ok(section !== undefined, `README.md has the ${name} markers`);
    assert.equal(section, tables[name], `README ${name} table drifted: ${REGENERATE}`);
  }
  assert.match(tables.settings, /`rawsync\.rules\.put-not-upsert`/);
  assert.match(tables.commands, /Rawsync: Check Workspace/);
});

test('activation, engine and language contributions fit code-server 4.100 and Kotlin workspaces', () => {
  const pkg = packageJson();
  assert.equal(pkg.engines.vscode, '^1.100.0');
  assert.ok(pkg.activationEvents.includes('onLanguage:kotlin'));
  assert.ok(pkg.activationEvents.includes('onLanguage:java'), 'activates on Java files (Room entities in Java)');
  assert.ok(pkg.activationEvents.some((e: string) => /^workspaceContains:.*\.gradle(\.kts)?$/.test(e)), 'activates on Gradle workspaces');
  const kotlin = pkg.contributes.languages.find((l: { id: string }) => l.id === 'kotlin');
  assert.deepEqual(kotlin?.extensions, ['.kt', '.kts']);
  assert.equal(pkg.main, './dist/extension.js');
});

test('activation events and the document selector are what the language registry generates', () => {
  const generated = languageContributions(LANGUAGE_PLUGINS);
  assert.deepEqual(packageJson().activationEvents, generated.activationEvents, `activationEvents drifted: ${REGENERATE}`);
  const selector = JSON.parse(readFileSync(path.join(repoRoot(), 'client', 'src', 'manifest', 'languages.json'), 'utf8'));
  assert.deepEqual(selector.documentSelector, generated.documentSelector, `client/src/manifest/languages.json drifted: ${REGENERATE}`);
  // Every language the registry reads reaches the server: by VS Code language id or by file glob.
  for (const plugin of LANGUAGE_PLUGINS) {
    const covered = generated.documentSelector.some((f) => ('language' in f ? plugin.editor.languageIds?.includes(f.language) : plugin.files.globs.includes(f.pattern)));
    assert.ok(covered, `the document selector covers ${plugin.files.globs.join(', ')}`);
  }
  assert.ok(generated.activationEvents.includes('onLanguage:java'), 'activates on Java files (Room entities in Java)');
});

test('the Get started walkthrough: open the preview, run a fix, read a rule page, each step bound to a real command', () => {
  const walkthroughs = packageJson().contributes?.walkthroughs;
  assert.deepEqual(walkthroughs, walkthroughContributions(), `contributes.walkthroughs drifted: ${REGENERATE}`);
  const [walkthrough] = walkthroughs as ReturnType<typeof walkthroughContributions>;
  assert.deepEqual(walkthrough.steps.map((s) => s.id), ['previewDatabase', 'runFix', 'readRuleDoc']);
  const ours = new Set(COMMANDS.map((c) => c.command));
  // Commands of VS Code itself a step may name: the Problems view and the editor's Quick Fix.
  const editors = new Set(['workbench.actions.view.problems', 'editor.action.quickFix']);
  for (const step of walkthrough.steps) {
    assert.ok(step.completionEvents.length > 0, `${step.id} has completion events`);
    assert.ok(step.completionEvents.some((e) => ours.has(e.replace(/^onCommand:/, ''))), `${step.id} is completed by a Rawsync command`);
    for (const event of step.completionEvents) {
      assert.match(event, /^onCommand:/);
      const command = event.slice('onCommand:'.length);
      assert.ok(ours.has(command) || editors.has(command), `${step.id}: ${command} is a Rawsync command or the editor's own`);
    }
    const buttons = [...step.description.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
    assert.ok(buttons.some((c) => ours.has(c)), `${step.id} has a button running a Rawsync command`);
    for (const command of buttons) assert.ok(ours.has(command) || editors.has(command), `${step.id}: button ${command}`);
    const media = path.join(repoRoot(), step.media.markdown);
    assert.ok(existsSync(media), `${step.media.markdown} exists`);
    for (const [, image] of readFileSync(media, 'utf8').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) {
      assert.ok(existsSync(path.resolve(path.dirname(media), image)), `${step.media.markdown}: ${image} exists`);
    }
  }
  const files: string[] = packageJson().files;
  assert.ok(files.some((f) => walkthrough.steps.every((s) => s.media.markdown.startsWith(f))), 'package.json files ships the walkthrough media');
});
