import { sameSqlName } from '../sql/sql-text';
import { anyFileUnread, syncedTables } from '../model/synced-tables';
import { shortFileName, type SourceLocation } from '../model/location';
import { uncalledFunction, type UncalledFunction } from '../model/uncalled-functions';
import type { Trigger, WorkspaceModel } from '../model/workspace';
import { crudTriggersFix } from '../generate/crud-triggers-fix';
import { runtimeCrudTriggersFix } from '../generate/runtime-crud-triggers-fix';
import type { Finding, RelatedLocation } from '../findings/finding';
import type { Rule } from '../findings/rule';

type CrudEvent = NonNullable<Trigger['event']>;

const ALL_EVENTS: readonly CrudEvent[] = ['INSERT', 'UPDATE', 'DELETE'];

const VERB: Record<CrudEvent, string> = { INSERT: 'inserts', UPDATE: 'updates', DELETE: 'deletes' };

/** Raw tables are not PowerSync's views: without triggers into powersync_crud nothing is uploaded. */
export const missingCrudTriggers: Rule = {
  meta: {
    id: 'missing-crud-triggers',
    defaultSeverity: 'warning',
    description: 'A synced table with no INSERT, UPDATE or DELETE trigger writing powersync_crud: local writes are never uploaded.',
    docs: 'docs/rules/missing-crud-triggers.md',
    fixable: true,
  },
  check(model, ctx) {
    // A helper call the core refuses creates no trigger.
    const crudTriggers = model.triggers.filter((t) => t.writesPowerSyncCrud && t.fails === undefined);
    const refused = model.triggers.filter((t) => t.fails !== undefined && t.table !== undefined);
    // A CRUD trigger whose table cannot be known may cover any table; so may an unread file.
    if (crudTriggers.some((t) => t.table === undefined) || anyFileUnread(model)) return [];
    // A trigger created in a function nothing calls is never created.
    const uncalled = new Map<Trigger, UncalledFunction>();
    const judged = new Map<string, UncalledFunction | undefined>();
    for (const t of crudTriggers) {
      if (!t.scope) continue;
      const key = `${t.scope.uri}#${t.scope.owner.join('.')}#${t.scope.enclosingFunction ?? ''}`;
      if (!judged.has(key)) judged.set(key, uncalledFunction(model, t.scope));
      const fn = judged.get(key);
      if (fn) uncalled.set(t, fn);
    }
    const findings: Finding[] = [];
    for (const synced of syncedTables(model)) {
      const uploading = synced.rawTables.filter((rt) => !rt.schema?.options.localOnly);
      if (uploading.length === 0) continue;
      const all = crudTriggers.filter((t) => sameSqlName(t.table!, synced.table.name));
      const covering = all.filter((t) => !uncalled.has(t));
      if (covering.some((t) => t.event === undefined)) continue;
      // Insert-only tables upload inserts only; their UPDATE/DELETE triggers would block writes.
      const needed = uploading.every((rt) => rt.schema?.options.insertOnly) ? ['INSERT' as const] : ALL_EVENTS;
      const missing = needed.filter((event) => !covering.some((t) => t.event === event));
      if (missing.length === 0) continue;
      const [first, ...others] = uploading;
      const table = synced.table.name;
      const lost = missing.map((e) => VERB[e]);
      const lostText = listed(lost);
      const failing = refused.filter((t) => sameSqlName(t.table!, synced.table.name) && (t.event === undefined || missing.includes(t.event)));
      const dormant = all.filter((t) => uncalled.has(t) && (t.event === undefined || missing.includes(t.event)));
      if (dormant.length > 0 && failing.length === 0) {
        findings.push(uncalledFinding(synced.table, first.loc, others, covering, dormant, uncalled, missing, lostText, callbackMethods(model)));
        continue;
      }
      const message = failing.length > 0
        ? `Local ${lostText} of '${table}' are never uploaded. powersync_create_raw_table_crud_trigger fails for '${table}' with '${failing[0].fails}': the JSON of a RawTable(…) written without a RawTableSchema has no table_name, so the core creates no trigger (and the call throws). Declare the table with RawTable.inferred(…, schema: RawTableSchema(…)), keeping its put and delete, or create the triggers in SQL.`
        : covering.length === 0
        ? `Local ${lostText} of '${table}' are never uploaded. No trigger records local writes to '${table}' in powersync_crud (no CREATE TRIGGER and no powersync_create_raw_table_crud_trigger call for it): ${lostText} made in the app stay on the device and are never uploaded. Create INSERT, UPDATE and DELETE triggers after the table exists.`
        : `Local ${lostText} of '${table}' are never uploaded. '${table}' has no ${missing.join(' or ')} trigger writing powersync_crud: ${lostText} made in the app stay on the device and are never uploaded. Add ${missing.length === 1 ? 'that trigger' : 'those triggers'} next to the others.`;
      const related: RelatedLocation[] = [
        { loc: synced.table.nameLoc, message: `table '${table}'` },
        ...others.map((rt) => ({ loc: rt.loc, message: `raw table '${rt.name ?? table}'` })),
        ...covering.map((t) => ({ loc: t.loc, message: `${t.event} trigger` })),
        ...failing.slice(0, 1).map((t) => ({ loc: t.loc, message: 'the trigger helper call the core refuses' })),
        ...callbackMethods(model).map((loc) => ({ loc, message: 'a Room callback where the triggers can be created' })),
      ];
      const fixes = [
        crudTriggersFix(model, ctx, first, synced.table, missing),
        runtimeCrudTriggersFix(model, ctx, first, synced.table, missing),
      ].filter((f) => f !== undefined);
      findings.push({ rule: 'missing-crud-triggers', severity: 'warning', message, loc: first.loc, related, fixes });
    }
    return findings;
  },
};

