import { sameSqlName } from '../sql/sql-text';
import { syncedUploadFix } from '../generate/synced-upload-fix';
import type { Column } from '../model/workspace';
import type { Finding } from '../findings/finding';
import { handWrittenCrudTriggers, jsonObjectEntries, triggerSpan } from './hand-written-triggers';
import { rowReferences } from '../sql/row-references';
import type { SqlToken } from '../sql/sql-text';
import type { Rule } from '../findings/rule';

/** A hand-written CRUD trigger that puts a local-only column into the upload. */
export const triggerUploadsLocalColumns: Rule = {
  meta: {
    id: 'trigger-uploads-local-columns',
    defaultSeverity: 'error',
    description: "A hand-written trigger whose json_object carries a local-only column into powersync_crud.",
    docs: 'docs/rules/trigger-uploads-local-columns.md',
    fixable: true,
  },
  check(model) {
    const findings: Finding[] = [];
    for (const { trigger, outline, synced } of handWrittenCrudTriggers(model)) {
      const localOnly = synced?.localOnlyColumns ?? [];
      if (localOnly.length === 0) continue;
      const carried: Column[] = [];
      let firstEntry: { keyTokens: SqlToken[]; value: SqlToken[] } | undefined;
      for (const entry of jsonObjectEntries(outline)) {
        const referenced = rowReferences(entry.value).map((r) => r.column);
        for (const column of localOnly) {
          const named = entry.key !== undefined && sameSqlName(entry.key, column.name);
          if ((named || referenced.some((r) => sameSqlName(r, column.name))) && !carried.includes(column)) {
            carried.push(column);
            firstEntry ??= entry;
          }
        }
      }
      if (carried.length === 0) continue;
      const table = synced!.table.name;
      const list = carried.map((c) => `'${c.name}'`).join(', ');
      const plural = carried.length > 1;
      findings.push({
        rule: 'trigger-uploads-local-columns',
        severity: 'error',
        message: `${trigger.name === undefined ? 'This trigger' : `Trigger '${trigger.name}'`} uploads the local-only column${plural ? 's' : ''} ${list} of '${table}'. No raw table syncs ${plural ? 'them' : 'it'}, yet every local write now hands ${plural ? 'them' : 'it'} to your connector's uploadData: a backend without ${plural ? 'those columns' : 'that column'} rejects the write and later uploads wait behind it. Keep json_object to the synced columns.`,
        loc: firstEntry ? triggerSpan(trigger, firstEntry.keyTokens[0], firstEntry.value[firstEntry.value.length - 1]) : trigger.loc,
        related: carried.map((c) => ({ loc: c.loc, message: `local-only column '${c.name}'` })),
        fixes: synced!.syncedColumns ? [syncedUploadFix(trigger, synced!.table, localOnly, synced!.syncedColumns)].filter((f) => f !== undefined) : [],
      });
    }
    return findings;
  },
};
