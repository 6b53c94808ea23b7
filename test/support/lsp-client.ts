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
  /** How many times diagnostics were published for each file. */
  readonly publishCounts = new Map<string, number>();
  /** Every `rawsync/status` notification, in order. */
  readonly statuses: { state: string; filesIndexed: number; findings?: number }[] = [];
  /** What the server asked to register at run time (`client/registerCapability`). */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  /** Every `window/showMessage` notification, in order. */
  readonly messages: { type: number; message: string }[] = [];
  private waiters: { predicate: () => boolean; resolve: () => void }[] = [];

  private constructor(readonly connection: ProtocolConnection, private readonly child: ChildProcess, settings: unknown = {}) {
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params);
      this.publishCounts.set(params.uri, (this.publishCounts.get(params.uri) ?? 0) + 1);
      this.check();
    });
    connection.onNotification('rawsync/status', (status: LspClient['statuses'][number]) => {
      this.statuses.push(status);
      this.check();
    });
    connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
      this.messages.push(params);
      this.check();
    });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => settings));
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('client/registerCapability', (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...params.registrations);
      this.check();
      return null;
    });
    connection.listen();
  }

  /**
   * `rootFolder`: one folder, or several for a multi-root workspace; `workspace`: client capabilities
   * added to the defaults; `settings`: the `rawsync` section the client answers with; `args`: what
   * node runs (default: the bundled server, `dist/server.js --stdio`).
   */
  static async start(
    rootFolder: string | string[],
    options: { workspace?: Record<string, unknown>; settings?: unknown; args?: string[] } = {},
  ): Promise<LspClient> {
    const args = options.args ?? [path.join(repoRoot(), 'dist', 'server.js'), '--stdio'];
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(connection, child, options.settings);
    const folders = Array.isArray(rootFolder) ? rootFolder : [rootFolder];
    const rootUri = pathToFileURL(folders[0]).href;
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: folders.map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) })),
      capabilities: { workspace: { configuration: true, ...options.workspace }, window: { workDoneProgress: true } },
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
