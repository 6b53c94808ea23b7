import { closingParen, isSymbol, tokenizeSql, type SqlToken } from '../sql/sql-text';
import type { ExportedSchemaFact } from '../model/facts';
import type { SourceLocation } from '../model/location';
import { entityTablesOf, roomSchemaExports, type RoomSchemaExport } from '../model/room-schema-exports';
import type { Table, WorkspaceModel } from '../model/workspace';
import type { Finding } from '../findings/finding';
import type { Rule } from '../findings/rule';

const RULE = 'room-schema-drift';

/**
 * An entity whose CREATE TABLE, as Rawsync derives it by Room's rules, is not the one Room's
 * exported schema of the same database class and version holds for its table. Either the export
 * is stale (the entity changed and the version did not) or the derivation is wrong, and every
 * other check of the table stands on it. Compared to the character, after only the export's
 * `${TABLE_NAME}` placeholder is replaced (reference/room.md §1.1, §5). Silent when the database's
 * version is unknown, when no export of that version exists or lacks the table, when the entity
 * did not fully resolve, and when the exports of that version (one per variant) disagree.
 */
export const roomSchemaDrift: Rule = {
  meta: {
    id: RULE,
    defaultSeverity: 'info',
    description: "An entity whose CREATE TABLE is not the one in Room's exported schema of the same database version: the export is stale, or Rawsync derived the table wrongly.",
    docs: 'docs/rules/room-schema-drift.md',
    fixable: false,
  },
  check(model) {
    const findings: Finding[] = [];
    for (const exported of roomSchemaExports(model)) {
      for (const table of entityTablesOf(exported.database, model)) {
        if (table.unresolved || table.exportedFrom || table.definitions) continue;
        const facts = exported.tables.get(table.name);
        if (!facts) continue;
        const statements = new Set(facts.map((f) => f.createSql));
        // Exports of one version that disagree (variants): which one this code builds is not known.
        if (statements.size !== 1) continue;
        const [createSql] = statements;
        if (createSql === table.createSql) continue;
        findings.push(finding(model, exported, table, facts, createSql));
      }
    }
    return findings;
  },
};

function finding(model: WorkspaceModel, exported: RoomSchemaExport, table: Table, facts: ExportedSchemaFact[], createSql: string): Finding {
  const { version, database } = exported;
  const difference = describeDifference(createSql, table.createSql);
  const shown = difference.definition ? difference.text : `${difference.text} The export has ${createSql}; the entity gives ${table.createSql}.`;
  return {
    rule: RULE,
    severity: 'info',
    message:
      `Table '${table.name}' differs from Room's exported schema (version ${version}). ` +
      `${shown} ` +
      `Either the export is stale: ${table.entity?.className ?? 'the entity'} changed after Room wrote it, and ${database.className}'s version stayed ${version}. ` +
      `Room keeps a hash of the schema in each database and checks it on open: a database an earlier build created at version ${version} fails that check ('Room cannot verify the data integrity') when the tables differ in what the hash covers (columns, affinities, NOT NULL, defaults, keys, indices, foreign keys; not COLLATE, not the order of columns). ` +
      `If so, raise the version, add a migration, and build to export the new schema. ` +
      `Or Rawsync derived the table wrongly, and its other checks of '${table.name}' stand on that: please report it.`,
    loc: classNameLoc(model, table),
    related: facts.map((f) => ({ loc: f.loc, message: `the CREATE TABLE of '${table.name}' in Room's export of ${database.className} version ${version}${f.variant ? ` (${f.variant})` : ''}` })),
    fixes: [],
  };
}

/** The entity's class name, where a disable comment above it silences the finding. */
function classNameLoc(model: WorkspaceModel, table: Table): SourceLocation {
  const file = model.files.get(table.loc.uri);
  const cls = file?.classes.find((c) => sameRange(c.loc, table.loc) && c.name === table.entity?.className);
  return cls?.nameLoc ?? table.nameLoc;
}

