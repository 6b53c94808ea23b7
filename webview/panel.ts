import { html } from './elements';
import { consoleView } from './console-view';
import type { ConsoleResult } from '../server/src/engine/console-query';
import type { PreviewReport } from '../server/src/engine/preview-report';
import type { HostMessage, PanelState, WebviewMessage } from '../client/src/preview/messages';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): PanelState | undefined;
  setState(state: PanelState): void;
}

declare global {
  // Defined by VS Code in a webview, once per page.
  // eslint-disable-next-line no-var
  var acquireVsCodeApi: (() => VsCodeApi) | undefined;
}

export type PageRenderer = (report: PreviewReport, extras: { title: string; console: HTMLElement; status: HTMLElement }) => HTMLElement;

/**
 * The preview inside VS Code's panel: says it is ready, draws each report the extension sends, and
 * runs the console through the extension. The console keeps its text and results across rebuilds.
 */
export function startPanel(app: HTMLElement, render: PageRenderer): void {
  const vscode = acquireVsCodeApi!();
  let state: PanelState = vscode.getState() ?? {};
  const save = (patch: Partial<PanelState>) => {
    state = { ...state, ...patch };
    vscode.setState(state);
  };

  const waiting = new Map<number, (result: ConsoleResult) => void>();
  let nextId = 1;
  const consoleSection = consoleView({
    initialSql: state.consoleSql ?? 'SELECT * FROM ps_crud',
    history: state.history ?? [],
    run: (sql) => new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      vscode.postMessage({ type: 'query', id, sql });
    }),
    remember: (sql, history) => save({ consoleSql: sql, history }),
  });
  const status = html('div', { class: 'panel-status', role: 'status' });
  const refresh = html('button', { type: 'button', class: 'panel-refresh' }, 'Rebuild');
  refresh.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
  let restoredScroll = false;

  window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
    const message = event.data;
    switch (message.type) {
      case 'report': {
        save({ uri: message.uri });
        const scrollY = restoredScroll ? window.scrollY : state.scrollY ?? 0;
        status.replaceChildren(
          html('span', { class: 'muted' }, `Built ${new Date(message.builtAt).toLocaleTimeString()} in ${message.durationMs} ms`), ' ', refresh);
        status.classList.remove('building');
        app.replaceChildren(render(message.report, { title: message.title, console: consoleSection, status }));
        window.scrollTo(0, scrollY);
        restoredScroll = true;
        return;
      }
      case 'building':
        status.classList.add('building');
        status.replaceChildren(html('span', { class: 'muted' }, 'Rebuilding…'));
        if (!app.querySelector('.page')) app.replaceChildren(html('p', { class: 'muted loading' }, 'Building the database and simulating a sync in the PowerSync core…'));
        return;
      case 'error':
        status.classList.remove('building');
        status.replaceChildren(html('span', { class: 'load-error' }, message.message), ' ', refresh);
        if (!app.querySelector('.page')) app.replaceChildren(html('p', { class: 'load-error' }, message.message), refresh);
        return;
      case 'queryResult':
        waiting.get(message.id)?.(message.result);
        waiting.delete(message.id);
        return;
    }
  });

  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('.source-link');
    if (!link) return;
    vscode.postMessage({ type: 'open', file: link.getAttribute('data-file') ?? '', line: Number(link.getAttribute('data-line') ?? 0) });
  });
  let scrollTimer: number | undefined;
  window.addEventListener('scroll', () => {
    clearTimeout(scrollTimer);
    scrollTimer = window.setTimeout(() => save({ scrollY: window.scrollY }), 200);
  });
  vscode.postMessage({ type: 'ready' });
}
