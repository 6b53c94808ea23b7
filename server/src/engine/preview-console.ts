import { Worker } from 'node:worker_threads';
import type { ConsoleResult } from './console-query';
import type { ConsoleReply, ConsoleRequest } from './console-messages';

export interface PreviewConsoleOptions {
  /** The bundled console thread (dist/console-worker.js). */
  workerFile: string;
  /** Where sql-wasm.wasm is. */
  wasmDir: string;
  /** A query running longer is stopped and the database restored from the last preview. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 5000;

/**
 * The SQL console over the preview database. Queries run one at a time in a worker thread on a
 * copy of the database the last preview simulated; writes stay in that copy until the next
 * preview replaces it. A query past the time limit ends the thread; the next one starts afresh.
 */
export class PreviewConsole {
  private worker?: Worker;
  private bytes?: Uint8Array;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly pending = new Map<number, (reply: ConsoleReply) => void>();

  constructor(private readonly options: PreviewConsoleOptions) {}

  /** Replaces the console's database with a new preview's. */
  load(bytes: Uint8Array): Promise<void> {
    this.bytes = bytes;
    return this.enqueue(async () => {
      await this.send({ type: 'load', id: this.nextId++, bytes });
    });
  }

  query(sql: string): Promise<ConsoleResult> {
    return this.enqueue(async () => {
      if (!this.bytes) return failed('Open the database preview first: the console runs on the database it builds.');
      if (!this.worker) await this.send({ type: 'load', id: this.nextId++, bytes: this.bytes });
      const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<ConsoleResult>((resolve) => {
        timer = setTimeout(() => {
          this.stopWorker();
          resolve(failed(`The query ran for more than ${timeoutMs / 1000} s and was stopped; the console's database is back to the preview's state.`));
        }, timeoutMs);
      });
      const answer = this.send({ type: 'query', id: this.nextId++, sql }).then((reply) =>
        reply.type === 'result' ? reply.result : failed(reply.type === 'failed' ? reply.error : 'The console did not answer.'));
      try {
        return await Promise.race([answer, timeout]);
      } finally {
        clearTimeout(timer);
      }
    });
  }

  dispose(): void {
    this.stopWorker();
    this.bytes = undefined;
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private send(request: ConsoleRequest): Promise<ConsoleReply> {
    const worker = this.startWorker();
    return new Promise((resolve) => {
      this.pending.set(request.id, resolve);
      // The worker gets its own copy of the bytes: a transfer would empty ours.
      worker.postMessage(request);
    });
  }

  private startWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.workerFile, { workerData: { wasmDir: this.options.wasmDir } });
    worker.on('message', (reply: ConsoleReply) => {
      const resolve = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      resolve?.(reply);
    });
    const end = (error: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      for (const [id, resolve] of this.pending) resolve({ type: 'failed', id, error });
      this.pending.clear();
    };
    worker.on('error', (error) => end(`The console thread failed: ${error.message}`));
    worker.on('exit', () => end('The console thread stopped.'));
    this.worker = worker;
    return worker;
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    for (const [id, resolve] of this.pending) resolve({ type: 'failed', id, error: 'stopped' });
    this.pending.clear();
    void worker?.terminate();
  }
}

function failed(error: string): ConsoleResult {
  return { ok: false, results: [], error, milliseconds: 0 };
}
