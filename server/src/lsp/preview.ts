import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkspaceModel } from '../model/workspace';
import { loadEngine } from '../engine/sqljs';
import { simulatePreviewDatabase } from '../engine/sync-scenario';
import { previewReport } from '../engine/preview-report';
import { PreviewConsole } from '../engine/preview-console';
import { relativeFile } from '../frontends/relative-file';
import type { PreviewQueryResult, PreviewResponse } from './protocol';

/**
 * The database preview behind the panel: the same report as `rawsync preview`, built in the
 * server from the live model, and the SQL console over the database the simulation left.
 */
export class PreviewService {
  private readonly console: PreviewConsole;

  constructor(private readonly wasmDir: string) {
    this.console = new PreviewConsole({ workerFile: path.join(wasmDir, 'console-worker.js'), wasmDir });
  }

  async build(model: WorkspaceModel, rootPath: string, modelVersion: number): Promise<PreviewResponse> {
    const started = performance.now();
    const engine = await loadEngine(this.wasmDir);
    const { simulation, database } = simulatePreviewDatabase(engine, model);
    let bytes: Uint8Array;
    try {
      bytes = database.export();
    } finally {
      database.close();
    }
    await this.console.load(bytes);
    return {
      root: pathToFileURL(rootPath).href,
      title: `Rawsync: Database Preview — ${path.basename(rootPath)}`,
      report: previewReport(model, simulation, (uri) => relativeFile(uri, rootPath)),
      modelVersion,
      durationMs: Math.round(performance.now() - started),
    };
  }

  query(sql: string): Promise<PreviewQueryResult> {
    return this.console.query(sql);
  }

  dispose(): void {
    this.console.dispose();
  }
}
