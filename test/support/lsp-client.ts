import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  PublishDiagnosticsNotification,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from './paths';

/** A real LSP client speaking to the bundled server (dist/server.js) over stdio. */
export class LspClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private waiters: { predicate: () => boolean; resolve: () => void }[] = [];

  private constructor(readonly connection: ProtocolConnection, private readonly child: ChildProcess) {
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params);
      this.check();
    });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
  }

  static async start(rootFolder: string): Promise<LspClient> {
    const child = spawn(process.execPath, [path.join(repoRoot(), 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(connection, child);
    const rootUri = pathToFileURL(rootFolder).href;
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(rootFolder) }],
      capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true } },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  /** Resolves when the predicate holds after some notification (never by sleeping). */
  waitFor(predicate: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
      this.waiters.push({ predicate, resolve: () => { clearTimeout(timer); resolve(); } });
    });
  }

  codes(uri: string): string[] {
    return (this.diagnostics.get(uri)?.diagnostics ?? []).map((d) => String(d.code)).sort();
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // the server may already be gone
    }
    this.connection.dispose();
    this.child.kill();
  }

  private check(): void {
    this.waiters = this.waiters.filter((w) => {
      if (!w.predicate()) return true;
      w.resolve();
      return false;
    });
  }
}
