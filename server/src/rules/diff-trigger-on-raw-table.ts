import type { Finding } from '../findings/finding';
import type { Rule } from '../findings/rule';
import { evaluateObject, evaluateString } from '../model/evaluate';
import { locationKey } from '../model/powersync/declared-values';
import type { RawTable } from '../model/workspace';

const RULE = 'diff-trigger-on-raw-table';

/**
 * PowerSync's High Performance Diffs (`db.triggers.trackTableDiff`, `db.triggers.createDiffTrigger`)
 * on a raw table. The SDK's TriggerManager looks the `source` up among the schema's view-backed
 * tables only (`this.schema.tables.find((table) => table.viewName == source)`; raw tables are in
 * `schema.rawTables`) and otherwise throws `Source table or view "<source>" not found in the
 * schema.`. PowerSync's raw-table docs: "Raw tables are not currently compatible with the High
 * Performance Diffs feature available in our JavaScript SDKs."
 * Reported only when every schema of the workspace was read in full and none has a view of that name.
 */
export const diffTriggerOnRawTable: Rule = {
  meta: {
    id: RULE,
    defaultSeverity: 'error',
    description: 'db.triggers.trackTableDiff / createDiffTrigger on a raw table: PowerSync looks the source up among view-backed tables only and throws.',
    docs: `docs/rules/${RULE}.md`,
    fixable: false,
  },
  check(model) {
    const findings: Finding[] = [];
    const calls = [...model.files.values()].flatMap((f) => (f.diffTriggers ?? []).map((fact) => ({ fact, uri: f.uri })));
    if (calls.length === 0) return findings;
    // A schema that was not read in full may hold a view of any name; so may a `new Schema(…)` the
    // model could not take as one (an array, an argument built at run time), or a file left unread.
    if (model.schemas.length === 0 || model.schemas.some((s) => s.unresolved && s.unresolved.length > 0)) return findings;
    const read = new Set(model.schemas.map((s) => locationKey(s.loc)));
    for (const facts of model.files.values()) {
      if (facts.language === 'typescript' && facts.unread) return findings;
      if (facts.schemas.some((fact) => facts.language === 'typescript' && !read.has(locationKey(fact.call.loc)))) return findings;
    }
    const views = new Set<string>();
    for (const schema of model.schemas) {
      for (const view of schema.viewTables) {
        if (view.viewName === undefined) return findings;
        views.add(view.viewName);
      }
    }
    const rawTables = model.rawTables.filter((t) => t.api === 'js');
    for (const { fact, uri } of calls) {
      const scope = model.names.scope(uri, fact.owner ?? []);
      const options = evaluateObject(fact.options, scope);
      const member = options?.members.find((m) => m.key === 'source');
      if (!member) continue;
      const source = evaluateString(member.value, member.scope);
      if (source === undefined || views.has(source)) continue;
      const table = rawTables.find((t) => t.name === source || t.localTable === source);
      if (!table) continue;
      findings.push(finding(fact.method, source, table, member.value.loc));
    }
    return findings;
  },
};

function finding(method: string, source: string, table: RawTable, loc: Finding['loc']): Finding {
  const which = table.name === source ? 'a raw table' : `the local table of raw table '${table.name ?? '…'}'`;
  return {
    rule: RULE,
    severity: 'error',
    message:
      `${method} rejects: '${source}' is ${which}, not a view-backed table. ` +
      `High Performance Diffs work on view-backed tables only: PowerSync's TriggerManager looks the source up among the schema's view-backed tables (raw tables are not among them) and rejects: Source table or view "${source}" not found in the schema. ` +
      `Watch the raw table with db.watch / db.onChange over a query of it, or with triggers of your own on it.`,
    loc,
    related: [{ loc: table.nameLoc, message: `raw table '${table.name ?? source}'` }],
    fixes: [],
  };
}
