import type { Finding, Fix } from '../findings/finding';
import type { Rule } from '../findings/rule';
import type { RawTableFact } from '../model/facts';
import type { WorkspaceNames } from '../model/names';
import { calleeName, type Value } from '../model/value';

const RULE = 'with-raw-tables-result';

/**
 * The value of `schema.withRawTables({ … })` used as a schema. In @powersync/common the method adds
 * the raw tables to the Schema it is called on and returns nothing (Schema.ts: `withRawTables(tables)
 * { for (…) this.rawTables.push(…) }`, in every version since 1.34.0), so the variable or property
 * it initializes is `undefined`; PowerSyncDatabase's constructor throws on a `schema` without
 * `toJSON` ("The `schema` option should be provided and should be an instance of `Schema`.",
 * since 1.16.2). Reported only where the receiver is a `new Schema(…)`, written there or held by
 * a constant.
 */
export const withRawTablesResult: Rule = {
  meta: {
    id: RULE,
    defaultSeverity: 'error',
    description: 'The result of Schema.withRawTables(…) (which returns nothing) used as the schema: it is undefined, and PowerSyncDatabase throws.',
    docs: `docs/rules/${RULE}.md`,
    fixable: true,
  },
  check(model) {
    const findings: Finding[] = [];
    for (const facts of model.files.values()) {
      for (const fact of facts.rawTables) {
        if (!fact.map || !fact.result || !fact.schema) continue;
        if (!isSchema(fact.schema, facts.uri, fact.owner ?? [], model.names)) continue;
        findings.push(finding(fact, facts.uri));
      }
    }
    return findings;
  },
};

/** `new Schema(…)`, or a constant holding one (read through local consts and workspace constants). */
function isSchema(value: Value, uri: string, owner: string[], names: WorkspaceNames, depth = 0): boolean {
  if (depth > 8) return false;
  if (value.kind === 'call') return calleeName(value) === 'Schema';
  if (value.kind !== 'ref') return false;
  if (value.localValue) return isSchema(value.localValue, uri, owner, names, depth + 1);
  if (value.declaredLocally) return false;
  const entry = names.resolveConstant([value.name], uri, owner);
  return entry !== undefined && entry.fact.isConst && isSchema(entry.fact.value, entry.uri, entry.fact.owner, names, depth + 1);
}

function finding(fact: RawTableFact, uri: string): Finding {
  const result = fact.result!;
  const name = result.name;
  const holder =
    result.use === 'variable' ? (name ? `'${name}'` : 'The variable')
    : result.use === 'property' ? (name ? `The property '${name}'` : 'The property')
    : name ? `'${name}'` : 'The assigned value';
  const schemaNote = result.use === 'property' && name === 'schema' ? ' Passed as `schema`, ' : ' Passed as a PowerSyncDatabase `schema`, ';
  const message =
    `${holder} is undefined: withRawTables(…) returns nothing. ` +
    `It adds the raw tables to the Schema it is called on (@powersync/common Schema.withRawTables has no return value).` +
    `${schemaNote}it makes new PowerSyncDatabase(…) throw 'The \`schema\` option should be provided and should be an instance of \`Schema\`.' ` +
    `Keep the Schema in its own constant and call withRawTables on it as a statement: \`const schema = new Schema({…}); schema.withRawTables({…});\`.`;
  const fixes: Fix[] = [];
  if (result.use === 'variable' && name && result.split) {
    fixes.push({
      title: `Keep the Schema in '${name}' and call withRawTables(…) on it`,
      preferred: true,
      edits: [{ uri, range: { start: result.split.at, end: result.split.at }, newText: `;\n${result.split.indent}${name}` }],
    });
  }
  return { rule: RULE, severity: 'error', message, loc: result.nameLoc ?? fact.loc, related: [{ loc: fact.loc, message: 'the withRawTables(…) call' }], fixes };
}
