import { emptyFacts, type FileFacts, type Platform, type PostgresChange, type PostgresColumnFact, type PostgresTableName } from '../../model/facts';
import type { SourceLocation } from '../../model/location';
import { PgSyntaxError, type PostgresParser } from './postgres-parser';

/** The language id of Postgres migrations (`supabase/migrations/*.sql`). */
export const POSTGRES_MIGRATION_LANGUAGE = 'postgres-migration';

type Node = Record<string, unknown>;

/**
 * Statements that change no table's columns: Supabase migrations are full of them (policies,
 * functions, grants, publications). Any other statement makes what it names unknown.
 */
const NO_COLUMN_CHANGE = new Set([
  'CreateFunctionStmt', 'CreatePolicyStmt', 'AlterPolicyStmt', 'IndexStmt', 'GrantStmt', 'GrantRoleStmt',
  'CommentStmt', 'CreateExtensionStmt', 'AlterExtensionStmt', 'CreatePublicationStmt', 'AlterPublicationStmt',
  'CreateTrigStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt', 'SelectStmt', 'TransactionStmt', 'ViewStmt',
  'CreateSchemaStmt', 'AlterOwnerStmt', 'AlterDefaultPrivilegesStmt', 'CreateRoleStmt', 'AlterRoleStmt',
  'CreateSeqStmt', 'AlterSeqStmt', 'AlterFunctionStmt', 'CreateEventTrigStmt', 'NotifyStmt', 'CallStmt',
  'RuleStmt', 'VacuumStmt', 'AlterEnumStmt', 'CompositeTypeStmt', 'CreateDomainStmt',
]);

/** ALTER TABLE subcommands that leave the columns, their types and their nullability as they are. */
const NO_COLUMN_CHANGE_CMDS = new Set([
  'AT_DropConstraint', 'AT_EnableRowSecurity', 'AT_DisableRowSecurity', 'AT_ForceRowSecurity', 'AT_NoForceRowSecurity',
  'AT_ColumnDefault', 'AT_ChangeOwner', 'AT_ReplicaIdentity', 'AT_SetStatistics', 'AT_ValidateConstraint',
  'AT_EnableTrig', 'AT_DisableTrig', 'AT_EnableTrigAll', 'AT_DisableTrigAll', 'AT_EnableTrigUser', 'AT_DisableTrigUser',
  'AT_SetStorage', 'AT_SetOptions', 'AT_ResetOptions', 'AT_SetRelOptions', 'AT_ResetRelOptions',
]);

/**
 * A migration: each statement parsed by Postgres's own parser, and the changes it makes to tables,
 * in order. A statement that may change tables in a way not followed is an `unread` change; a file
 * Postgres would reject is unread from the statement it stops in.
 */
export function extractPostgresMigration(parser: PostgresParser, uri: string, text: string, platform: Platform): FileFacts {
  const facts = emptyFacts(uri, POSTGRES_MIGRATION_LANGUAGE, platform);
  const at = offsets(uri, text);
  let tree;
  try {
    tree = parser.parse(text);
  } catch (error) {
    // Said by not-analyzed only when a sync config needs the tables (see model/backend): a Supabase
    // project without one gets no finding from its migrations.
    const where = error instanceof PgSyntaxError ? at.position(error.byteOffset) : { line: 0, character: 0 };
    const loc = { uri, range: { start: where, end: where } };
    facts.syntaxErrors.push(loc);
    facts.postgresChanges = [{ kind: 'unread', reason: `Postgres's parser rejects this migration (${error instanceof Error ? error.message : String(error)})`, loc }];
    return facts;
  }
  const changes: PostgresChange[] = [];
  for (const { stmt, stmt_location: start = 0, stmt_len: length = 0 } of tree.stmts ?? []) {
    const loc = at.location(start, length === 0 ? Buffer.byteLength(text) : start + length);
    const [kind, node] = Object.entries(stmt)[0] as [string, Node];
    changes.push(...statementChanges(kind, node, loc));
  }
  facts.postgresChanges = changes;
  return facts;
}

