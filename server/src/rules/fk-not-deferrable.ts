import { syncedTables } from '../model/synced-tables';
import { foreignKeySetting } from '../model/foreign-key-setting';
import { deferredForeignKeyFix } from '../generate/deferred-foreign-key';
import { sqlDeferredForeignKeyFix } from '../generate/sql-deferred-foreign-key';
import { driftDeferredForeignKeyFix } from '../generate/drift-deferred-foreign-key';
import type { Finding } from '../findings/finding';
import type { Rule } from '../findings/rule';

/**
 * Drizzle's SQLite foreign keys take only onDelete and onUpdate, and drizzle-kit writes no DEFERRABLE
 * clause (docs/facts.md §10): the key cannot be deferred in the Drizzle declaration, so no fix edits it.
 */
const DRIZZLE_ADVICE =
  "Drizzle cannot declare a SQLite foreign key deferrable (.references() and foreignKey() take only onDelete and onUpdate): drop the key from the Drizzle table (relations() still joins the tables in queries), or create the table with SQL that declares it DEFERRABLE INITIALLY DEFERRED (such as drizzle-kit's generated migration, edited).";

/**
 * Drift's `references(…)` takes `initiallyDeferred: true` (drift 2.19.0, docs/facts.md §12), which
 * Drift's migrator writes as DEFERRABLE INITIALLY DEFERRED.
 */
const DRIFT_ADVICE =
  "Pass initiallyDeferred: true to the Drift table's references(…) (drift 2.19.0 or later), which Drift writes as DEFERRABLE INITIALLY DEFERRED; Drift's migrator creates the table only once, so migrate an existing table.";

/**
 * A foreign key on a synced table that SQLite checks at once: PowerSync applies a checkpoint's
 * rows in no order the app controls, so a child can arrive before its parent.
 */
export const fkNotDeferrable: Rule = {
  meta: {
    id: 'fk-not-deferrable',
    defaultSeverity: 'error',
    description: 'A foreign key on a synced table that is not DEFERRABLE INITIALLY DEFERRED, or uses RESTRICT.',
    docs: 'docs/rules/fk-not-deferrable.md',
    fixable: true,
  },
  check(model) {
    const findings: Finding[] = [];
    // SQLite checks no foreign key unless the connection turns them on (Room does when an entity
    // declares one; no PowerSync SDK does): an unchecked key cannot fail a sync.
    const setting = foreignKeySetting(model);
    if (!setting.enabled) return findings;
    for (const { table } of syncedTables(model)) {
      for (const fk of table.foreignKeys) {
        const restrict = [fk.onDelete, fk.onUpdate].includes('RESTRICT');
        if (fk.deferred && !restrict) continue;
        const room = table.origin === 'room-entity';
        const parts: string[] = [];
        if (!fk.deferred) {
          parts.push(
            `The foreign key from '${table.name}' to '${fk.parentTable}' is checked immediately. PowerSync applies synced rows in an order the app does not control, so when a '${table.name}' row arrives before its '${fk.parentTable}' row the sync fails with 'FOREIGN KEY constraint failed' and stops.` +
              (room ? ' Room turns foreign keys on for every connection, and its ForeignKey defaults to deferred = false.' : ` SQLite checks it because ${setting.reason}.`),
          );
          parts.push(room ? 'Add deferred = true to the ForeignKey.' : table.origin === 'drizzle' ? DRIZZLE_ADVICE : table.origin === 'drift' ? (fk.driftReference ? DRIFT_ADVICE : 'Declare it DEFERRABLE INITIALLY DEFERRED in the Drift table\'s customConstraint.') : 'Declare it DEFERRABLE INITIALLY DEFERRED.');
        }
        if (restrict) {
          if (fk.deferred) parts.push(`A sync that deletes a '${fk.parentTable}' row before its children fails.`);
          parts.push(`RESTRICT is checked at once even on a deferred foreign key, so a sync that deletes or re-keys a '${fk.parentTable}' row before its children fails; prefer NO ACTION with a deferred key.`);
        }
        findings.push({
          rule: 'fk-not-deferrable',
          severity: 'error',
          message: parts.join(' '),
          loc: fk.loc,
          related: [{ loc: table.nameLoc, message: `synced table '${table.name}'` }],
          fixes: [room ? deferredForeignKeyFix(fk) : table.origin === 'drift' ? driftDeferredForeignKeyFix(fk) : sqlDeferredForeignKeyFix(table, fk)].filter((f) => f !== undefined),
        });
      }
    }
    return findings;
  },
};
