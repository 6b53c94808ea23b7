// Every documentation link Rawsync ships resolves: the settings' descriptions in package.json, the
// README and the docs. A rule's page is docs/rules/<id>.md, shipped in the VSIX and the npm package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '../../server/src/rules/index';
import { OPEN_RULE_DOC_COMMAND, ruleDocCommandUri, ruleIdOfDocUri } from '../../client/src/rule-docs';
import { readmeDescription } from '../../client/src/manifest/readme-tables';
import { repoRoot } from '../support/paths';

const root = repoRoot();

/** The targets of the markdown links (and images) in a text, code spans and fences left out. */
function markdownLinks(text: string): string[] {
  const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '``');
  return [...prose.matchAll(/!?\[(?:[^\][]|\[[^\]]*\])*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
}

/** The rule page's first line names the rule. */
function assertRulePage(file: string, id: string): void {
  assert.ok(existsSync(file), `${file} exists`);
  assert.equal(readFileSync(file, 'utf8').split('\n')[0], `# \`${id}\``, `${file} is the page of ${id}`);
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? markdownFiles(full) : name.endsWith('.md') ? [full] : [];
  });
}

test('every rule has its page at meta.docs, titled with its id', () => {
  for (const { meta } of RULES) {
    assert.equal(meta.docs, `docs/rules/${meta.id}.md`);
    assertRulePage(path.join(root, meta.docs), meta.id);
  }
});

test("each rule setting's description links to the rule page through rawsync.openRuleDoc, and no setting links to the web", () => {
  const properties: Record<string, { markdownDescription?: string; description?: string }> =
    JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).contributes.configuration.properties;
  for (const [key, setting] of Object.entries(properties)) {
    for (const link of markdownLinks(setting.markdownDescription ?? setting.description ?? '')) {
      assert.ok(link.startsWith(`command:${OPEN_RULE_DOC_COMMAND}?`), `${key} links to ${link}`);
      const [id] = JSON.parse(decodeURIComponent(link.slice(link.indexOf('?') + 1)));
      assertRulePage(path.join(root, 'docs', 'rules', `${id}.md`), id);
    }
  }
  for (const { meta } of RULES) {
    const description = properties[`rawsync.rules.${meta.id}`].markdownDescription ?? '';
    assert.ok(description.includes(`(${ruleDocCommandUri(meta.id)})`), `rawsync.rules.${meta.id} links to its page`);
    // In the README the same link is a relative link to the page.
    assert.ok(readmeDescription(description).includes(`(docs/rules/${meta.id}.md)`), `README row of ${meta.id}`);
  }
});

test('every relative link of README.md, CHANGELOG.md, docs/ and the walkthrough media resolves to a file of the repository, and none points at a repository that does not exist', () => {
  const files = [path.join(root, 'README.md'), path.join(root, 'CHANGELOG.md'), path.join(root, 'examples', 'README.md'), ...markdownFiles(path.join(root, 'docs')), ...markdownFiles(path.join(root, 'media'))].filter(existsSync);
  let checked = 0;
  for (const file of files) {
    for (const link of markdownLinks(readFileSync(file, 'utf8'))) {
      assert.doesNotMatch(link, /github\.com\/rawsync\b/, `${path.relative(root, file)} links to ${link}, which does not exist`);
      if (/^[a-z][\w+.-]*:/i.test(link) || link.startsWith('#')) continue;
      const target = path.resolve(path.dirname(file), decodeURIComponent(link.split('#')[0]));
      assert.ok(existsSync(target), `${path.relative(root, file)} links to ${link}, which is not in the repository`);
      checked++;
    }
  }
  assert.ok(checked >= RULES.length, `the README's rule links were checked (${checked} links)`);
});

test('a rule page URI maps to its rule id and back to the command', () => {
  assert.equal(ruleIdOfDocUri('/opt/ext/docs/rules/put-not-upsert.md'), 'put-not-upsert');
  assert.equal(ruleIdOfDocUri('file:///c%3A/ext/docs/rules/fk-not-deferrable.md'), 'fk-not-deferrable');
  assert.equal(ruleIdOfDocUri('/opt/ext/docs/facts.md'), undefined);
  assert.equal(ruleIdOfDocUri('/opt/ext/docs/rules/../facts.md'), undefined);
  assert.equal(ruleDocCommandUri('missing-clear'), 'command:rawsync.openRuleDoc?%5B%22missing-clear%22%5D');
});
