import { isName, isSymbol, isWord, type SqlToken } from './sql-text';

/** `NEW.x` / `OLD.x` in the tokens: the row and the column name as written. */
export interface RowReference {
  row: 'NEW' | 'OLD';
  column: string;
}

export function rowReferences(tokens: SqlToken[]): RowReference[] {
  const out: RowReference[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    const row = rowReferenceAt(tokens, i);
    if (row) out.push(row);
  }
  return out;
}

/** The `NEW.x` / `OLD.x` that starts at `i`, if any. */
export function rowReferenceAt(tokens: SqlToken[], i: number): RowReference | undefined {
  if (!isWord(tokens[i], 'NEW', 'OLD') || !isSymbol(tokens[i + 1], '.') || !isName(tokens[i + 2])) return undefined;
  return { row: tokens[i].value.toUpperCase() as 'NEW' | 'OLD', column: tokens[i + 2].value };
}
