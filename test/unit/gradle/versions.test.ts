import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles, analyzeFixture, factsOf } from '../../support/workspace';
import type { FileFacts } from '../../../server/src/model/facts';
import { tokenizeGroovy } from '../../../server/src/frontends/gradle/groovy';
import { parseCoordinate } from '../../../server/src/frontends/gradle-coordinates';

function deps(facts: FileFacts): string[] {
  return facts.dependencies.map((d) => `${d.group}:${d.artifact}:${d.version ?? '?'}@${d.loc.range.start.line}`);
}

test('version catalog: version.ref, module, group+name, plain strings and rich versions', async () => {
  const facts = await factsOf(`[versions]
powersync = "1.11.0"
room = { strictly = "3.0.0" }

[libraries]
powersync-core = { module = "com.powersync:core", version.ref = "powersync" }
"powersync-room" = { group = "com.powersync", name = "integration-room", version.ref = "powersync" }
room-runtime = { module = "androidx.room3:room3-runtime", version.ref = "room" }
sqlite-bundled = "androidx.sqlite:sqlite-bundled:2.5.1"
coroutines.module = "org.jetbrains.kotlinx:kotlinx-coroutines-core"
coroutines.version = { require = "1.9.0" }
dangling = { module = "com.example:lib", version.ref = "missing" }

[libraries.serialization]
module = "org.jetbrains.kotlinx:kotlinx-serialization-json"
version = "1.7.3"
`, 'gradle/libs.versions.toml');
  assert.equal(facts.language, 'version-catalog');
  assert.deepEqual(deps(facts), [
    // A version.ref points at the [versions] entry, where a fix would change it.
    'com.powersync:core:1.11.0@1',
    'com.powersync:integration-room:1.11.0@1',
    'androidx.room3:room3-runtime:3.0.0@2',
    'androidx.sqlite:sqlite-bundled:2.5.1@8',
    'org.jetbrains.kotlinx:kotlinx-coroutines-core:1.9.0@9',
    'com.example:lib:?@11',
    'org.jetbrains.kotlinx:kotlinx-serialization-json:1.7.3@13',
  ]);
});

test('a catalog that does not parse gives a syntax error and no dependencies', async () => {
  const facts = await factsOf('[versions]\npowersync = "1.11.0\n[libraries]\n', 'gradle/libs.versions.toml');
  assert.deepEqual(facts.dependencies, []);
  assert.equal(facts.syntaxErrors.length, 1);
  assert.equal(facts.syntaxErrors[0].range.start.line, 1);
});

test('build.gradle.kts: coordinates with versions from vals, the named form, versionless and unreadable', async () => {
  const { model } = await analyzeFixture('gradle-kts');
  const facts = [...model.files.values()][0];
  assert.equal(facts.language, 'gradle-kts');
  assert.deepEqual(deps(facts), [
    'com.powersync:core:1.3.0@11',
    // `val roomVersion: String by project` cannot be read here.
    'androidx.room:room-runtime:?@12',
    'androidx.sqlite:sqlite-bundled:?@13',
    'com.powersync:integration-room:1.3.0@14',
  ]);
  assert.deepEqual(model.sdkVersions.powersync?.version, '1.3.0');
  assert.deepEqual(model.sdkVersions.powersyncRoom?.version, '1.3.0');
  assert.equal(model.sdkVersions.room, undefined);
});

test('Groovy build.gradle: quotes, GStrings, the map form, comments', async () => {
  const { model } = await analyzeFixture('gradle-groovy');
  const app = [...model.files.values()].find((f) => f.uri.endsWith('app/build.gradle'));
  assert.ok(app);
  assert.equal(app.language, 'gradle-groovy');
  assert.deepEqual(deps(app), [
    'com.powersync:core:1.9.2@8',
    'com.powersync:integration-room:1.9.2@9',
    'androidx.room:room-runtime:2.6.1@10',
    'androidx.room3:room3-ktx:3.0.0@11',
    // `$room_version` is set in the root build file, which this file cannot see.
    'androidx.room:room-compiler:?@12',
    'androidx.sqlite:sqlite-bundled:?@13',
  ]);
  const core = app.dependencies[0];
  assert.deepEqual(core.loc.range, { start: { line: 8, character: 19 }, end: { line: 8, character: 57 } });
  assert.equal(model.sdkVersions.powersync?.version, '1.9.2');
  assert.equal(model.sdkVersions.room?.group, 'androidx.room');
});