function sameRange(a: SourceLocation, b: SourceLocation): boolean {
  const [x, y] = [a.range, b.range];
  return x.start.line === y.start.line && x.start.character === y.start.character && x.end.line === y.end.line && x.end.character === y.end.character;
}

interface Difference {
  /** In words, one or more sentences. */
  text: string;
  /** True when `text` shows the definitions that differ (else both statements are to be shown). */
  definition: boolean;
}

/** The first definition (column, key or foreign key) where the exported statement and the derived one part. */
function describeDifference(exported: string, derived: string): Difference {
  const a = definitions(exported);
  const b = definitions(derived);
  if (!a || !b || a.head !== b.head) return { text: 'The statements differ before their column list.', definition: false };
  const namesA = new Set(a.parts.map((p) => p.column).filter((c) => c !== undefined));
  const namesB = new Set(b.parts.map((p) => p.column).filter((c) => c !== undefined));
  for (let i = 0; i < Math.max(a.parts.length, b.parts.length); i++) {
    const x = a.parts[i];
    const y = b.parts[i];
    if (x && y && x.raw === y.raw) continue;
    if (x && y && x.text === y.text) return { text: 'They differ only in spaces.', definition: false };
    const text =
      x?.column !== undefined && x.column === y?.column ? `Column '${x.column}' differs: ${x.text} in the export, ${y.text} from the entity.`
      : y?.column !== undefined && !namesA.has(y.column) ? `The entity has a column '${y.column}' (${y.text}) that the export does not.`
      : x?.column !== undefined && !namesB.has(x.column) ? `The export has a column '${x.column}' (${x.text}) that the entity does not.`
      : x?.column !== undefined && y?.column !== undefined ? `The columns are in another order: the export has '${x.column}' where the entity has '${y.column}'.`
      : `The export has ${x?.text ?? 'nothing'} where the entity gives ${y?.text ?? 'nothing'}.`;
    return { text, definition: true };
  }
  return { text: 'They differ after their column list.', definition: false };
}

interface Definition {
  /** Between the commas, as written. */
  raw: string;
  /** Trimmed, for messages. */
  text: string;
  /** The column's name, for a column definition. */
  column?: string;
}

/** `CREATE TABLE … (` (or `CREATE VIRTUAL TABLE … USING FTS4(`) and the definitions of the list, split at its top-level commas. */
function definitions(sql: string): { head: string; parts: Definition[] } | undefined {
  const tokens = tokenizeSql(sql);
  const open = tokens.findIndex((t) => isSymbol(t, '('));
  if (open < 0) return undefined;
  const close = closingParen(tokens, open);
  if (!isSymbol(tokens[close], ')') || close !== tokens.length - 1) return undefined;
  const parts: Definition[] = [];
  let from = tokens[open].end;
  let first: SqlToken | undefined;
  let second: SqlToken | undefined;
  let depth = 0;
  for (let i = open + 1; i <= close; i++) {
    const token = tokens[i];
    if (isSymbol(token, '(')) depth++;
    else if (isSymbol(token, ')') && i < close) depth--;
    if ((depth === 0 && isSymbol(token, ',')) || i === close) {
      const raw = sql.slice(from, token.start);
      // An FTS module argument (`tokenize=porter`, `content=`t``) opens with a name too, then `=`.
      const option = second !== undefined && isSymbol(second, '=');
      parts.push({ raw, text: raw.trim(), ...(first && isColumnName(first) && !option ? { column: first.value } : {}) });
      from = token.end;
      first = undefined;
      second = undefined;
      continue;
    }
    if (first === undefined) first = token;
    else second ??= token;
  }
  return { head: sql.slice(0, tokens[open].end), parts };
}

/** A definition that opens with a name is a column; a table constraint opens with a keyword. */
function isColumnName(token: SqlToken): boolean {
  return token.quoted === true || token.kind === 'identifier';
}
