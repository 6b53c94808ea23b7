import type { Finding, RelatedLocation } from '../findings/finding';
import type { Rule } from '../findings/rule';
import type { PostgresTable } from '../model/backend/postgres-schema';
import type { SyncConfig, SyncedOutputTable } from '../model/backend/sync-configs';
import { syncedTables, type SyncedTable } from '../model/synced-tables';
import { uploadTarget } from '../model/backend/upload-target';
import { crudUploads, type CrudUpload, type UploadedKey } from './crud-uploads';
import { shortFileName } from '../model/location';

const RULE = 'upload-column-not-in-postgres';

/**
 * A key a CRUD trigger puts into ps_crud for a raw table that the Postgres table it syncs from
 * does not have: an upload connector that writes each ps_crud row's data to the table by column
 * name (PowerSync's Supabase connector examples: `upsert({...opData, id})`, `update(opData)` on
 * `from(op.table)`) has the write rejected. Only when the trigger's type and keys are all known,
 * the sync config sends the raw table's name from one Postgres table of that same name in
 * `public` (the connector writes `op.table`), and the migrations give all of that table's columns.
 */
export const uploadColumnNotInPostgres: Rule = {
  meta: {
    id: RULE,
    defaultSeverity: 'warning',
    description: "A column the CRUD triggers upload that the raw table's Postgres table does not have: an upload connector that writes ps_crud data by column name has the write rejected.",
    docs: 'docs/rules/upload-column-not-in-postgres.md',
    fixable: false,
  },
  check(model) {
    // Several sync configs (staging, production): which one the app meets is not known.
    if (model.backend.syncConfigs.length !== 1) return [];
    const config = model.backend.syncConfigs[0];
    const postgres = model.backend.postgres;
    if (!config.outputTables || !postgres || postgres.unknown) return [];
    const findings: Finding[] = [];
    // The INSERT and UPDATE triggers one helper call creates in a loop share a place: one finding there per key.
    const seen = new Set<string>();
    let synced: SyncedTable[] | undefined;
    for (const upload of crudUploads(model)) {
      // Raw tables only: a view-backed PowerSync table uploads through its views, not these triggers.
      if (!model.rawTables.some((r) => r.name === upload.type)) continue;
      const target = uploadTarget(model, upload.type);
      if (!target) continue;
      for (const key of upload.keys) {
        if (key.name === 'id' || target.table.columns.some((c) => c.name === key.name)) continue;
        // trigger-uploads-local-columns reports a local-only column in a hand-written trigger.
        if (!upload.generated && uploadsLocalOnlyColumn((synced ??= syncedTables(model)), upload, key)) continue;
        const place = JSON.stringify([key.loc, upload.type, key.name]);
        if (seen.has(place)) continue;
        seen.add(place);
        findings.push(finding(upload, key, target, config));
      }
    }
    return findings;
  },
};

/** The key names a column of the trigger's table that no raw table syncs. */
function uploadsLocalOnlyColumn(tables: readonly SyncedTable[], upload: CrudUpload, key: UploadedKey): boolean {
  const tableName = upload.trigger.table?.toLowerCase();
  if (tableName === undefined) return false;
  const synced = tables.find((s) => s.table.name.toLowerCase() === tableName);
  return synced?.localOnlyColumns.some((c) => c.name.toLowerCase() === key.name.toLowerCase()) ?? false;
}

function finding(upload: CrudUpload, key: UploadedKey, target: { table: PostgresTable; output: SyncedOutputTable }, config: SyncConfig): Finding {
  const { table, output } = target;
  const pgName = `${table.schema}.${table.name}`;
  const renamed = output.columns.find((c) => c.name === key.name)?.from;
  const renamedFrom = renamed?.startsWith(`${pgName}.`) ? renamed.slice(pgName.length + 1) : undefined;
  const trigger = upload.generated
    ? `The trigger powersync_create_raw_table_crud_trigger creates for '${upload.type}' (${shortFileName(upload.trigger.loc.uri)}) puts every column of '${upload.table!.name}' but id${upload.syncedColumns ? ' that synced_columns lists' : ''} into ps_crud, '${key.name}' among them.`
    : `${upload.trigger.name === undefined ? 'This trigger' : `Trigger '${upload.trigger.name}'`} (${shortFileName(upload.trigger.loc.uri)}) puts '${key.name}' into the ps_crud data of '${upload.type}'.`;
  const advice = renamedFrom !== undefined
    ? `The sync config (${shortFileName(config.uri)}) renames Postgres column '${renamedFrom}' to '${key.name}' (${renamedFrom} AS ${key.name}), and the upload carries the client's name: upload it as '${renamedFrom}', or map the name back in uploadData.`
    : upload.generated
      ? `${upload.syncedColumns ? `Take '${key.name}' out of the synced columns` : `List the columns to upload in the raw table's syncedColumns (the core's trigger then leaves '${key.name}' out)`}, add the column to ${pgName} in a migration, or map it in uploadData.`
      : `Upload only columns ${pgName} has, add the column in a migration, or map the name in uploadData.`;
  const related: RelatedLocation[] = [
    { loc: table.loc, message: `Postgres table ${pgName}, without '${key.name}'` },
    ...(renamedFrom !== undefined ? output.queries.map((q) => ({ loc: q.loc, message: `${q.kind} '${q.definition}' sends '${renamedFrom}' as '${key.name}'` })) : []),
    ...(key.column ? [{ loc: key.column.loc, message: `local column '${key.name}'` }] : []),
  ];
  return {
    rule: RULE,
    severity: 'warning',
    message:
      `Uploads of '${upload.type}' carry '${key.name}', a column Postgres table ${pgName} does not have. ` +
      `${trigger} ` +
      `The upload connector writes ps_crud rows to Postgres by column name (as PowerSync's Supabase connector examples do, upserting and updating the row's data in table '${upload.type}'), so the write is rejected (PostgREST: PGRST204, column not found); a connector that retries it holds every later upload behind it. ` +
      advice,
    loc: key.loc,
    related,
    fixes: [],
  };
}
