import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkJson, fixtureFindings, places } from '../../support/findings';
import { fixtureVariant, replacing } from '../../support/fixture-variant';

const RULE = 'js-sdk-raw-table-version';
const FIXTURE = 'rule-js-sdk-raw-table-version';
const SCHEMA = 'src/schema.ts';
const of = (dir: string) => checkJson(dir).findings.filter((f) => f.rule === RULE);
const related = (f: { related: { file: string; range: { start: { line: number } }; message: string }[] }) => f.related.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`);

const packageLock = (versions: Record<string, string>) =>
  JSON.stringify(
    {
      name: 'app',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'app', dependencies: { '@powersync/web': '^1.30.0' } },
        ...Object.fromEntries(Object.entries(versions).map(([at, version]) => [at, { version, resolved: `https://registry.npmjs.org/x/-/x-${version}.tgz` }])),
      },
    },
    null,
    2,
  );

test('js-sdk-raw-table-version: web 1.34.2 pinned drops a raw table\'s schema and clear', () => {
  const findings = fixtureFindings(FIXTURE, RULE);
  assert.deepEqual(places(findings), [`${SCHEMA}:6`, `${SCHEMA}:10`]);
  assert.ok(findings.every((f) => f.severity === 'error'));
  const [schema, clear] = findings;
  assert.equal(
    schema.message,
    "The installed PowerSync JS SDK drops the schema of raw table 'lists' (it needs @powersync/common 1.48.0). " +
      'Raw tables\' schema and clear came with @powersync/common 1.48.0 (web 1.35.0, node 0.18.0, react-native 1.31.0). ' +
      'Before it, withRawTables kept each table as new RawTable(name, entry), whose constructor copied put and delete only; the table reaches the sync client without put and delete statements, so PowerSync has nothing to apply its synced rows with. ' +
      'Installed: @powersync/web 1.34.2. Update the SDK, or write put and delete statements.',
  );
  assert.match(clear.message, /^The installed PowerSync JS SDK drops the clear of raw table 'todos' \(it needs @powersync\/common 1\.48\.0\)\. .* disconnectAndClear\(\) never runs it: the table keeps its rows after the clear\. Installed: @powersync\/web 1\.34\.2\. Update the SDK\.$/);
  assert.deepEqual(related(clear), ["package.json:6 @powersync/web 1.34.2 (package.json; raw tables' schema and clear from 1.35.0)"]);
});

test('js-sdk-raw-table-version: web 1.35.0 has both', () => {
  assert.deepEqual(places(fixtureFindings(`${FIXTURE}-ok`, RULE)), []);
});

test('js-sdk-raw-table-version: a range says nothing without a lockfile; the lockfile tells the installed version', () => {
  const range = fixtureVariant(FIXTURE, { 'package.json': replacing('"1.34.2"', '"^1.30.0"') });
  assert.deepEqual(places(of(range)), []);
  const locked = fixtureVariant(FIXTURE, {
    'package.json': replacing('"1.34.2"', '"^1.30.0"'),
    'package-lock.json': packageLock({ 'node_modules/@powersync/web': '1.34.2', 'node_modules/@powersync/common': '1.47.0' }),
  });
  const findings = of(locked);
  assert.deepEqual(places(findings), [`${SCHEMA}:6`, `${SCHEMA}:10`]);
  assert.match(findings[0].message, /Installed: @powersync\/web 1\.34\.2, @powersync\/common 1\.47\.0\./);
  // One installed copy new enough (a nested @powersync/common 1.48.0): which one the code gets is not told.
  const mixed = fixtureVariant(FIXTURE, {
    'package.json': replacing('"1.34.2"', '"^1.30.0"'),
    'package-lock.json': packageLock({ 'node_modules/@powersync/web': '1.34.2', 'node_modules/@powersync/web/node_modules/@powersync/common': '1.48.0' }),
  });
  assert.deepEqual(places(of(mixed)), []);
  // A lockfile that does not parse leaves the version unknown, even beside an exact pin.
  const broken = fixtureVariant(FIXTURE, { 'package-lock.json': '{ "packages": { "node_modules/@powersync/web": ' });
  assert.deepEqual(places(of(broken)), []);
});

test('js-sdk-raw-table-version: pnpm and Yarn lockfiles', () => {
  const pnpm = fixtureVariant(FIXTURE, {
    'package.json': replacing('"1.34.2"', '"^1.30.0"'),
    'pnpm-lock.yaml': [
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    dependencies:',
      "      '@powersync/web':",
      '        specifier: ^1.30.0',
      '        version: 1.34.2',
      'packages:',
      "  '@powersync/common@1.47.0':",
      '    resolution: {integrity: sha512-x}',
      "  '@powersync/web@1.34.2':",
      '    resolution: {integrity: sha512-y}',
      '',
    ].join('\n'),
  });
  const findings = of(pnpm);
  assert.deepEqual(places(findings), [`${SCHEMA}:6`, `${SCHEMA}:10`]);
  assert.match(findings[0].message, /Installed: @powersync\/common 1\.47\.0, @powersync\/web 1\.34\.2\./);
  const yarn = fixtureVariant(FIXTURE, {
    'package.json': replacing('"1.34.2"', '"^1.30.0"'),
    'yarn.lock': [
      '# yarn lockfile v1',
      '',
      '"@powersync/common@1.47.0":',
      '  version "1.47.0"',
      '',
      '"@powersync/web@^1.30.0":',
      '  version "1.34.2"',
      '',
    ].join('\n'),
  });
  assert.deepEqual(places(of(yarn)), [`${SCHEMA}:6`, `${SCHEMA}:10`]);
});

test('js-sdk-raw-table-version: withRawTables itself before @powersync/common 1.34.0', () => {
  const dir = fixtureVariant(FIXTURE, { 'package.json': replacing('"1.34.2"', '"1.23.0"') });
  const findings = of(dir);
  assert.deepEqual(places(findings), [`${SCHEMA}:5`]);
  assert.match(findings[0].message, /^The installed PowerSync JS SDK has no Schema\.withRawTables \(it needs @powersync\/common 1\.34\.0\)\. .*TypeError \(withRawTables is not a function\).* Installed: @powersync\/web 1\.23\.0\. Update the SDK\.$/);
  // node and react-native have their own first versions.
  const node = fixtureVariant(FIXTURE, { 'package.json': replacing('"@powersync/web": "1.34.2"', '"@powersync/node": "0.17.3"') });
  assert.deepEqual(places(of(node)), [`${SCHEMA}:6`, `${SCHEMA}:10`]);
  const nodeNew = fixtureVariant(FIXTURE, { 'package.json': replacing('"@powersync/web": "1.34.2"', '"@powersync/node": "0.18.0"') });
  assert.deepEqual(places(of(nodeNew)), []);
  // A pre-release of the first version with the feature may have it: silent.
  const pre = fixtureVariant(FIXTURE, { 'package.json': replacing('"1.34.2"', '"1.35.0-dev.2"') });
  assert.deepEqual(places(of(pre)), []);
  // An SDK whose versions are not mapped here: silent.
  const capacitor = fixtureVariant(FIXTURE, { 'package.json': replacing('"@powersync/web": "1.34.2"', '"@powersync/web": "1.34.2", "@powersync/capacitor": "0.4.0"') });
  assert.deepEqual(places(of(capacitor)), []);
});
