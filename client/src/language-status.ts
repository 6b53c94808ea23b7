import * as vscode from 'vscode';
import type { ServerStatus } from '../../server/src/lsp/protocol';

/** What the language status item shows: the server's state, files indexed, the last check. */
export class RawsyncLanguageStatus implements vscode.Disposable {
  readonly item: vscode.LanguageStatusItem;
  private last?: ServerStatus;
  private readonly changed = new vscode.EventEmitter<ServerStatus | undefined>();
  /** Fires after every change of what the item shows. */
  readonly onDidChange = this.changed.event;

  constructor(selector: vscode.DocumentSelector) {
    this.item = vscode.languages.createLanguageStatusItem('rawsync.status', selector);
    this.item.name = 'Rawsync';
    this.starting();
  }

  /** The last status the server sent, if any (the extension-host tests read it). */
  get status(): ServerStatus | undefined {
    return this.last;
  }

  starting(): void {
    this.last = undefined;
    this.show('$(sync~spin) Rawsync: starting', 'Starting the language server', true);
  }

  update(status: ServerStatus): void {
    this.last = status;
    const files = `${status.filesIndexed} file${status.filesIndexed === 1 ? '' : 's'} indexed`;
    switch (status.state) {
      case 'indexing':
        this.show('$(sync~spin) Rawsync: indexing', 'Reading the workspace', true);
        break;
      case 'checking':
        this.show('$(sync~spin) Rawsync: checking', files, true);
        break;
      case 'idle': {
        const at = status.lastCheckAt ? new Date(status.lastCheckAt).toLocaleTimeString() : undefined;
        const check = status.lastCheckMs === undefined ? '' : `, checked in ${status.lastCheckMs} ms${at ? ` at ${at}` : ''}`;
        const findings = status.findings === undefined ? 'checked' : `${status.findings} finding${status.findings === 1 ? '' : 's'}`;
        // Never a plain check mark while parts of the app went unchecked.
        const notChecked = status.notChecked ?? 0;
        const unchecked = notChecked > 0 ? `; ${notChecked} part${notChecked === 1 ? '' : 's'} not checked (not-analyzed)` : '';
        this.show(`${notChecked > 0 ? '$(info)' : '$(check)'} Rawsync: ${files}`, `${findings}${unchecked}${check}`, false);
        break;
      }
    }
  }

  stopped(reason: string): void {
    this.last = undefined;
    this.show('$(error) Rawsync: stopped', reason, false, vscode.LanguageStatusSeverity.Error);
  }

  private show(text: string, detail: string, busy: boolean, severity = vscode.LanguageStatusSeverity.Information): void {
    this.item.text = text;
    this.item.detail = detail;
    this.item.busy = busy;
    this.item.severity = severity;
    this.item.command = { title: 'Show Output', command: 'rawsync.showOutput', tooltip: 'Show the Rawsync output channel' };
    this.changed.fire(this.last);
  }

  dispose(): void {
    this.changed.dispose();
    this.item.dispose();
  }
}