/**
 * The table's triggers for the missing events are created only in functions nothing calls. No
 * fix: where the app creates its tables, and so where the call belongs, is the app's to say.
 */
function uncalledFinding(
  table: { name: string; nameLoc: SourceLocation },
  loc: SourceLocation,
  others: { name?: string; loc: SourceLocation }[],
  covering: Trigger[],
  dormant: Trigger[],
  uncalled: ReadonlyMap<Trigger, UncalledFunction>,
  missing: readonly CrudEvent[],
  lostText: string,
  callbacks: SourceLocation[],
): Finding {
  const functions = [...new Map(dormant.map((t) => uncalled.get(t)!).map((f) => [`${f.uri}#${f.name}`, f])).values()];
  const where = listed(functions.map((f) => `${f.name} (${shortFileName(f.uri)})`));
  const events = ALL_EVENTS.filter((e) => dormant.some((t) => t.event === undefined || t.event === e));
  const absent = missing.filter((e) => !events.includes(e));
  const which = covering.length === 0 && absent.length === 0 ? 'Its triggers are' : `Its ${listed(events)} ${events.length === 1 ? 'trigger is' : 'triggers are'}`;
  const one = functions.length === 1;
  const message = `Local ${lostText} of '${table.name}' are never uploaded. ${which} created in ${where}, which nothing in the workspace calls: `
    + `call ${one ? 'it' : 'them'} once the table exists, where the app creates its tables.`
    + (absent.length > 0 ? ` No trigger records its ${listed(absent.map((e) => VERB[e]))} at all.` : '');
  const related: RelatedLocation[] = [
    { loc: table.nameLoc, message: `table '${table.name}'` },
    ...others.map((rt) => ({ loc: rt.loc, message: `raw table '${rt.name ?? table.name}'` })),
    ...dormant.map((t) => ({ loc: t.loc, message: `${t.event ?? 'CRUD'} trigger, created in ${uncalled.get(t)!.name}, which nothing calls` })),
    ...callbacks.map((at) => ({ loc: at, message: `a Room callback where ${one ? 'it' : 'they'} can be called` })),
  ];
  return { rule: 'missing-crud-triggers', severity: 'warning', message, loc, related, fixes: [] };
}

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `onOpen` (else `onCreate`) of every RoomDatabase.Callback subclass. */
function callbackMethods(model: WorkspaceModel): SourceLocation[] {
  const out: SourceLocation[] = [];
  for (const facts of model.files.values()) {
    for (const callback of facts.roomCallbacks) {
      const cls = facts.classes.find((c) => c.name === callback.className);
      const method = cls?.functions.find((f) => f.name === 'onOpen') ?? cls?.functions.find((f) => f.name === 'onCreate');
      if (method) out.push(method.loc);
    }
  }
  return out;
}
