// The messages Rawsync's client and server exchange beyond LSP. Plain names and types only, so
// the client bundle can import them without pulling in the server.

/** Server → client notification: what the server is doing, for the language status item. */
export const STATUS_NOTIFICATION = 'rawsync/status';

export interface ServerStatus {
  state: 'indexing' | 'checking' | 'idle';
  /** Files whose facts the workspace index holds. */
  filesIndexed: number;
  /** Findings of the last check, after severities and disable comments. */
  findings?: number;
  /** Of those, the not-analyzed ones: parts of the app no rule could check. */
  notChecked?: number;
  /** How long the last check of the whole workspace took. */
  lastCheckMs?: number;
  /** When the last check finished, as an ISO 8601 time. */
  lastCheckAt?: string;
  /** Goes up whenever the workspace's files change what the model says; a preview older than it is stale. */
  modelVersion?: number;
  /**
   * The edit this status follows, once the server has handled it (after the debounce): the
   * document, its version, and how long handling it took, re-check included when it needed one.
   * Sent for every handled edit, also when the edit changed nothing Rawsync reads.
   */
  handled?: { uri: string; version: number; ms: number; rechecked: boolean };
}

/** The code action kind of a file's fix-all (every preferred fix whose edits do not overlap). */
export const FIX_ALL_CODE_ACTION_KIND = 'source.fixAll.rawsync';

/** Client → server request: read every workspace file from disk again and re-check. */
export const CHECK_WORKSPACE_REQUEST = 'rawsync/checkWorkspace';

export interface CheckWorkspaceResult {
  filesIndexed: number;
  findings: number;
  durationMs: number;
}

/** Client → server request: build the app's database and simulate a sync in the PowerSync core. */
export const PREVIEW_REQUEST = 'rawsync/preview';

export interface PreviewParams {
  /** A file or folder of the app to preview; the first workspace folder when absent. */
  uri?: string;
}

export interface PreviewResponse {
  /** The app's folder, as a file URI: the report's `file` paths are relative to it. */
  root: string;
  title: string;
  report: import('../engine/preview-report').PreviewReport;
  /** The model the report was built from (see ServerStatus.modelVersion). */
  modelVersion: number;
  /** How long building and simulating took. */
  durationMs: number;
}

/** Client → server request: run SQL in the console over the last preview's database. */
export const PREVIEW_QUERY_REQUEST = 'rawsync/previewQuery';

export interface PreviewQueryParams {
  sql: string;
}

export type PreviewQueryResult = import('../engine/console-query').ConsoleResult;
