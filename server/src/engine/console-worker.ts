// The SQL console's own thread: it holds a copy of the preview database, so a query that runs
// for ever can be stopped by ending the thread, and the language server never waits on it.
// Started with the role `preview`, the same bundle is the preview's thread (preview-thread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { Database } from '@powersync/sql-js/dist/sql-wasm.js';
import { loadEngine } from './sqljs';
import { runConsoleQuery } from './console-query';
import { errorText } from './database';
import type { ConsoleRequest, ConsoleReply } from './console-messages';
import { servePreviews } from './preview-thread';

const { wasmDir, role } = workerData as { wasmDir: string; role?: 'console' | 'preview' };
let db: Database | undefined;

async function handle(message: ConsoleRequest): Promise<ConsoleReply> {
  if (message.type === 'load') {
    const engine = await loadEngine(wasmDir);
    db?.close();
    db = new engine.sqlite.Database(message.bytes);
    return { type: 'loaded', id: message.id };
  }
  if (!db) return { type: 'result', id: message.id, result: { ok: false, results: [], error: 'No preview database is loaded yet.', milliseconds: 0 } };
  return { type: 'result', id: message.id, result: runConsoleQuery(db, message.sql) };
}

if (role === 'preview') {
  servePreviews(wasmDir);
} else {
  parentPort?.on('message', (message: ConsoleRequest) => {
    handle(message).then(
      (reply) => parentPort?.postMessage(reply),
      (error: unknown) => parentPort?.postMessage({ type: 'failed', id: message.id, error: errorText(error) } satisfies ConsoleReply),
    );
  });
}
