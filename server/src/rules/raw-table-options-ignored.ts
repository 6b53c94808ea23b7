import type { Finding } from '../findings/finding';
import type { Rule } from '../findings/rule';

const RULE = 'raw-table-options-ignored';

/**
 * A JS SDK raw table whose table options (`localOnly`, `insertOnly`, `trackMetadata`,
 * `trackPrevious`, `ignoreEmptyUpdates`) are written beside `put`, `delete` or `schema` instead of
 * inside `schema`. @powersync/common's Schema.rawTableToJson, which builds the JSON the core gets
 * (powersync_replace_schema, the sync client, powersync_create_raw_table_crud_trigger), copies
 * `name`, `put`, `delete`, `clear` and the options of `schema` only: an option beside them is
 * dropped without a word (a TypeScript object literal written in place is an excess-property
 * error; a JavaScript file or a declaration held by a typed-wider constant is not).
 */
export const rawTableOptionsIgnored: Rule = {
  meta: {
    id: RULE,
    defaultSeverity: 'warning',
    description: 'A JS raw table option (localOnly, insertOnly, trackMetadata, trackPrevious, ignoreEmptyUpdates) beside schema instead of inside it: PowerSync ignores it.',
    docs: `docs/rules/${RULE}.md`,
    fixable: false,
  },
  check(model) {
    const findings: Finding[] = [];
    for (const table of model.rawTables) {
      if (table.api !== 'js' || !table.optionsOutsideSchema) continue;
      const name = table.name ?? '…';
      for (const option of table.optionsOutsideSchema) {
        const inside = table.schema
          ? 'into its `schema: { … }`'
          : `into a \`schema: { tableName: …, ${option.key}: … }\` of the table (@powersync/common 1.48.0 and later; tableName defaults to the sync name '${name}')`;
        findings.push({
          rule: RULE,
          severity: 'warning',
          message:
            `PowerSync ignores '${option.key}' on raw table '${name}': raw table options are read only inside \`schema\`. ` +
            `@powersync/common's Schema.rawTableToJson copies name, put, delete, clear and the options of schema into the JSON the core gets; '${option.key}' beside them is dropped without a word, so the table behaves as if it were not set. ` +
            `Move it ${inside}.`,
          loc: option.loc,
          related: table.schema ? [{ loc: table.schema.loc, message: `the schema of raw table '${name}'` }] : [],
          fixes: [],
        });
      }
    }
    return findings;
  },
};
