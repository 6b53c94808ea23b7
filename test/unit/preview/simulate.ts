import { Analyzer } from '../../../server/src/analyzer';
import { scanWorkspace } from '../../../server/src/frontends/workspace-files';
import { loadEngine } from '../../../server/src/engine/sqljs';
import { simulatePreview, type PreviewSimulation, type SimulationOptions, type SimulationStep } from '../../../server/src/engine/sync-scenario';
import type { WorkspaceModel } from '../../../server/src/model/workspace';
import { analyzeFiles } from '../../support/workspace';
import { fixturePath, wasmDir } from '../../support/paths';

/** The model of a folder on disk (a fixture or a variant of one). */
export async function modelOfFolder(dir: string): Promise<WorkspaceModel> {
  const analyzer = await Analyzer.create(wasmDir());
  for (const file of scanWorkspace(dir)) analyzer.index.update(file.uri, file.text);
  return analyzer.model();
}

/** The preview scenario of a folder, run in the real core. */
export async function simulateFolder(dir: string, options?: SimulationOptions): Promise<PreviewSimulation> {
  return simulatePreview(await loadEngine(wasmDir()), await modelOfFolder(dir), options);
}

export function simulateFixture(name: string, options?: SimulationOptions): Promise<PreviewSimulation> {
  return simulateFolder(fixturePath(name), options);
}

/** The preview scenario of in-memory files. */
export async function simulateFiles(files: Record<string, string>, options?: SimulationOptions): Promise<PreviewSimulation> {
  const { model } = await analyzeFiles(files);
  return simulatePreview(await loadEngine(wasmDir()), model, options);
}

export function stepOf(simulation: PreviewSimulation, id: string): SimulationStep {
  const step = simulation.steps.find((s) => s.id === id);
  if (!step) throw new Error(`no step ${id} among ${simulation.steps.map((s) => s.id).join(', ')}`);
  return step;
}

/** `kind step rawTable` of each outcome, for compact assertions. */
export function outcomeList(simulation: PreviewSimulation): string[] {
  return simulation.outcomes.map((o) => `${o.kind} ${o.step}${o.rawTable ? ` ${o.rawTable}` : ''}`);
}

/** The ops of the ps_crud entries a step recorded. */
export function crudOps(step: SimulationStep): string[] {
  return ((step.details.crud ?? []) as { op: string; type: string }[]).map((c) => `${c.op} ${c.type}`);
}
