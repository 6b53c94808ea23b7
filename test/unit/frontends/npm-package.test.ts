import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractNpmPackageFacts } from '../../../server/src/frontends/npm-package/index';
import { languageOf } from '../../../server/src/frontends/registry';

const read = (name: string, text: string) => extractNpmPackageFacts(`file:///w/${name}`, `/w/${name}`, text, 'unknown');
const packages = (name: string, text: string) => (read(name, text).npmPackages ?? []).map((p) => `${p.name} ${p.version} ${p.source} ${p.loc.range.start.line}:${p.loc.range.start.character}`);

test('npm-package: package.json and the lockfiles are read by this plugin', () => {
  for (const name of ['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock']) assert.equal(languageOf(`/w/app/${name}`), 'npm-package', name);
  assert.equal(languageOf('/w/app/tsconfig.json'), 'tsconfig');
});

test('npm-package: package.json declares @powersync/* dependencies and devDependencies, ranges as written', () => {
  const text = '{\n  "name": "app",\n  "dependencies": {\n    "react": "^18.0.0",\n    "@powersync/web": "^1.35.0"\n  },\n  "devDependencies": { "@powersync/common": "1.48.0" }\n}\n';
  assert.deepEqual(packages('package.json', text), ['@powersync/web ^1.35.0 declared 4:4', '@powersync/common 1.48.0 declared 6:23']);
  assert.equal(read('package.json', '{ "name": "no-powersync" }').npmPackages, undefined);
});

test('npm-package: package-lock.json v3 lists every installed copy, v1 its nested dependencies', () => {
  const v3 = JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/@powersync/web': { version: '1.34.2' }, 'node_modules/@powersync/web/node_modules/@powersync/common': { version: '1.47.0' }, 'node_modules/@powersync/local': { link: true, version: '0.0.0' } } }, null, 2);
  assert.deepEqual(packages('package-lock.json', v3).map((p) => p.split(' ').slice(0, 3).join(' ')), ['@powersync/web 1.34.2 resolved', '@powersync/common 1.47.0 resolved']);
  const v1 = JSON.stringify({ lockfileVersion: 1, dependencies: { '@powersync/web': { version: '1.34.2', dependencies: { '@powersync/common': { version: '1.47.0' } } } } });
  assert.deepEqual(packages('package-lock.json', v1).map((p) => p.split(' ').slice(0, 2).join(' ')), ['@powersync/web 1.34.2', '@powersync/common 1.47.0']);
});

test('npm-package: pnpm-lock.yaml keys of v9, v6 (peer suffix) and v5', () => {
  const text = ['lockfileVersion: 5.4', 'packages:', '  /@powersync/common/1.47.0:', '    resolution: {integrity: a}', "  '/@powersync/react@1.5.0(react@18.2.0)':", '    resolution: {integrity: b}', "  '@powersync/web@1.34.2':", '    resolution: {integrity: c}', ''].join('\n');
  assert.deepEqual(packages('pnpm-lock.yaml', text), ['@powersync/common 1.47.0 resolved 2:2', '@powersync/react 1.5.0 resolved 4:2', '@powersync/web 1.34.2 resolved 6:2']);
});

test('npm-package: yarn.lock, classic and Berry', () => {
  const classic = ['# yarn lockfile v1', '', '"@powersync/common@^1.47.0", "@powersync/common@1.47.0":', '  version "1.47.0"', '  resolved "https://x"', ''].join('\n');
  assert.deepEqual(packages('yarn.lock', classic), ['@powersync/common 1.47.0 resolved 2:0']);
  const berry = ['__metadata:', '  version: 8', '', '"@powersync/web@npm:^1.30.0":', '  version: 1.34.2', '  resolution: "@powersync/web@npm:1.34.2"', ''].join('\n');
  assert.deepEqual(packages('yarn.lock', berry), ['@powersync/web 1.34.2 resolved 3:0']);
});

test('npm-package: a file that does not parse is unread, with the reason', () => {
  const facts = read('package.json', '{ "dependencies": { "@powersync/web": ');
  assert.equal(facts.npmPackages, undefined);
  assert.match(facts.unread?.reason ?? '', /^it could not be read \(/);
});
