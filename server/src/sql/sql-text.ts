/**
 * SQL text as SQLite's tokenizer sees it: words, quoted names, strings, numbers, parameters and
 * punctuation, with comments set aside. Used where the structure of a statement matters but
 * SQLite's own parser cannot tell it (which foreign key is deferred, where one statement of a
 * script ends, what a trigger writes to). Pure: no SQLite needed.
 */

export type SqlTokenKind =
  | 'keyword'
  | 'identifier'
  | 'string'
  | 'blob'
  | 'number'
  | 'parameter'
  | 'punctuation'
  | 'operator'
  | 'comment'
  | 'unknown';

export interface SqlToken {
  kind: SqlTokenKind;
  /** The source text of the token. */
  text: string;
  /** Keywords in upper case; identifiers and strings without their quotes; otherwise the text. */
  value: string;
  /** A quoted identifier: `"x"`, `` `x` `` or `[x]`. */
  quoted?: boolean;
  /** A string, quoted identifier, blob or block comment that runs to the end of the text. */
  unterminated?: boolean;
  /** Offsets into the tokenized text (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
}

/** SQLite's keywords (https://sqlite.org/lang_keywords.html). Many may also be used as names. */
const KEYWORDS = new Set(
  (
    'ABORT ACTION ADD AFTER ALL ALTER ALWAYS ANALYZE AND AS ASC ATTACH AUTOINCREMENT BEFORE BEGIN ' +
    'BETWEEN BY CASCADE CASE CAST CHECK COLLATE COLUMN COMMIT CONFLICT CONSTRAINT CREATE CROSS ' +
    'CURRENT CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP DATABASE DEFAULT DEFERRABLE DEFERRED ' +
    'DELETE DESC DETACH DISTINCT DO DROP EACH ELSE END ESCAPE EXCEPT EXCLUDE EXCLUSIVE EXISTS ' +
    'EXPLAIN FAIL FILTER FIRST FOLLOWING FOR FOREIGN FROM FULL GENERATED GLOB GROUP GROUPS HAVING ' +
    'IF IGNORE IMMEDIATE IN INDEX INDEXED INITIALLY INNER INSERT INSTEAD INTERSECT INTO IS ISNULL ' +
    'JOIN KEY LAST LEFT LIKE LIMIT MATCH MATERIALIZED NATURAL NO NOT NOTHING NOTNULL NULL NULLS OF ' +
    'OFFSET ON OR ORDER OTHERS OUTER OVER PARTITION PLAN PRAGMA PRECEDING PRIMARY QUERY RAISE RANGE ' +
    'RECURSIVE REFERENCES REGEXP REINDEX RELEASE RENAME REPLACE RESTRICT RETURNING RIGHT ROLLBACK ' +
    'ROW ROWS SAVEPOINT SELECT SET TABLE TEMP TEMPORARY THEN TIES TO TRANSACTION TRIGGER UNBOUNDED ' +
    'UNION UNIQUE UPDATE USING VACUUM VALUES VIEW VIRTUAL WHEN WHERE WINDOW WITH WITHOUT'
  ).split(' '),
);

const THREE_CHAR_OPERATORS = ['->>'];
const TWO_CHAR_OPERATORS = ['||', '<<', '>>', '<=', '>=', '==', '!=', '<>', '->'];
const ONE_CHAR_OPERATORS = '=<>+-*/%&|~!';
const PUNCTUATION = '(),;.';

/** The tokens of `sql`; comments are left out unless asked for. Never throws. */
export function tokenizeSql(sql: string, options: { comments?: boolean } = {}): SqlToken[] {
  const tokens: SqlToken[] = [];
  let i = 0;
  const push = (kind: SqlTokenKind, start: number, end: number, value?: string, extra?: Partial<SqlToken>) => {
    const text = sql.slice(start, end);
    tokens.push({ kind, text, value: value ?? text, start, end, ...extra });
  };
  while (i < sql.length) {
    const c = sql[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '-' && sql[i + 1] === '-') {
      const newline = sql.indexOf('\n', i);
      i = newline < 0 ? sql.length : newline;
      if (options.comments) push('comment', start, i, sql.slice(start + 2, i));
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 2;
      if (options.comments) push('comment', start, i, sql.slice(start + 2, close < 0 ? sql.length : close), close < 0 ? { unterminated: true } : undefined);
      continue;
    }
    if ((c === 'x' || c === 'X') && sql[i + 1] === "'") {
      const { end, value, unterminated } = readQuoted(sql, i + 1, "'");
      i = end;
      push('blob', start, end, value, unterminated ? { unterminated } : undefined);
      continue;
    }
    if (c === "'") {
      const { end, value, unterminated } = readQuoted(sql, i, "'");
      i = end;
      push('string', start, end, value, unterminated ? { unterminated } : undefined);
      continue;
    }
    if (c === '"' || c === '`') {
      const { end, value, unterminated } = readQuoted(sql, i, c);
      i = end;
      push('identifier', start, end, value, { quoted: true, ...(unterminated ? { unterminated } : {}) });
      continue;
    }
    if (c === '[') {
      const close = sql.indexOf(']', i + 1);
      i = close < 0 ? sql.length : close + 1;
      push('identifier', start, i, sql.slice(start + 1, close < 0 ? sql.length : close), { quoted: true, ...(close < 0 ? { unterminated: true } : {}) });
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(sql[i + 1]))) {
      i = readNumber(sql, i);
      push('number', start, i);
      continue;
    }
    if (isWordStart(c)) {
      while (i < sql.length && isWordPart(sql[i])) i++;
      const word = sql.slice(start, i);
      const upper = word.toUpperCase();
      if (KEYWORDS.has(upper)) push('keyword', start, i, upper);
      else push('identifier', start, i);
      continue;
    }
    if (c === '?') {
      i++;
      while (i < sql.length && isDigit(sql[i])) i++;
      push('parameter', start, i);
      continue;
    }
    if ((c === ':' || c === '@' || c === '$') && i + 1 < sql.length && isWordPart(sql[i + 1])) {
      i++;
      while (i < sql.length && isWordPart(sql[i])) i++;
      push('parameter', start, i);
      continue;
    }
    const three = sql.slice(i, i + 3);
    const two = sql.slice(i, i + 2);
    if (THREE_CHAR_OPERATORS.includes(three)) {
      i += 3;
      push('operator', start, i);
    } else if (TWO_CHAR_OPERATORS.includes(two)) {
      i += 2;
      push('operator', start, i);
    } else if (ONE_CHAR_OPERATORS.includes(c)) {
      i++;
      push('operator', start, i);
    } else if (PUNCTUATION.includes(c)) {
      i++;
      push('punctuation', start, i);
    } else {
      i++;
      push('unknown', start, i);
    }
  }
  return tokens;
}

