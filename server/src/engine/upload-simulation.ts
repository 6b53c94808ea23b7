import { errorText, type CoreDatabase } from './database';
import { readCrud, type CrudEntry } from './sync-simulation';

/**
 * What an SDK does once its upload handler has sent `ps_crud` to the backend: it deletes the
 * uploaded entries, then records the checkpoint request id the service handed out for them
 * (`powersync_control('target_checkpoint_request_id', id)`). The core applies no checkpoint while
 * `ps_crud` holds a row, nor one whose `write_checkpoint` is below that id, so the next
 * checkpoint must carry `writeCheckpoint` (see CheckpointOptions) to be applied.
 */
export interface CompletedUpload {
  ok: boolean;
  error?: string;
  /** The entries the upload handler sent, oldest first. */
  uploaded: CrudEntry[];
  /** The write checkpoint the service's next checkpoint must carry. */
  writeCheckpoint: string;
}

export function completeUpload(db: CoreDatabase, checkpointRequestId: number): CompletedUpload {
  const writeCheckpoint = String(checkpointRequestId);
  let uploaded: CrudEntry[] = [];
  try {
    uploaded = readCrud(db);
  } catch {
    // Entries that are not the core's JSON are uploaded (and deleted) all the same.
  }
  try {
    db.transaction(() => {
      const last = Number(db.scalar('select coalesce(max(id), 0) from ps_crud'));
      db.exec('DELETE FROM ps_crud WHERE id <= ?', [last]);
      db.query("select powersync_control('target_checkpoint_request_id', ?)", [writeCheckpoint]);
    });
    return { ok: true, uploaded, writeCheckpoint };
  } catch (error) {
    return { ok: false, error: errorText(error), uploaded, writeCheckpoint };
  }
}
