import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { Analyzer, type AnalyzerOptions } from '../../server/src/analyzer';
import { scanWorkspace } from '../../server/src/frontends/workspace-files';
import type { WorkspaceModel } from '../../server/src/model/workspace';
import type { FileFacts } from '../../server/src/model/facts';
import { FrontEnds } from '../../server/src/frontends/index';
import { fixturePath, wasmDir } from './paths';

let frontEnds: Promise<FrontEnds> | undefined;

/** The shared front ends (the Kotlin grammar loads once per test process). */
export function loadFrontEnds(): Promise<FrontEnds> {
  frontEnds ??= FrontEnds.create(wasmDir());
  return frontEnds;
}

/** Facts of one in-memory file; `name` decides the front end and the platform (`src/androidMain/…`). */
export async function factsOf(text: string, name = 'src/commonMain/kotlin/Test.kt'): Promise<FileFacts> {
  const facts = (await loadFrontEnds()).extract(pathToFileURL(path.join('/virtual', name)).href, text);
  if (!facts) throw new Error(`no front end reads ${name}`);
  return facts;
}

/** An analyzer over in-memory files: `{ 'src/commonMain/kotlin/A.kt': '…' }`. */
export async function analyzeFiles(files: Record<string, string>, options?: AnalyzerOptions): Promise<{ analyzer: Analyzer; model: WorkspaceModel; uri: (name: string) => string }> {
  const analyzer = await Analyzer.create(wasmDir(), undefined, options);
  const uri = (name: string) => pathToFileURL(path.join('/virtual', name)).href;
  for (const [name, text] of Object.entries(files)) analyzer.index.update(uri(name), text);
  return { analyzer, model: analyzer.model(), uri };
}

/** An analyzer over a fixture folder under test/fixtures/. */
export async function analyzeFixture(...segments: string[]): Promise<{ analyzer: Analyzer; model: WorkspaceModel; root: string }> {
  const root = fixturePath(...segments);
  const analyzer = await Analyzer.create(wasmDir());
  for (const file of scanWorkspace(root)) analyzer.index.update(file.uri, file.text);
  return { analyzer, model: analyzer.model(), root };
}
