// Writes package.json's contributes.commands, contributes.walkthroughs and contributes.configuration (one rawsync.rules.<id>
// setting per rule in server/src/rules/index.ts), its activationEvents and the client's document
// selector (client/src/manifest/languages.json) from the language registry
// (server/src/frontends/registry.ts), and the README's settings and commands tables.
// Usage: node scripts/write-manifest.mjs [--check]   (--check: exit 1 if anything would change)
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const check = process.argv.includes('--check');

// The sources are TypeScript: bundle the few modules needed into one CommonJS file and load it.
const bundle = path.join(root, 'out', 'manifest', 'manifest.cjs');
mkdirSync(path.dirname(bundle), { recursive: true });
await esbuild.build({
  stdin: {
    contents: [
      "export { RULES } from './server/src/rules/index';",
      "export { LANGUAGE_PLUGINS } from './server/src/frontends/registry';",
      "export { commandContributions, configurationContribution, languageContributions, walkthroughContributions } from './client/src/manifest/contributions';",
      "export { readmeTables, writeSection, README_SECTIONS } from './client/src/manifest/readme-tables';",
    ].join('\n'),
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  outfile: bundle,
  logLevel: 'warning',
});
const manifest = createRequire(import.meta.url)(bundle);

const pkgPath = path.join(root, 'package.json');
const pkgText = readFileSync(pkgPath, 'utf8');
const pkg = JSON.parse(pkgText);
pkg.contributes ??= {};
pkg.contributes.commands = manifest.commandContributions();
pkg.contributes.configuration = manifest.configurationContribution(manifest.RULES.map((r) => r.meta));
pkg.contributes.walkthroughs = manifest.walkthroughContributions();
const languages = manifest.languageContributions(manifest.LANGUAGE_PLUGINS);
pkg.activationEvents = languages.activationEvents;
const newPkgText = JSON.stringify(pkg, null, 2) + '\n';

// The client's document selector, from the same registry (the client bundle stays free of the parsers).
const selectorPath = path.join(root, 'client', 'src', 'manifest', 'languages.json');
const selectorText = (() => { try { return readFileSync(selectorPath, 'utf8'); } catch { return ''; } })();
const newSelectorText = JSON.stringify({ documentSelector: languages.documentSelector }, null, 2) + '\n';

const readmePath = path.join(root, 'README.md');
const readmeText = readFileSync(readmePath, 'utf8');
const tables = manifest.readmeTables(pkg);
let newReadmeText = readmeText;
for (const name of manifest.README_SECTIONS) newReadmeText = manifest.writeSection(newReadmeText, name, tables[name]);

const changed = [];
if (newPkgText !== pkgText) changed.push('package.json');
if (newReadmeText !== readmeText) changed.push('README.md');
if (newSelectorText !== selectorText) changed.push('client/src/manifest/languages.json');
if (check) {
  if (changed.length) {
    console.error(`write-manifest: ${changed.join(' and ')} out of date; run node scripts/write-manifest.mjs`);
    process.exit(1);
  }
  console.log('write-manifest: package.json, README.md and client/src/manifest/languages.json are up to date');
} else {
  if (newPkgText !== pkgText) writeFileSync(pkgPath, newPkgText);
  if (newReadmeText !== readmeText) writeFileSync(readmePath, newReadmeText);
  if (newSelectorText !== selectorText) writeFileSync(selectorPath, newSelectorText);
  console.log(changed.length ? `write-manifest: wrote ${changed.join(' and ')}` : 'write-manifest: nothing to change');
}