function statementChanges(kind: string, node: Node, loc: SourceLocation): PostgresChange[] {
  switch (kind) {
    case 'CreateStmt': {
      const name = tableName(node.relation);
      if (!name) return [{ kind: 'unread', reason: 'a CREATE TABLE without a name', loc }];
      if (node.inhRelations || node.partbound || node.ofTypename) return [{ kind: 'unread', reason: `CREATE TABLE ${name.table} takes columns from another table or type`, name, loc }];
      const columns: PostgresColumnFact[] = [];
      const keys: string[] = [];
      for (const element of (node.tableElts as Node[] | undefined) ?? []) {
        if (element.ColumnDef) {
          const column = columnOf(element.ColumnDef as Node);
          if (!column) return [{ kind: 'unread', reason: `a column of ${name.table} could not be read`, name, loc }];
          columns.push(column);
        } else if (element.Constraint) {
          const constraint = element.Constraint as Node;
          if (constraint.contype === 'CONSTR_PRIMARY') keys.push(...strings(constraint.keys));
        } else {
          return [{ kind: 'unread', reason: `CREATE TABLE ${name.table} copies columns (LIKE)`, name, loc }];
        }
      }
      for (const column of columns) if (keys.includes(column.name)) column.notNull = true;
      return [{ kind: 'create-table', name, columns, loc }];
    }
    case 'CreateTableAsStmt': {
      const into = (node.into as Node | undefined)?.rel;
      const name = tableName(into);
      return [{ kind: 'unread', reason: 'CREATE TABLE … AS takes its columns from a query', ...(name ? { name } : {}), loc }];
    }
    case 'AlterTableStmt': {
      if (node.objtype !== 'OBJECT_TABLE') return [];
      const name = tableName(node.relation);
      if (!name) return [{ kind: 'unread', reason: 'an ALTER TABLE without a name', loc }];
      const out: PostgresChange[] = [];
      for (const item of (node.cmds as Node[] | undefined) ?? []) {
        const cmd = item.AlterTableCmd as Node;
        const subtype = String(cmd.subtype);
        const column = typeof cmd.name === 'string' ? cmd.name : undefined;
        if (subtype === 'AT_AddColumn') {
          const def = columnOf((cmd.def as Node | undefined)?.ColumnDef as Node | undefined);
          if (!def) out.push({ kind: 'unread', reason: `an added column of ${name.table} could not be read`, name, loc });
          else out.push({ kind: 'add-column', name, column: def, loc });
        } else if (subtype === 'AT_DropColumn' && column) out.push({ kind: 'drop-column', name, column, loc });
        else if (subtype === 'AT_SetNotNull' && column) out.push({ kind: 'set-not-null', name, column, notNull: true, loc });
        else if (subtype === 'AT_DropNotNull' && column) out.push({ kind: 'set-not-null', name, column, notNull: false, loc });
        else if (subtype === 'AT_AlterColumnType' && column) {
          const type = typeOf(((cmd.def as Node | undefined)?.ColumnDef as Node | undefined)?.typeName as Node | undefined);
          out.push(type ? { kind: 'column-type', name, column, pgType: type, loc } : { kind: 'unread', reason: `the new type of ${name.table}.${column} could not be read`, name, loc });
        } else if (subtype === 'AT_AddConstraint') {
          // A primary key makes its columns NOT NULL; other constraints leave the columns as they are.
          const constraint = (cmd.def as Node | undefined)?.Constraint as Node | undefined;
          if (constraint?.contype === 'CONSTR_PRIMARY') for (const key of strings(constraint.keys)) out.push({ kind: 'set-not-null', name, column: key, notNull: true, loc });
        } else if (!NO_COLUMN_CHANGE_CMDS.has(subtype)) out.push({ kind: 'unread', reason: `ALTER TABLE ${name.table} (${subtype.replace(/^AT_/, '')}) is not followed`, name, loc });
      }
      return out;
    }
    case 'RenameStmt': {
      const name = tableName(node.relation);
      if (node.renameType === 'OBJECT_COLUMN' && node.relationType === 'OBJECT_TABLE' && name && typeof node.subname === 'string' && typeof node.newname === 'string') {
        return [{ kind: 'rename-column', name, column: node.subname, to: node.newname, loc }];
      }
      if (node.renameType === 'OBJECT_TABLE' && name && typeof node.newname === 'string') return [{ kind: 'rename-table', name, to: node.newname, loc }];
      return [];
    }
    case 'DropStmt': {
      if (node.removeType !== 'OBJECT_TABLE') return [];
      return ((node.objects as Node[] | undefined) ?? []).flatMap((object): PostgresChange[] => {
        const parts = strings((object.List as Node | undefined)?.items);
        if (parts.length === 0) return [{ kind: 'unread', reason: 'a DROP TABLE whose table could not be read', loc }];
        return [{ kind: 'drop-table', name: { schema: parts.length > 1 ? parts[parts.length - 2] : 'public', table: parts[parts.length - 1] }, loc }];
      });
    }
    case 'CreateEnumStmt': {
      const parts = strings(node.typeName);
      return parts.length > 0 ? [{ kind: 'create-enum', type: parts[parts.length - 1], loc }] : [];
    }
    case 'VariableSetStmt':
      return node.name === 'search_path' ? [{ kind: 'unread', reason: 'SET search_path changes which schema unqualified tables are in', loc }] : [];
    default:
      if (NO_COLUMN_CHANGE.has(kind)) return [];
      return [{ kind: 'unread', reason: kind === 'DoStmt' ? 'a DO block may change tables in ways not followed' : `${kind.replace(/Stmt$/, '')} statements are not followed`, loc }];
  }
}