/** One statement of a script: its text without the closing `;` and without leading comments. */
export interface SqlStatementText {
  text: string;
  /** Offsets into the script. */
  start: number;
  end: number;
  tokens: SqlToken[];
}

/**
 * The statements of a script, split at `;` the way SQLite reads it: the `;`s inside a CREATE
 * TRIGGER body (up to its END, not a CASE's END) do not end the statement. Empty statements
 * (`;;`, comments only) are left out.
 */
export function splitSqlStatements(sql: string): SqlStatementText[] {
  const statements: SqlStatementText[] = [];
  let current: SqlToken[] = [];
  let inTriggerBody = false;
  let caseDepth = 0;
  const finish = () => {
    if (current.length > 0) {
      const start = current[0].start;
      const end = current[current.length - 1].end;
      statements.push({ text: sql.slice(start, end), start, end, tokens: current });
    }
    current = [];
    inTriggerBody = false;
    caseDepth = 0;
  };
  for (const token of tokenizeSql(sql)) {
    if (token.kind === 'punctuation' && token.value === ';' && !inTriggerBody) {
      finish();
      continue;
    }
    current.push(token);
    if (token.kind !== 'keyword') continue;
    if (token.value === 'CASE') caseDepth++;
    else if (token.value === 'END') {
      if (caseDepth > 0) caseDepth--;
      else inTriggerBody = false;
    } else if (token.value === 'BEGIN' && isCreateTrigger(current)) inTriggerBody = true;
  }
  finish();
  return statements;
}

function isCreateTrigger(tokens: SqlToken[]): boolean {
  let i = 0;
  if (!isWord(tokens[i++], 'CREATE')) return false;
  if (isWord(tokens[i], 'TEMP', 'TEMPORARY')) i++;
  return isWord(tokens[i], 'TRIGGER');
}

/** True when the token is one of `words` written bare (a keyword or an unquoted name), any case. */
export function isWord(token: SqlToken | undefined, ...words: string[]): boolean {
  if (!token || token.quoted || (token.kind !== 'keyword' && token.kind !== 'identifier')) return false;
  const upper = token.value.toUpperCase();
  return words.some((w) => w === upper);
}

