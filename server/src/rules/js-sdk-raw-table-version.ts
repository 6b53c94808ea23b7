import type { Finding } from '../findings/finding';
import type { Rule } from '../findings/rule';
import type { SourceLocation } from '../model/location';
import { evidencePlaces, installedText, jsSdkLacks, RAW_TABLE_SCHEMA_AND_CLEAR, WITH_RAW_TABLES } from '../model/powersync/js-sdk-versions';

const RULE = 'js-sdk-raw-table-version';

/**
 * Raw-table API the installed JS SDK does not have yet, where the app's package.json and lockfile
 * prove the version (every installed `@powersync/common`, `web`, `node` or `react-native` below the
 * first one with it):
 * - `withRawTables` before @powersync/common 1.34.0: no such method, a TypeError when the module loads;
 * - `schema` or `clear` in a raw table before 1.48.0: withRawTables kept `new RawTable(name, entry)`,
 *   whose constructor copied `put` and `delete` only, so `clear` never runs on disconnectAndClear()
 *   and a table declared by `schema` alone reaches the sync client without statements.
 * A version range without a lockfile says nothing: the rule stays silent.
 */
export const jsSdkRawTableVersion: Rule = {
  meta: {
    id: RULE,
    defaultSeverity: 'error',
    description: "Raw-table API the installed PowerSync JS SDK lacks (withRawTables before @powersync/common 1.34.0; a raw table's schema or clear before 1.48.0), per package.json and the lockfile.",
    docs: `docs/rules/${RULE}.md`,
    fixable: false,
  },
  check(model) {
    const findings: Finding[] = [];
    const versions = model.sdkVersions;
    if (!versions.npm) return findings;
    for (const facts of model.files.values()) {
      for (const fact of facts.rawTables) {
        if (!fact.map) continue;
        const lacks = jsSdkLacks(versions, facts.uri, WITH_RAW_TABLES);
        if (!lacks) continue;
        findings.push({
          rule: RULE,
          severity: 'error',
          message:
            `The installed PowerSync JS SDK has no Schema.withRawTables (it needs @powersync/common 1.34.0). ` +
            `withRawTables came with @powersync/common 1.34.0 (web 1.24.0, node 0.8.0, react-native 1.23.0). ` +
            `This call throws a TypeError (withRawTables is not a function) and nothing syncs into raw tables. ` +
            `Installed: ${installedText(lacks.evidence)}. Update the SDK.`,
          loc: fact.loc,
          related: evidencePlaces(lacks.evidence),
          fixes: [],
        });
      }
    }
    for (const table of model.rawTables) {
      if (table.api !== 'js' || !table.scope) continue;
      const parts: { what: 'schema' | 'clear'; loc: SourceLocation }[] = [];
      if (table.schema) parts.push({ what: 'schema', loc: table.schema.loc });
      if (table.clear) parts.push({ what: 'clear', loc: table.clear.loc });
      if (parts.length === 0) continue;
      if (jsSdkLacks(versions, table.scope.uri, WITH_RAW_TABLES)) continue;
      const lacks = jsSdkLacks(versions, table.scope.uri, RAW_TABLE_SCHEMA_AND_CLEAR);
      if (!lacks) continue;
      const name = table.name ?? '…';
      for (const part of parts) {
        const effect =
          part.what === 'clear'
            ? `disconnectAndClear() never runs it: the table keeps its rows after the clear.`
            : table.put && table.delete
              ? `its tableName, syncedColumns and options never reach PowerSync (the written put and delete are used as they are).`
              : `the table reaches the sync client without ${table.put ? 'a delete' : table.delete ? 'a put' : 'put and delete'} statement${table.put || table.delete ? '' : 's'}, so PowerSync has nothing to apply its synced rows with.`;
        findings.push({
          rule: RULE,
          severity: 'error',
          message:
            `The installed PowerSync JS SDK drops the ${part.what} of raw table '${name}' (it needs @powersync/common 1.48.0). ` +
            `Raw tables' schema and clear came with @powersync/common 1.48.0 (web 1.35.0, node 0.18.0, react-native 1.31.0). ` +
            `Before it, withRawTables kept each table as new RawTable(name, entry), whose constructor copied put and delete only; ${effect} ` +
            `Installed: ${installedText(lacks.evidence)}. Update the SDK${part.what === 'schema' ? ', or write put and delete statements' : ''}.`,
          loc: part.loc,
          related: evidencePlaces(lacks.evidence),
          fixes: [],
        });
      }
    }
    return findings;
  },
};

