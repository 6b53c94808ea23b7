import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkspaceModel } from '../model/workspace';
import { previewReport } from '../engine/preview-report';
import { PreviewConsole } from '../engine/preview-console';
import { PreviewThread } from '../engine/preview-thread';
import { relativeFile } from '../frontends/relative-file';
import type { PreviewQueryResult, PreviewResponse } from './protocol';

/**
 * The database preview behind the panel: the same report as `rawsync preview`, from the live
 * model, and the SQL console over the database the simulation left. The database is built and
 * the sync simulated in a thread of their own, so the server goes on answering meanwhile.
 */
export class PreviewService {
  private readonly console: PreviewConsole;
  private readonly thread: PreviewThread;

  constructor(wasmDir: string) {
    const workerFile = path.join(wasmDir, 'console-worker.js');
    this.console = new PreviewConsole({ workerFile, wasmDir });
    this.thread = new PreviewThread({ workerFile, wasmDir });
  }

  async build(model: WorkspaceModel, rootPath: string, modelVersion: number): Promise<PreviewResponse> {
    const started = performance.now();
    const { simulation, bytes } = await this.thread.simulate(model);
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
    this.thread.dispose();
    this.console.dispose();
  }
}