test('the Groovy tokenizer survives unterminated strings and comments', () => {
  for (const text of ["implementation 'com.powersync:core:1.0", 'x = """abc', '/* open', '"${unclosed', '$', "'\\"]) {
    const tokens = tokenizeGroovy(text);
    assert.ok(tokens.length > 0, text);
  }
  const tokens = tokenizeGroovy(`def v = "a\${b.c}d$e.f" // c 'x'`);
  assert.deepEqual(tokens.map((t) => t.kind), ['word', 'word', 'symbol', 'string', 'comment']);
  const str = tokens[3];
  assert.ok(str.kind === 'string');
  assert.deepEqual(str.parts, [{ text: 'a' }, { interpolation: 'b.c' }, { text: 'd' }, { interpolation: 'e.f' }]);
});

test('coordinates need a dotted group; versionless ones only where allowed', () => {
  assert.deepEqual(parseCoordinate('com.powersync:core:1.3.0', false), { group: 'com.powersync', artifact: 'core', version: '1.3.0' });
  assert.deepEqual(parseCoordinate('androidx.room:room-runtime:2.6.1@aar', false), { group: 'androidx.room', artifact: 'room-runtime', version: '2.6.1' });
  assert.equal(parseCoordinate('com.powersync:core', false), undefined);
  assert.deepEqual(parseCoordinate('com.powersync:core', true), { group: 'com.powersync', artifact: 'core' });
  assert.equal(parseCoordinate('https://example.com:8080/x', true), undefined);
  assert.equal(parseCoordinate('junit:junit:4.13', true), undefined);
  assert.equal(parseCoordinate('a.b:c:1 2', false), undefined);
});

test('SDK versions: the catalog wins over build files; Room 3 is told apart', async () => {
  const { model } = await analyzeFiles({
    'shared/build.gradle.kts': 'dependencies { implementation("com.powersync:core:1.2.0") }\n',
    'gradle/libs.versions.toml': `[versions]
powersync = "1.14.1"
[libraries]
powersync-common = { module = "com.powersync:common", version.ref = "powersync" }
powersync-room = { module = "com.powersync:integration-room", version.ref = "powersync" }
room3 = "androidx.room3:room3-runtime:3.0.0"
`,
  });
  assert.equal(model.sdkVersions.powersync?.version, '1.14.1');
  assert.ok(model.sdkVersions.powersync?.loc.uri.endsWith('libs.versions.toml'));
  assert.equal(model.sdkVersions.powersyncRoom?.version, '1.14.1');
  assert.deepEqual([model.sdkVersions.room?.group, model.sdkVersions.room?.version], ['androidx.room3', '3.0.0']);
});

test('the PowerSync fixture reads its versions from the catalog', async () => {
  const { model } = await analyzeFixture('powersync-app');
  assert.equal(model.sdkVersions.powersync?.version, '1.11.0');
  assert.equal(model.sdkVersions.powersyncRoom?.version, '1.11.0');
  assert.deepEqual([model.sdkVersions.room?.group, model.sdkVersions.room?.version], ['androidx.room', '2.7.1']);
});

test('Gradle plugin ids: a catalog\'s [plugins], id("…") in build.gradle.kts, id and apply plugin in Groovy; the Room plugins are kept', async () => {
  const { model } = await analyzeFiles({
    'gradle/libs.versions.toml': `[versions]
room = "3.0.3"

[plugins]
room = { id = "androidx.room3", version.ref = "room" }
ksp = "com.google.devtools.ksp:2.2.0-2.0.2"
`,
    'app/build.gradle.kts': `plugins {
    id("com.android.application")
    id("androidx.room3") version "3.0.3"
    alias(libs.plugins.ksp)
}

room3 {
    schemaDirectory("$projectDir/schemas")
}
`,
    'legacy/build.gradle': `plugins {
    id 'androidx.room'
}
apply plugin: 'com.google.devtools.ksp'
apply plugin: 'kotlin-kapt'
`,
  });
  const plugins = (suffix: string) => {
    const facts = [...model.files.values()].find((f) => f.uri.endsWith(suffix));
    assert.ok(facts, suffix);
    return (facts.plugins ?? []).map((p) => `${p.id}${p.version ? `:${p.version}` : ''}@${p.loc.range.start.line}`);
  };
  assert.deepEqual(plugins('libs.versions.toml'), ['androidx.room3:3.0.3@4', 'com.google.devtools.ksp:2.2.0-2.0.2@5']);
  assert.deepEqual(plugins('app/build.gradle.kts'), ['com.android.application@1', 'androidx.room3@2']);
  // A core plugin without a dot (`kotlin-kapt`) is no plugin id Rawsync reads.
  assert.deepEqual(plugins('legacy/build.gradle'), ['androidx.room@1', 'com.google.devtools.ksp@3']);
  assert.deepEqual((model.sdkVersions.roomPlugins ?? []).map((p) => p.id).sort(), ['androidx.room', 'androidx.room3', 'androidx.room3']);
  assert.equal(model.sdkVersions.roomLibraries, undefined);
});
