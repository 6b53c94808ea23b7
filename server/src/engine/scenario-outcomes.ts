/**
 * What a simulated step can reveal about the app, named so the preview, the report and tests can
 * tell them apart. Each outcome keeps the core's own error text where there is one.
 */
export type OutcomeKind =
  /** A put that is not an upsert met a row the first sync inserted. */
  | 'unique-constraint'
  /** An immediate foreign key saw a child row before its parent. */
  | 'foreign-key'
  /** Another constraint (NOT NULL, CHECK) failed while applying synced rows. */
  | 'constraint'
  /** SQLite or the core refused a statement: syntax, a missing table or column, a parameter count. */
  | 'statement-rejected'
  /** A local-only column lost its local value when the server edited the row. */
  | 'local-only-reset'
  /** A local write left nothing in `ps_crud`: it is never uploaded. */
  | 'no-upload'
  /** A local write left something in `ps_crud` other than the one entry expected. */
  | 'unexpected-upload'
  /** An update of a local-only column was queued for upload. */
  | 'local-only-uploaded'
  /** A local write failed. */
  | 'local-write-failed'
  /** The core accepted a checkpoint but did not apply it. */
  | 'checkpoint-held-back'
  /** Synced rows that should be in a table are not. */
  | 'rows-missing'
  /** The server's edit of a row did not reach a synced column. */
  | 'update-not-applied';

export interface SimulationOutcome {
  kind: OutcomeKind;
  /** The step it was seen at. */
  step: string;
  /** The raw table's sync name, when one is concerned. */
  rawTable?: string;
  /** The local table, when one is concerned. */
  table?: string;
  /** What happened and why, in a sentence or two. */
  message: string;
  /** The core's (or SQLite's) own error text. */
  error?: string;
}

export type CoreErrorKind = 'unique-constraint' | 'foreign-key' | 'constraint' | 'statement-rejected';

/** Sorts an error text from the core or SQLite into the outcome it shows. */
export function classifyCoreError(error: string): CoreErrorKind {
  if (/UNIQUE constraint failed|PRIMARY KEY must be unique/i.test(error)) return 'unique-constraint';
  if (/FOREIGN KEY constraint failed/i.test(error)) return 'foreign-key';
  if (/(NOT NULL|CHECK) constraint failed|constraint failed/i.test(error)) return 'constraint';
  return 'statement-rejected';
}

/**
 * The raw table (sync name) the core was applying when it failed: its messages read
 * `powersync_control: replacing into <name>, id = …` or `deleting from <name>, id = …`.
 */
export function failingRawTable(error: string): string | undefined {
  return /(?:replacing into|deleting from|into|from) ([^\s,]+), id = /.exec(error)?.[1];
}

/** The `table.column` SQLite names in a constraint failure, e.g. `todo.id`. */
export function failingColumn(error: string): string | undefined {
  return /constraint failed: ([^\s,]+)/.exec(error)?.[1];
}
