// The messages between the preview panel's host (the extension) and its webview (webview/). Types
// only: the webview bundle imports them, and nothing of the extension comes with them.
import type { PreviewReport } from '../../../server/src/engine/preview-report';
import type { ConsoleResult } from '../../../server/src/engine/console-query';

/** Extension → webview. */
export type HostMessage =
  /** A preview was built: the webview draws it (replacing any older one). */
  | { type: 'report'; report: PreviewReport; title: string; uri: string; builtAt: string; durationMs: number }
  /** A newer preview is being built (the workspace changed, or the user asked). */
  | { type: 'building' }
  /** The preview could not be built; the message says why. */
  | { type: 'error'; message: string }
  | { type: 'queryResult'; id: number; result: ConsoleResult };

/** Webview → extension. */
export type WebviewMessage =
  /** Sent once the webview's script runs: only then can it receive the report. */
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'query'; id: number; sql: string }
  /** Open a workspace file at a 0-based line; `file` is relative to the app's folder. */
  | { type: 'open'; file: string; line: number };

/** What the webview keeps across hide/show and reloads (vscode.getState / setState). */
export interface PanelState {
  /** The app the panel previews (a file or folder URI); the serializer restores it. */
  uri?: string;
  consoleSql?: string;
  history?: string[];
  scrollY?: number;
}