/** True for punctuation or an operator with exactly this text. */
export function isSymbol(token: SqlToken | undefined, symbol: string): boolean {
  return !!token && (token.kind === 'punctuation' || token.kind === 'operator') && token.text === symbol;
}

/** A token that can name a table, column or other object (keywords may be names in SQLite). */
export function isName(token: SqlToken | undefined): boolean {
  return !!token && (token.kind === 'identifier' || token.kind === 'keyword' || token.kind === 'string');
}

/** SQLite compares names case-insensitively for ASCII letters only. */
export function sameSqlName(a: string, b: string): boolean {
  return asciiLower(a) === asciiLower(b);
}

export function asciiLower(name: string): string {
  return name.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Index of the `)` that closes the `(` at `open`, or the last index when it is never closed. */
export function closingParen(tokens: SqlToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isSymbol(tokens[i], '(')) depth++;
    else if (isSymbol(tokens[i], ')')) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return tokens.length - 1;
}

/** Splits tokens[from..to) at the commas that are not nested in parentheses. */
export function splitAtTopLevelCommas(tokens: SqlToken[], from: number, to: number): SqlToken[][] {
  const parts: SqlToken[][] = [];
  let part: SqlToken[] = [];
  let depth = 0;
  for (let i = from; i < to; i++) {
    const token = tokens[i];
    if (isSymbol(token, '(')) depth++;
    else if (isSymbol(token, ')')) depth--;
    if (depth === 0 && isSymbol(token, ',')) {
      parts.push(part);
      part = [];
    } else {
      part.push(token);
    }
  }
  parts.push(part);
  return parts;
}

/** The line and character reached after reading `text` up to `offset`, starting at `from`. */
export function advancePosition(from: { line: number; character: number }, text: string, offset: number): { line: number; character: number } {
  let line = from.line;
  let character = from.character;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      character = 0;
    } else {
      character++;
    }
  }
  return { line, character };
}

function readQuoted(sql: string, open: number, quote: string): { end: number; value: string; unterminated: boolean } {
  let value = '';
  let i = open + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) {
        value += quote;
        i += 2;
        continue;
      }
      return { end: i + 1, value, unterminated: false };
    }
    value += sql[i];
    i++;
  }
  return { end: sql.length, value, unterminated: true };
}

function readNumber(sql: string, i: number): number {
  if (sql[i] === '0' && (sql[i + 1] === 'x' || sql[i + 1] === 'X') && isHexDigit(sql[i + 2])) {
    i += 2;
    while (i < sql.length && (isHexDigit(sql[i]) || sql[i] === '_')) i++;
    return i;
  }
  while (i < sql.length && (isDigit(sql[i]) || sql[i] === '_')) i++;
  if (sql[i] === '.') {
    i++;
    while (i < sql.length && (isDigit(sql[i]) || sql[i] === '_')) i++;
  }
  if ((sql[i] === 'e' || sql[i] === 'E') && (isDigit(sql[i + 1]) || ((sql[i + 1] === '+' || sql[i + 1] === '-') && isDigit(sql[i + 2])))) {
    i += 2;
    while (i < sql.length && isDigit(sql[i])) i++;
  }
  return i;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isHexDigit(c: string | undefined): boolean {
  return c !== undefined && (isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
}

// SQLite treats every character from U+0080 up as part of a name.
function isWordStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c.charCodeAt(0) >= 0x80;
}

function isWordPart(c: string): boolean {
  return isWordStart(c) || isDigit(c) || c === '$';
}

/** The index SQLite gives each parameter token: `?` takes the next, `?N` is N, a repeated name keeps its first. */
export function parameterIndexes(tokens: SqlToken[]): Map<SqlToken, number> {
  const indexes = new Map<SqlToken, number>();
  const named = new Map<string, number>();
  let largest = 0;
  for (const token of tokens) {
    if (token.kind !== 'parameter') continue;
    let index: number;
    if (token.text === '?') index = largest + 1;
    else if (token.text.startsWith('?')) index = Number(token.text.slice(1));
    else index = named.get(token.text) ?? largest + 1;
    if (!token.text.startsWith('?')) named.set(token.text, index);
    largest = Math.max(largest, index);
    indexes.set(token, index);
  }
  return indexes;
}
