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
  /** How long the last check of the whole workspace took. */
  lastCheckMs?: number;
  /** When the last check finished, as an ISO 8601 time. */
  lastCheckAt?: string;
}

/** Client → server request: read every workspace file from disk again and re-check. */
export const CHECK_WORKSPACE_REQUEST = 'rawsync/checkWorkspace';

export interface CheckWorkspaceResult {
  filesIndexed: number;
  findings: number;
  durationMs: number;
}
