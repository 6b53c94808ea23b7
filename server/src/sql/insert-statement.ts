import { closingParen, isName, isSymbol, isWord, splitAtTopLevelCommas, splitSqlStatements, type SqlToken } from './sql-text';

export type ConflictAction = 'ABORT' | 'FAIL' | 'IGNORE' | 'REPLACE' | 'ROLLBACK';

/** The shape of an INSERT/REPLACE statement, as far as raw-table rules care. */
export interface InsertStatement {
  /** `INSERT OR <action>`; `REPLACE INTO` reads as `REPLACE`. Undefined for a plain INSERT. */
  orAction?: ConflictAction;
  table: string;
  /** The column list; undefined when the statement has none (all columns, in table order). */
  columns?: string[];
  /** For each column of the list (or of the table, positionally), the `?` parameter bound, if any. */
  valueTokens: SqlToken[][];
  /** `ON CONFLICT … DO UPDATE SET c = …` clauses, with the columns they set. */
  upserts: { target?: string[]; action: 'UPDATE' | 'NOTHING'; setColumns: string[] }[];
  /** Offsets of the `INSERT`/`REPLACE` keyword through the `INTO` keyword, for messages and fixes. */
  verbStart: number;
  verbEnd: number;
}

/** Reads the first statement of `sql` as an INSERT; undefined for anything else. Never throws. */
export function readInsertStatement(sql: string): InsertStatement | undefined {
  const statement = splitSqlStatements(sql)[0];
  if (!statement) return undefined;
  const t = statement.tokens;
  let i = 0;
  if (isWord(t[i], 'WITH')) return undefined; // CTE inserts are beyond what we read
  const verbStart = t[i]?.start ?? 0;
  let orAction: ConflictAction | undefined;
  if (isWord(t[i], 'REPLACE')) {
    orAction = 'REPLACE';
    i++;
  } else if (isWord(t[i], 'INSERT')) {
    i++;
    if (isWord(t[i], 'OR')) {
      const action = t[i + 1]?.value.toUpperCase();
      if (!action || !['ABORT', 'FAIL', 'IGNORE', 'REPLACE', 'ROLLBACK'].includes(action)) return undefined;
      orAction = action as ConflictAction;
      i += 2;
    }
  } else return undefined;
  if (!isWord(t[i], 'INTO')) return undefined;
  const verbEnd = t[i].end;
  i++;
  if (!isName(t[i])) return undefined;
  let table = t[i].value;
  i++;
  if (isSymbol(t[i], '.') && isName(t[i + 1])) {
    table = t[i + 1].value; // schema-qualified: main.todo
    i += 2;
  }
  if (isWord(t[i], 'AS') && isName(t[i + 1])) i += 2;
  let columns: string[] | undefined;
  if (isSymbol(t[i], '(')) {
    const close = closingParen(t, i);
    if (close < 0) return undefined;
    columns = splitAtTopLevelCommas(t, i + 1, close).map((group) => group.map((tok) => tok.value).join(''));
    i = close + 1;
  }
  let valueTokens: SqlToken[][] = [];
  if (isWord(t[i], 'VALUES') && isSymbol(t[i + 1], '(')) {
    const close = closingParen(t, i + 1);
    if (close < 0) return undefined;
    valueTokens = splitAtTopLevelCommas(t, i + 2, close);
    i = close + 1;
  }
  const upserts: InsertStatement['upserts'] = [];
  while (i < t.length) {
    if (isWord(t[i], 'ON') && isWord(t[i + 1], 'CONFLICT')) {
      i += 2;
      let target: string[] | undefined;
      if (isSymbol(t[i], '(')) {
        const close = closingParen(t, i);
        if (close < 0) break;
        target = splitAtTopLevelCommas(t, i + 1, close).map((g) => g[0]?.value ?? '');
        i = close + 1;
        if (isWord(t[i], 'WHERE')) while (i < t.length && !isWord(t[i], 'DO')) i++;
      }
      if (!isWord(t[i], 'DO')) break;
      if (isWord(t[i + 1], 'NOTHING')) {
        upserts.push({ target, action: 'NOTHING', setColumns: [] });
        i += 2;
        continue;
      }
      if (!isWord(t[i + 1], 'UPDATE') || !isWord(t[i + 2], 'SET')) break;
      i += 3;
      const setColumns: string[] = [];
      let depth = 0;
      let expectColumn = true;
      for (; i < t.length; i++) {
        if (depth === 0 && (isWord(t[i], 'ON') || isWord(t[i], 'RETURNING') || isWord(t[i], 'WHERE'))) break;
        if (isSymbol(t[i], '(')) depth++;
        else if (isSymbol(t[i], ')')) depth--;
        if (depth === 0 && isSymbol(t[i], ',')) {
          expectColumn = true;
          continue;
        }
        if (expectColumn && depth === 0 && isName(t[i]) && isSymbol(t[i + 1], '=')) {
          setColumns.push(t[i].value);
          expectColumn = false;
        }
      }
      upserts.push({ target, action: 'UPDATE', setColumns });
      if (isWord(t[i], 'WHERE')) while (i < t.length && !isWord(t[i], 'ON') && !isWord(t[i], 'RETURNING')) i++;
      continue;
    }
    i++;
  }
  return { orAction, table, columns, valueTokens, upserts, verbStart, verbEnd };
}