function tableName(relation: unknown): PostgresTableName | undefined {
  const r = relation as Node | undefined;
  if (!r || typeof r.relname !== 'string') return undefined;
  return { schema: typeof r.schemaname === 'string' ? r.schemaname : 'public', table: r.relname };
}

function columnOf(def: Node | undefined): PostgresColumnFact | undefined {
  if (!def || typeof def.colname !== 'string') return undefined;
  const pgType = typeOf(def.typeName as Node | undefined);
  if (!pgType) return undefined;
  let notNull = false;
  for (const item of (def.constraints as Node[] | undefined) ?? []) {
    const type = (item.Constraint as Node | undefined)?.contype;
    if (type === 'CONSTR_NOTNULL' || type === 'CONSTR_PRIMARY') notNull = true;
    if (type === 'CONSTR_NULL') notNull = false;
  }
  return { name: def.colname, pgType, notNull };
}

/** Serial types are integers with a sequence: what the table holds is the integer. */
const SERIAL: Record<string, string> = { serial: 'int4', serial4: 'int4', bigserial: 'int8', serial8: 'int8', smallserial: 'int2', serial2: 'int2' };

function typeOf(typeName: Node | undefined): string | undefined {
  const names = strings(typeName?.names);
  if (names.length === 0) return undefined;
  const last = names[names.length - 1];
  const base = SERIAL[last] ?? last;
  return typeName?.arrayBounds ? `${base}[]` : base;
}

function strings(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    const value = (item as Node)?.String as Node | undefined;
    return typeof value?.sval === 'string' ? [value.sval] : [];
  });
}

/** Postgres's positions are UTF-8 byte offsets; LSP's are UTF-16 characters per line. */
function offsets(uri: string, text: string) {
  const ascii = Buffer.byteLength(text) === text.length;
  const bytes = ascii ? undefined : Buffer.from(text);
  const toChar = (byte: number) => (bytes ? bytes.subarray(0, byte).toString('utf8').length : Math.min(byte, text.length));
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  const positionOfChar = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  };
  return {
    position: (byte: number) => positionOfChar(toChar(byte)),
    location(startByte: number, endByte: number): SourceLocation {
      let start = toChar(startByte);
      const end = toChar(endByte);
      while (start < end && /\s/.test(text[start])) start++;
      return { uri, range: { start: positionOfChar(start), end: positionOfChar(end) } };
    },
  };
}
