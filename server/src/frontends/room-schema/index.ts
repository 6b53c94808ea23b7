import { emptyFacts, type ExportedSchemaFact, type FileFacts, type Platform } from '../../model/facts';
import type { Position, SourceLocation } from '../../model/location';
import { jsonStringSpans } from './json-strings';

/** What Room writes in place of an entity's table name in an exported `createSql`. */
export const TABLE_NAME_PLACEHOLDER = '${TABLE_NAME}';

/** A Java/Kotlin class name, qualified or not: Room names the folder after the database class. */
const CLASS_NAME = /^[\p{L}_$][\p{L}\p{N}_$]*(\.[\p{L}_$][\p{L}\p{N}_$]*)*$/u;

/** Where Room's exported schema of a database version lives, read from the file's path. */
export interface RoomSchemaPath {
  /** The folder name: the fully qualified database class. */
  databaseClass: string;
  /** From the file name, `<version>.json`. */
  version: number;
  /** Folders between `schemas/` and the database folder (a variant's own folder), `/`-joined. */
  variant?: string;
}

/**
 * Room exports `<schemaDir>/<fully.qualified.DatabaseClass>/<version>.json`; with a schema folder
 * per variant that is `schemas/<variant>/<Db>/<version>.json`. Undefined for any other path: the
 * file name must be a version, its folder a class name, and some folder above it `schemas`.
 */
export function roomSchemaPath(filePath: string): RoomSchemaPath | undefined {
  const segments = filePath.split(/[\\/]/);
  if (segments.length < 3) return undefined;
  const match = /^(\d+)\.json$/.exec(segments[segments.length - 1]);
  const databaseClass = segments[segments.length - 2];
  if (!match || !CLASS_NAME.test(databaseClass)) return undefined;
  const schemas = segments.lastIndexOf('schemas', segments.length - 3);
  if (schemas < 0) return undefined;
  const variant = segments.slice(schemas + 1, segments.length - 2).join('/');
  return { databaseClass, version: Number(match[1]), ...(variant ? { variant } : {}) };
}

/**
 * Facts of a Room schema export: one `exportedSchemas` fact per entity, with its `createSql` and
 * index SQL as Room runs them (the `${TABLE_NAME}` placeholder replaced by the table's name) and the
 * place of its `createSql` value. A file that is no JSON, or no export Rawsync can read (no
 * `database.entities`, a version that is no whole number or not the file's), is marked unread with
 * why, and gives no tables; an entity without a table name or `createSql` is left out.
 */
export function extractRoomSchemaFacts(uri: string, filePath: string, text: string, platform: Platform, sourceSet?: string): FileFacts {
  const facts = emptyFacts(uri, 'room-schema-json', platform);
  facts.sourceSet = sourceSet;
  const lines = lineStarts(text);
  facts.end = positionAt(lines, text.length);
  const where = roomSchemaPath(filePath);
  if (!where) return facts;
  const unread = (reason: string) => {
    facts.unread = { reason, from: { line: 0, character: 0 } };
    return facts;
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return unread(`it is not valid JSON: ${jsonError(error, lines, text.charCodeAt(0) === 0xfeff ? 1 : 0)}`);
  }
  const database = isObject(doc) ? doc.database : undefined;
  const entities = isObject(database) ? database.entities : undefined;
  if (!isObject(database) || !Array.isArray(entities)) return unread('it has no database.entities list, the tables of a Room schema export');
  const version = database.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) return unread('its database.version is not a whole number');
  if (version !== where.version) return unread(`its database.version ${version} is not the version ${where.version} its file name gives`);
  const createSqlAt = new Map<number, SourceLocation>();
  for (const span of jsonStringSpans(text, isEntityCreateSql)) {
    createSqlAt.set(span.path[2] as number, { uri, range: { start: positionAt(lines, span.start), end: positionAt(lines, span.end) } });
  }
  entities.forEach((entity, i) => {
    if (!isObject(entity)) return;
    const { tableName, createSql } = entity;
    if (typeof tableName !== 'string' || tableName === '' || typeof createSql !== 'string') return;
    const loc = createSqlAt.get(i);
    if (!loc) return;
    const indexSql = Array.isArray(entity.indices)
      ? entity.indices.flatMap((index) => (isObject(index) && typeof index.createSql === 'string' ? [withTableName(index.createSql, tableName)] : []))
      : [];
    const fact: ExportedSchemaFact = { databaseClass: where.databaseClass, version, tableName, createSql: withTableName(createSql, tableName), indexSql, loc };
    if (where.variant) fact.variant = where.variant;
    facts.exportedSchemas.push(fact);
  });
  return facts;
}

function isEntityCreateSql(path: readonly (string | number)[]): boolean {
  return path.length === 4 && path[0] === 'database' && path[1] === 'entities' && typeof path[2] === 'number' && path[3] === 'createSql';
}

function withTableName(sql: string, tableName: string): string {
  return sql.split(TABLE_NAME_PLACEHOLDER).join(tableName);
}

/** JSON.parse's message, with the line and column of its position when it gives one. */
function jsonError(error: unknown, lines: number[], offsetShift: number): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /at position (\d+)/.exec(message);
  if (!at) return message;
  const { line, character } = positionAt(lines, Number(at[1]) + offsetShift);
  return `${message.replace(/\s*\(line \d+ column \d+\)$/, '')} (line ${line + 1}, column ${character + 1})`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** Offsets are UTF-16 code units, so the character is already an LSP character. */
function positionAt(starts: number[], offset: number): Position {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low, character: offset - starts[low] };
}
