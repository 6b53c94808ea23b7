import { Worker, parentPort } from 'node:worker_threads';
import type { WorkspaceModel } from '../model/workspace';
import { errorText } from './database';
import { loadEngine } from './sqljs';
import { simulatePreviewDatabase, type PreviewSimulation } from './sync-scenario';
import { planPreviewDatabase, type PreviewPlan } from './preview-database';
import { withNames } from '../model/names';

/**
 * The preview's build and simulation, off the language server's thread: a 50-table app takes
 * half a second or more in the core, and the server goes on answering meanwhile. The thread runs
 * from dist/console-worker.js (the one worker bundle), started with the role `preview`; it keeps
 * its engine between previews, as the server did.
 */

/** Language server → preview thread. The model arrives as a structured clone. */
export interface PreviewThreadRequest {
  type: 'simulate';
  id: number;
  /** The model without its files (the plan is what needed them). */
  model: WorkspaceModel;
  plan: PreviewPlan;
}

/** Preview thread → language server, answering the request with the same id. */
export type PreviewThreadReply =
  | { type: 'simulated'; id: number; simulation: PreviewSimulation; bytes: Uint8Array }
  | { type: 'failed'; id: number; error: string };

export interface SimulatedPreview {
  simulation: PreviewSimulation;
  /** The file of the database the main line of steps ended on (for the SQL console). */
  bytes: Uint8Array;
}

export interface PreviewThreadOptions {
  /** The bundled worker (dist/console-worker.js). */
  workerFile: string;
  /** Where sql-wasm.wasm is. */
  wasmDir: string;
}

/** The language server's side: simulate(model) runs simulatePreviewDatabase in the thread. */
export class PreviewThread {
  private worker?: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: SimulatedPreview) => void; reject: (error: Error) => void }>();

  constructor(private readonly options: PreviewThreadOptions) {}

  simulate(model: WorkspaceModel): Promise<SimulatedPreview> {
    const worker = this.startWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        // The plan is made here, where a name can still make the index read a file; the thread
        // gets it with the model's tables, raw tables and triggers, not its files.
        const plan = planPreviewDatabase(withNames(model));
        worker.postMessage({ type: 'simulate', id, model: { ...model, files: new Map() }, plan } satisfies PreviewThreadRequest);
      } catch (error) {
        // Something in the model that cannot be cloned.
        this.pending.delete(id);
        reject(error instanceof Error ? error : new Error(errorText(error)));
      }
      this.refWhileBusy();
    });
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll('The preview thread was stopped.');
    void worker?.terminate();
  }

  private startWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.workerFile, { workerData: { wasmDir: this.options.wasmDir, role: 'preview' } });
    worker.on('message', (reply: PreviewThreadReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      this.refWhileBusy();
      if (reply.type === 'simulated') waiting?.resolve({ simulation: reply.simulation, bytes: reply.bytes });
      else waiting?.reject(new Error(reply.error));
    });
    const end = (error: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(error);
    };
    worker.on('error', (error) => end(`The preview thread failed: ${error.message}`));
    worker.on('exit', () => end('The preview thread stopped.'));
    this.worker = worker;
    return worker;
  }

  /** The thread keeps the process alive while it has work, not when it waits for the next preview. */
  private refWhileBusy(): void {
    if (this.pending.size > 0) this.worker?.ref();
    else this.worker?.unref();
  }

  private failAll(error: string): void {
    for (const waiting of this.pending.values()) waiting.reject(new Error(error));
    this.pending.clear();
  }
}

/** The thread's side: answers each request in turn. */
export function servePreviews(wasmDir: string): void {
  parentPort?.on('message', (request: PreviewThreadRequest) => {
    loadEngine(wasmDir).then((engine): PreviewThreadReply => {
      const { simulation, database } = simulatePreviewDatabase(engine, withNames(request.model), { plan: request.plan });
      let bytes: Uint8Array;
      try {
        bytes = database.export();
      } finally {
        database.close();
      }
      return { type: 'simulated', id: request.id, simulation, bytes };
    }).then(
      (reply) => parentPort?.postMessage(reply),
      (error: unknown) => parentPort?.postMessage({ type: 'failed', id: request.id, error: errorText(error) } satisfies PreviewThreadReply),
    );
  });
}

